import type { PaperLibrary } from './library';
import type { Paper } from './paper';
import { words } from './text';

/** Run-together words shorter than this match too much to be worth looking for inside titles. */
const MIN_RUN_TOGETHER = 4;

interface KeyTables {
  /** Papers in key order, for prefixes. */
  readonly byKey: readonly Paper[];
  /** Per paper in `byKey`, its title's and key's words run together: `achievinghumanlevel…tabletennis`. */
  readonly runTogether: readonly string[];
}

const tables = new WeakMap<PaperLibrary, KeyTables>();

function tablesFor(library: PaperLibrary): KeyTables {
  let made = tables.get(library);
  if (!made) {
    const byKey = [...library.papers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    made = { byKey, runTogether: byKey.map((p) => `${words(p.title).join('')} ${words(p.key).join('')}`) };
    tables.set(library, made);
  }
  return made;
}

/**
 * The papers a citation key typed in part may mean, best first: those whose key starts with
 * it, then the library search's hits for its words (so title words and typos find a paper),
 * then those whose title, its words run together, contains it (`tabletenn`). With nothing
 * typed yet, the first papers by key.
 */
export function papersForTypedKey(library: PaperLibrary, typed: string, limit: number): Paper[] {
  const { byKey, runTogether } = tablesFor(library);
  const prefix = typed.trim().toLowerCase();
  const found = new Set<Paper>();
  for (let i = lowerBound(byKey, prefix); i < byKey.length && found.size < limit && byKey[i].key.startsWith(prefix); i++) found.add(byKey[i]);
  if (!prefix) return [...found];

  for (const hit of library.search(typed, limit)) found.add(hit.paper);
  const run = words(typed).join('');
  if (run.length >= MIN_RUN_TOGETHER) {
    for (let i = 0; i < byKey.length && found.size < limit; i++) if (runTogether[i].includes(run)) found.add(byKey[i]);
  }
  return [...found].slice(0, limit);
}

/** The first position in `byKey` whose key is not before `key`. */
function lowerBound(byKey: readonly Paper[], key: string): number {
  let lo = 0;
  let hi = byKey.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byKey[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
