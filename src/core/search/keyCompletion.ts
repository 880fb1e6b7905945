// Looks papers up by a partly typed key or title words, for citation completion.
import type { LibraryView } from '../model/libraryView';
import type { Paper } from '../model/paper';
import { finish, mapWork, sortWork, type Work } from '../work/slices';
import { familyName } from '../model/paperByline';
import { words, wordsRunTogether } from './text';

/** Run-together words shorter than this match too much to be worth looking for inside titles. */
const MIN_RUN_TOGETHER = 4;
/** As in the library search, a typed word finds the title words it starts from three letters on. */
const MIN_WORD_PREFIX = 3;

/**
 * What completion looks papers up in, made once per library: even in a large library a
 * completion must answer in a few milliseconds, far sooner than a full-text search.
 */
interface KeyTables {
  /** Papers in key order, case folded, for prefixes. */
  readonly byKey: readonly Paper[];
  /** Per paper in `byKey`, how many words its title has: shorter titles are offered first. */
  readonly titleLengths: Uint16Array;
  /** Per paper in `byKey`, its title's and key's words run together: `achievinghumanlevel…tabletennis`. */
  readonly runTogether: readonly string[];
  /** Every title word, author's family name and year, sorted, and the papers (positions in `byKey`) that have it. */
  readonly vocabulary: readonly string[];
  readonly papersWith: readonly Int32Array[];
}

const tables = new WeakMap<LibraryView, KeyTables>();

