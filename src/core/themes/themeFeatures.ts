/** What papers are clustered by: sparse TF-IDF vectors of their words, word pairs, keywords, venue and authors. */
import type { Work } from '../work/slices';
import { contentTerms, isContentWord, stem, words } from '../search/text';
import { familyName } from '../model/paperByline';
import { inverseDocumentFrequency, termFrequencyWeight, type SparseVector, type TextDocument } from '../search/termVectors';

/** A paper as theming reads it: its text, and what its bibliography entry adds when there is one. */
export interface ThemeDocument extends TextDocument {
  readonly keywords?: readonly string[];
  readonly venue?: string;
  readonly authors?: readonly string[];
}

/** Words of an abstract read: a long abstract says no more about its topic after its first paragraph. */
const ABSTRACT_WORDS = 200;
/** How much each part of an entry counts. A title and keywords are the entry's own summary of its topic. */
const TITLE_WEIGHT = 2;
const KEYWORD_WEIGHT = 2;
const ABSTRACT_WEIGHT = 1;
/** Venue and authors tie papers of one field together, but say nothing of the topic alone. */
const VENUE_WEIGHT = 1;
const AUTHOR_WEIGHT = 1;
/** A word pair's key is its two word ids side by side: numbers, not strings, at a million pairs. */
const PAIR_BASE = 2 ** 22;

/**
 * Each document's unit-length TF-IDF vector over the features that at least two documents
 * share (a feature of one document links it to nothing). Word pairs come from titles and
 * keywords only: in abstracts they multiply the vocabulary for little gain.
 */
export function* themeVectors(docs: readonly ThemeDocument[]): Work<SparseVector[]> {
  const wordIds = new Map<string, number>();
  const wordId = (word: string) => {
    let id = wordIds.get(word);
    if (id === undefined) wordIds.set(word, (id = wordIds.size));
    return id;
  };
  const documentFrequency = new Map<number, number>();
  const counted: Map<number, number>[] = [];
  for (const doc of docs) {
    const counts = new Map<number, number>();
    const add = (key: number, weight: number) => counts.set(key, (counts.get(key) ?? 0) + weight);
    const addText = (terms: readonly string[], weight: number, pairs: boolean) => {
      let previous = -1;
      for (const term of terms) {
        const id = wordId(term);
        add(id, weight);
        if (pairs && previous >= 0) add((previous + 1) * PAIR_BASE + id, weight);
        previous = id;
      }
    };
    addText(contentTerms(doc.title), TITLE_WEIGHT, true);
    for (const keyword of doc.keywords ?? []) addText(contentTerms(keyword), KEYWORD_WEIGHT, true);
    addText(words(doc.abstract).slice(0, ABSTRACT_WORDS).filter(isContentWord).map(stem), ABSTRACT_WEIGHT, false);
    for (const word of words(doc.venue ?? '')) if (isContentWord(word)) add(wordId(`venue:${stem(word)}`), VENUE_WEIGHT);
    for (const author of doc.authors ?? []) add(wordId(`author:${words(familyName(author)).join(' ')}`), AUTHOR_WEIGHT);
    for (const key of counts.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
    counted.push(counts);
    yield;
  }
  const featureIds = new Map<number, number>();
  const idf: number[] = [];
  // Numbered in order of first use: the same documents give the same ids.
  let seen = 0;
  for (const [key, df] of documentFrequency) {
    if (++seen % 8192 === 0) yield;
    if (df < 2) continue;
    featureIds.set(key, idf.length);
    idf.push(inverseDocumentFrequency(docs.length, df));
  }
  const vectors: SparseVector[] = [];
  for (const counts of counted) {
    const kept: [number, number][] = [];
    for (const [key, count] of counts) {
      const id = featureIds.get(key);
      if (id !== undefined) kept.push([id, termFrequencyWeight(count) * idf[id]]);
    }
    kept.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(kept.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    vectors.push({ ids: Int32Array.from(kept, ([id]) => id), weights: Float32Array.from(kept, ([, w]) => w / norm) });
    yield;
  }
  counted.length = 0;
  return vectors;
}

/** How many features the vectors span: one past the highest id. */
export function featureCount(vectors: readonly SparseVector[]): number {
  let most = 0;
  for (const { ids } of vectors) if (ids.length) most = Math.max(most, ids[ids.length - 1] + 1);
  return most;
}
