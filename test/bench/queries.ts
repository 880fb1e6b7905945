import { seededRandom } from './generateLibrary';

/** Search queries asked of a library, the same mix in the core benchmark (bench.ts) and the extension host's. */
export interface Query {
  readonly text: string;
  /** The title the query was made from, when it is a known-item query. */
  readonly wanted?: string;
}

/** The longest word of a title with its middle letter dropped, the way fingers slip. */
export function withTypo(title: string): string {
  const words = title.split(' ');
  const at = words.reduce((best, w, i) => (w.length > words[best].length ? i : best), 0);
  const w = words[at];
  words[at] = w.slice(0, w.length >> 1) + w.slice((w.length >> 1) + 1);
  return words.join(' ');
}

/** A third known titles with a typo, a third cut short, a third topic words. */
export function makeQueries(titles: readonly string[], abstracts: readonly string[], count: number): Query[] {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const queries: Query[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * titles.length);
    const title = titles[at];
    if (i % 3 === 0) queries.push({ text: withTypo(title), wanted: title });
    else if (i % 3 === 1) queries.push({ text: title.split(' ').slice(0, Math.max(2, Math.ceil(title.split(' ').length * 0.6))).join(' '), wanted: title });
    else {
      const words = abstracts[at].split(/\W+/).filter((w) => w.length > 4);
      queries.push({ text: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words)).join(' ') });
    }
  }
  return queries;
}
