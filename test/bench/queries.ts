import { familyName } from '../../src/core/model/paperByline';
import { foldAccents, STOP_WORDS, words } from '../../src/core/search/text';
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

/** A query and the paper (by position) it was made from, for recall: is that paper in the top ten? */
export interface RecallQuery {
  readonly text: string;
  readonly wanted: number;
}

interface RecallPaper {
  readonly title: string;
  readonly abstract: string;
  readonly authors?: readonly string[];
  readonly year?: number;
}

/** Papers read to tell how rare a word is: enough to rank words, far fewer than 100,000 abstracts to read. */
const RARITY_SAMPLE = 5000;

/**
 * Queries a researcher makes from memory of one paper: three words of its abstract that its
 * title lacks (the rarest, as a remembered name or phrase is), and its first author's family
 * name with its year, accents left out as typed (`Bostrom 2014`).
 */
export function makeRecallQueries(papers: readonly RecallPaper[], count: number): { abstractWords: RecallQuery[]; authorYear: RecallQuery[] } {
  const random = seededRandom(11);
  const wordsOf = (text: string) => new Set(words(text).filter((w) => w.length > 3 && !STOP_WORDS.has(w)));
  const papersWith = new Map<string, number>();
  for (let i = 0; i < Math.min(RARITY_SAMPLE, papers.length); i++) for (const w of wordsOf(papers[Math.floor(random() * papers.length)].abstract)) papersWith.set(w, (papersWith.get(w) ?? 0) + 1);
  const abstractWords: RecallQuery[] = [];
  const authorYear: RecallQuery[] = [];
  for (let q = 0; q < count; q++) {
    const wanted = Math.floor(random() * papers.length);
    const { title, abstract, authors, year } = papers[wanted];
    const inTitle = wordsOf(title);
    const rarest = [...wordsOf(abstract)].filter((w) => !inTitle.has(w)).sort((a, b) => (papersWith.get(a) ?? 0) - (papersWith.get(b) ?? 0) || (a < b ? -1 : 1));
    if (rarest.length >= 3) abstractWords.push({ text: rarest.slice(0, 3).join(' '), wanted });
    if (authors?.length && year !== undefined) authorYear.push({ text: `${foldAccents(familyName(authors[0]))} ${year}`, wanted });
  }
  return { abstractWords, authorYear };
}
