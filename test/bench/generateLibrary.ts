import type { PaperEntry } from '../../src/core/model/paper';
import { words } from '../../src/core/search/text';

/** mulberry32: a small seeded PRNG, so every run generates the same library. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedPaper {
  readonly title: string;
  readonly abstract: string;
  /** `Family, Given`, as `Paper.authors`; a seed-format file does not carry them (see `seedFormat`). */
  readonly authors: readonly string[];
  readonly year: number;
}

/** Family names recombined from these halves: 1,600 of them, a few with accents, as in real libraries. */
const NAME_STARTS = 'Ab Bar Cal Dam Eck Fal Gar Hal Ib Jan Kel Lor Mor Nor Ost Pal Quin Ros Sal Tor Ul Van Wal Yam Zel Bö Dü Lå Mé Ró Chen Li Wang Zhao Kim Park Sato Ito Rao Das'.split(' ');
const NAME_ENDS = 'ard berg cott dahl erson field gaard hart ington kov lund mann nez ota pour quist rich son stein ton vik wood zer ski ard la ez ani ura ino ova ić er ley ham sen ström ani ek ov'.split(' ');
const GIVEN_NAMES = 'Ada Ben Chloé Dev Emil Fatima Gustav Hana Ivan Jun Kofi Lena Mateo Nadia Omar Priya Quentin Rosa Sven Tomás Uma Viktor Wei Yara Zoltán'.split(' ');

/**
 * `count` papers recombined from the seed papers: a title is the start of one seed title
 * joined to the end of another, an abstract is 4–9 sentences drawn from all the seed
 * abstracts. Titles are unique, so the library loads without duplicate warnings.
 */
export function generatePapers(seeds: readonly PaperEntry[], count: number, seed = 42): GeneratedPaper[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // Their own sequence, so that the titles and abstracts are those generated before there were authors.
  const other = seededRandom(seed + 1);
  const pickOther = <T>(items: readonly T[]): T => items[Math.floor(other() * items.length)];
  const people = () => ({
    authors: Array.from({ length: 1 + Math.floor(other() * 5) }, () => `${pickOther(NAME_STARTS)}${pickOther(NAME_ENDS)}, ${pickOther(GIVEN_NAMES)}`),
    year: 1990 + Math.floor(other() * 36),
  });
  const titleWords = seeds.map((s) => s.title.split(/\s+/));
  const sentences = seeds.flatMap((s) => s.abstract.match(/[^.!?]+[.!?]+(\s|$)/g) ?? []).map((s) => s.trim());
  const seen = new Set<string>();
  const papers: GeneratedPaper[] = [];
  while (papers.length < count) {
    const head = pick(titleWords);
    const tail = pick(titleWords);
    const cut = 1 + Math.floor(random() * (head.length - 1 || 1));
    // At most 20 words, without a closing full stop: real titles, as the parser knows them.
    const joined = [...head.slice(0, cut), ...tail.slice(Math.floor(random() * tail.length))].slice(0, 20);
    let title = joined.join(' ').replace(/[,;:.!?-]+$/, '');
    title = title.charAt(0).toUpperCase() + title.slice(1);
    // The parser treats titles that differ only in case or punctuation as the same title.
    if (seen.has(words(title).join(' '))) title = `${title} ${pick(titleWords).at(-1)} ${papers.length}`;
    seen.add(words(title).join(' '));
    const length = 4 + Math.floor(random() * 6);
    const abstract = Array.from({ length }, () => pick(sentences)).join(' ');
    papers.push({ title, abstract, ...people() });
  }
  return papers;
}

/** A library file in the seed format made of the given papers. */
export function seedFormat(papers: readonly { readonly title: string; readonly abstract: string }[]): Uint8Array {
  return Buffer.from(`Saved page header\n\n${papers.map((p) => `${p.title}\n\n${p.abstract}\n\n`).join('')}`);
}