/** Makes the library's completion tables ahead of the first completion, in slices. */
export function* prepareKeyTables(library: LibraryView): Work<void> {
  if (tables.has(library)) return;
  // Each paper read once, in library order, and the tables then put in key order: going
  // through the papers themselves in key order is several times slower in a large library.
  const { papers } = library;
  // Case does not count in a key typed (`@dblp:jour` finds `DBLP:journals/…`).
  const keys = yield* mapWork(papers, (p) => p.key.toLowerCase());
  const wordsOf = yield* mapWork(papers, (p) => words(p.title));
  // Authors' family names and the year are looked up as title words are (`@hinton belief`), and
  // the first author's run together with the year as keys often are (`@hinton06`, `@hinton2006`).
  const namesOf = yield* mapWork(papers, (p) => [...(p.authors ?? []).flatMap((a) => words(familyName(a))), ...(p.year === undefined ? [] : [String(p.year)])]);
  const runOf = yield* mapWork(wordsOf, (title, i) => `${title.join('')} ${wordsRunTogether(keys[i])}${authorYear(papers[i])}`);
  const order = yield* sortWork([...keys.keys()], (a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  const byKey = yield* mapWork(order, (i) => papers[i]);
  const titleWords = yield* mapWork(order, (i) => wordsOf[i]);
  const nameWords = yield* mapWork(order, (i) => namesOf[i]);
  const runTogether = yield* mapWork(order, (i) => runOf[i]);
  const holders = new Map<string, number[]>();
  for (let i = 0; i < byKey.length; i++) {
    for (const word of new Set([...titleWords[i], ...nameWords[i]])) {
      const list = holders.get(word);
      if (list) list.push(i);
      else holders.set(word, [i]);
    }
    yield;
  }
  const vocabulary = yield* sortWork([...holders.keys()], (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const papersWith = yield* mapWork(vocabulary, (word) => Int32Array.from(holders.get(word)!));
  const titleLengths = Uint16Array.from(titleWords, (w) => w.length);
  tables.set(library, { byKey, titleLengths, runTogether, vocabulary, papersWith });
}

/** ` hinton2006 hinton06` for a paper whose first author is Hinton, of 2006; '' without both. */
function authorYear({ authors, year }: Paper): string {
  const first = authors?.[0];
  if (!first || year === undefined) return '';
  const name = wordsRunTogether(familyName(first));
  return ` ${name}${year} ${name}${String(year).slice(-2)}`;
}

function tablesFor(library: LibraryView): KeyTables {
  finish(prepareKeyTables(library));
  return tables.get(library)!;
}

/**
 * The papers a citation key typed in part may mean, best first: those whose key starts with
 * it; then those whose title has a word starting with each typed word, shortest titles first;
 * then those whose title, its words run together, contains it (`tabletenn`); and only when
 * none of these finds anything, the library search, which forgives typos, once its index is
 * made. With nothing typed yet, the first papers by key.
 */
export async function papersForTypedKey(library: LibraryView, typed: string, limit: number): Promise<Paper[]> {
  const tables = tablesFor(library);
  const { byKey, runTogether } = tables;
  const prefix = typed.trim().toLowerCase();
  const found = new Set<Paper>();
  const lowerKey = (p: Paper) => p.key.toLowerCase();
  for (let i = lowerBound(byKey, prefix, lowerKey); i < byKey.length && found.size < limit && lowerKey(byKey[i]).startsWith(prefix); i++) found.add(byKey[i]);
  if (!prefix) return [...found];

  if (found.size < limit) for (const i of withTitleWordPrefixes(tables, words(typed), limit)) found.add(byKey[i]);
  // Words run together are one word typed (`tabletenn`), or short words (`do as`); longer words were found by their starts above.
  const typedWords = words(typed);
  const run = typedWords.join('');
  if (run.length >= MIN_RUN_TOGETHER && (typedWords.length === 1 || typedWords.every((w) => w.length < MIN_WORD_PREFIX))) {
    for (let i = 0; i < byKey.length && found.size < limit; i++) if (runTogether[i].includes(run)) found.add(byKey[i]);
  }
  // Not before the index is made (a large library's first moments): making it at once would hold the thread.
  if (found.size === 0 && library.hasIndex) for (const hit of await library.search(typed, limit)) found.add(hit.paper);
  return [...found].slice(0, limit);
}

/**
 * Papers (positions in `byKey`) whose title has, for each typed word, a word starting with it:
 * the candidates come from the typed word with the fewest papers, and are checked against the others.
 */
function withTitleWordPrefixes({ vocabulary, papersWith, titleLengths }: KeyTables, typed: readonly string[], limit: number): number[] {
  // Two letters start too many words to look through; they only narrow what longer words found.
  if (!typed.some((word) => word.length >= MIN_WORD_PREFIX)) return [];
  const ranges = typed.map((word) => {
    const start = lowerBound(vocabulary, word, (w) => w);
    let end = start;
    let papers = 0;
    while (end < vocabulary.length && vocabulary[end].startsWith(word)) papers += papersWith[end++].length;
    return { word, start, end, papers };
  });
  const [rarest, ...others] = [...ranges].sort((a, b) => Number(a.word.length < MIN_WORD_PREFIX) - Number(b.word.length < MIN_WORD_PREFIX) || a.papers - b.papers);
  // Marks, not sets, and buckets by title length rather than a sort: a common word's papers run to tens of thousands.
  const papersOf = (range: { start: number; end: number }, within?: Uint8Array) => {
    const marked = new Uint8Array(titleLengths.length);
    for (let v = range.start; v < range.end; v++) for (const i of papersWith[v]) if (!within || within[i]) marked[i] = 1;
    return marked;
  };
  const allowed = others.reduce<Uint8Array | undefined>((within, other) => papersOf(other, within), undefined);
  const seen = new Uint8Array(titleLengths.length);
  const byLength: number[][] = [];
  for (let v = rarest.start; v < rarest.end; v++) {
    for (const i of papersWith[v]) {
      if (seen[i] || (allowed && !allowed[i])) continue;
      seen[i] = 1;
      (byLength[titleLengths[i]] ??= []).push(i);
    }
  }
  const shortestFirst: number[] = [];
  for (const bucket of byLength) if (bucket && shortestFirst.length < limit) shortestFirst.push(...bucket.sort((a, b) => a - b).slice(0, limit - shortestFirst.length));
  return shortestFirst;
}

/** The first position in `sorted` whose key is not before `key`. */
function lowerBound<T>(sorted: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(sorted[mid]) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
