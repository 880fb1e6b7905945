// Citation keys made from each paper's own title, stable when other papers come and go.
import { finish, mapWork, type Work } from '../work/slices';
import { foldAccents, shortHash, STOP_WORDS, words } from '../search/text';

/**
 * Citation keys are derived from the paper alone, so adding or removing other papers never
 * changes them; only a paper whose title yields the same key makes both take a longer key,
 * chosen from their own titles, whatever order they were loaded in.
 *
 * Every key matches pandoc's rule: it starts with a letter, digit or `_`, and any other
 * punctuation is internal. We only ever use lower-case letters, digits and single `-`.
 */
export const PANDOC_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*$/u;

const BASE_WORDS = 3;

/** The key a paper gets when no other paper's title clashes with it. */
export function citationKeyFor(title: string, abstract = ''): string {
  return keyCandidates(title, abstract)[0];
}

/**
 * The keys a paper may take, shortest and most readable first: the acronym before a colon
 * (`LIMO: Less is More…` → `limo`), else the first significant title words; then ever longer
 * forms; last, forms made unique by a hash of the title (and of the abstract, for two entries
 * that share a title).
 */
export function keyCandidates(title: string, abstract = ''): string[] {
  const significant = words(title).filter((w) => !STOP_WORDS.has(w));
  const all = significant.length > 0 ? significant : words(title);
  const candidates: string[] = [];
  const acronym = acronymBeforeColon(title);
  const rest = acronym ? words(title.slice(title.indexOf(':') + 1)).filter((w) => !STOP_WORDS.has(w)) : all;
  if (acronym) {
    candidates.push(acronym);
    for (let n = 2; n <= rest.length; n++) candidates.push([acronym, ...rest.slice(0, n)].join('-'));
  } else {
    for (let n = Math.min(BASE_WORDS, all.length) || 1; n <= all.length; n++) candidates.push(all.slice(0, n).join('-'));
  }
  const longest = candidates.at(-1) || 'paper';
  if (candidates.length === 0) candidates.push(longest);
  candidates.push(`${longest}-${shortHash(title).slice(0, 4)}`, `${longest}-${shortHash(`${title}\n${abstract}`)}`);
  return candidates;
}

/** `LIMO: …` → `limo`, `Skill-Mix: …` → `skill-mix`, `MoE^2: …` → `moe2`; none for `Skills Made to Order: …`. */
function acronymBeforeColon(title: string): string | undefined {
  const colon = title.indexOf(':');
  if (colon <= 0) return undefined;
  const head = foldAccents(title.slice(0, colon)).trim();
  if (/\s/.test(head) || head.length > 24 || !/\p{Lu}/u.test(head)) return undefined;
  const key = head
    .toLowerCase()
    .replace(/[^\p{L}\p{N}-]+/gu, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return key.length >= 2 && PANDOC_KEY.test(key) ? key : undefined;
}

export interface Keyable {
  readonly title: string;
  readonly abstract: string;
}

/**
 * Unique keys for a set of papers, none of them `reserved`. A group that shares a key all
 * move on to their next candidate together, so the outcome does not depend on the order of
 * the papers; a paper whose key is reserved moves on alone.
 */
export function assignCitationKeys(papers: readonly Keyable[], reserved: ReadonlySet<string> = new Set()): string[] {
  return finish(uniqueKeys(papers, reserved));
}

function* uniqueKeys(papers: readonly Keyable[], reserved: ReadonlySet<string>): Work<string[]> {
  const candidates = yield* mapWork(papers, (p) => keyCandidates(p.title, p.abstract));
  const level = new Array<number>(papers.length).fill(0);
  const keyOf = (i: number) => candidates[i][level[i]];
  for (;;) {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < papers.length; i++) {
      const key = keyOf(i);
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
      if (i % 1024 === 0) yield;
    }
    let moved = false;
    for (const [key, group] of groups) {
      if (group.length < 2 && !reserved.has(key)) continue;
      for (const i of group) {
        if (level[i] < candidates[i].length - 1) {
          level[i]++;
          moved = true;
        }
      }
    }
    if (!moved) break;
    yield;
  }
  // Entries identical in title and abstract are dropped by the parser; if any reach here
  // (say from two files), number them in file order rather than give two papers one key.
  const taken = new Set(reserved);
  return yield* mapWork(papers, (_, i) => {
    const base = keyOf(i);
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    return key;
  });
}

/**
 * The key of every entry: its own when its file gives one (kept exactly, even when another
 * entry has it too), else one computed from its title that no file's key takes.
 */
export function* citationKeysFor(entries: readonly KeyedEntry[]): Work<string[]> {
  const computed = yield* uniqueKeys(
    entries.filter((e) => e.key === undefined),
    ownKeysOf(entries),
  );
  let next = 0;
  return entries.map((e) => e.key ?? computed[next++]);
}

export type KeyedEntry = Keyable & { readonly key?: string };

function ownKeysOf(entries: readonly KeyedEntry[]): Set<string> {
  const keys = new Set<string>();
  for (const { key } of entries) if (key !== undefined) keys.add(key);
  return keys;
}

/**
 * A key's family: its first word. Every candidate of a paper (see `keyCandidates`), and so its
 * key, starts with its first candidate; two papers that share a candidate therefore share a
 * family, and a paper's key can change only when papers of its family come or go.
 */
function keyFamily(key: string): string {
  const dash = key.indexOf('-');
  return dash < 0 ? key : key.slice(0, dash);
}

/**
 * What `citationKeysFor(entries)` gives, worked out from an earlier library's keys: only the
 * computed keys of the families (see `keyFamily`) that entries joined or left are settled
 * again, so that adding a paper to a large library does not key them all again.
 * `earlierKeys[i]` is entry i's key in the earlier library, undefined for an entry new to it;
 * `removedKeys` are the keys the earlier library's entries that are gone had there.
 */
export function* updatedCitationKeys(
  entries: readonly KeyedEntry[],
  earlierKeys: readonly (string | undefined)[],
  removedKeys: readonly string[],
): Work<string[]> {
  const touched = new Set(removedKeys.map(keyFamily));
  // Each entry's family: its key's for an entry the earlier library had, else its first candidate's.
  const families = yield* mapWork(entries, (entry, i) => keyFamily(earlierKeys[i] ?? entry.key ?? keyCandidates(entry.title, entry.abstract)[0]));
  for (const [i, family] of families.entries()) if (earlierKeys[i] === undefined) touched.add(family);
  yield;
  const settled: number[] = [];
  for (const [i, family] of families.entries()) if (entries[i].key === undefined && touched.has(family)) settled.push(i);
  yield;
  const keys = yield* uniqueKeys(
    settled.map((i) => entries[i]),
    ownKeysOf(entries),
  );
  const result = yield* mapWork(entries, (e, i) => e.key ?? earlierKeys[i]!);
  settled.forEach((i, k) => (result[i] = keys[k]));
  return result;
}
