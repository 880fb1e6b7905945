/** What papers are clustered by: sparse TF-IDF vectors of their words, word pairs, keywords, venue and authors. */
import type { Work } from '../work/slices';
import { isContentWord, stem, words } from '../search/text';
import { familyName } from '../model/paperByline';
import { namesNoTopicAlone } from './topicWords';
import { ArrayPool, inverseDocumentFrequency, termFrequencyWeight, type SparseVector, type TextDocument } from '../search/termVectors';

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
/**
 * Venue and authors tie papers of one field together: in a library of several fields, they
 * keep a paper whose title words are another field's too ("time series", "learning") with its
 * own. Weighed as a title's words are; they name no topic, and naming reads words only.
 */
const VENUE_WEIGHT = 2;
const AUTHOR_WEIGHT = 2;
/** A venue's whole name, beside its words: "Journal of Glaciology" says more than "journal". */
const WHOLE_VENUE_WEIGHT = 2;
/**
 * A word that names no topic alone ("problem", "model", "analysis") ties papers less than a
 * topic's word: "scheduling problem" and "obstacle problem" share a word, not a field. Its
 * pairs ("inverse problem") weigh in full.
 */
const NO_TOPIC_WORD_SCALE = 0.5;

/**
 * Each document's unit-length TF-IDF vector over the features that at least two documents
 * share (a feature of one document links it to nothing). Word pairs come from titles and
 * keywords only: in abstracts they multiply the vocabulary for little gain. Features are
 * numbered in order of first use: the same documents give the same ids.
 */
export function* themeVectors(docs: readonly ThemeDocument[]): Work<SparseVector[]> {
  const features = new FeatureCounter();
  // Each document's features (by first-use number) and their weighted counts, cut from shared
  // blocks: one array of them all, grown by copying, held the thread for long at 100,000 papers.
  const usedPool = new ArrayPool((length) => new Int32Array(length));
  const countPool = new ArrayPool((length) => new Float32Array(length));
  const used: Int32Array[] = [];
  const counted: Float32Array[] = [];
  for (const doc of docs) {
    features.addText(words(doc.title), TITLE_WEIGHT, true);
    for (const keyword of doc.keywords ?? []) features.addText(words(keyword), KEYWORD_WEIGHT, true);
    features.addText(words(doc.abstract).slice(0, ABSTRACT_WORDS), ABSTRACT_WEIGHT, false);
    const venueWords = words(doc.venue ?? '');
    for (const word of venueWords) if (isContentWord(word)) features.add(features.named(`venue:${stem(word)}`), VENUE_WEIGHT);
    // Its numbers (a volume, an arXiv identifier) differ from paper to paper.
    const venueName = venueWords.filter((w) => !/\d/.test(w)).join(' ');
    if (venueName) features.add(features.named(`in:${venueName}`), WHOLE_VENUE_WEIGHT);
    for (const author of doc.authors ?? []) features.add(features.named(`author:${words(familyName(author)).join(' ')}`), AUTHOR_WEIGHT);
    const { ids, counts } = features.endDocument(usedPool, countPool);
    used.push(ids);
    counted.push(counts);
    yield;
  }
  const { documentFrequency } = features;
  // Only features of two documents or more are kept, numbered in the same order.
  const featureId = new Int32Array(documentFrequency.length).fill(-1);
  const idf: number[] = [];
  for (let raw = 0; raw < documentFrequency.length; raw++) {
    if ((raw + 1) % 8192 === 0) yield;
    if (documentFrequency[raw] < 2) continue;
    featureId[raw] = idf.length;
    idf.push(inverseDocumentFrequency(docs.length, documentFrequency[raw]));
  }
  const idArrays = new ArrayPool((length) => new Int32Array(length));
  const weightArrays = new ArrayPool((length) => new Float32Array(length));
  const vectors: SparseVector[] = [];
  const order: number[] = [];
  for (let d = 0; d < docs.length; d++) {
    order.length = 0;
    const ids = used[d];
    const counts = counted[d];
    for (let k = 0; k < ids.length; k++) if (featureId[ids[k]] >= 0) order.push(k);
    // By id, which is by first use: a document's features were counted in the order it uses them.
    order.sort((a, b) => ids[a] - ids[b]);
    const vectorIds = idArrays.take(order.length);
    const weights = weightArrays.take(order.length);
    let norm = 0;
    const raw = order.map((k) => {
      const id = featureId[ids[k]];
      const w = termFrequencyWeight(counts[k]) * idf[id] * (features.namesNoTopic[ids[k]] ? NO_TOPIC_WORD_SCALE : 1);
      norm += w * w;
      return w;
    });
    norm = Math.sqrt(norm) || 1;
    order.forEach((k, j) => {
      vectorIds[j] = featureId[ids[k]];
      weights[j] = raw[j] / norm;
    });
    vectors.push({ ids: vectorIds, weights });
    if (d % 64 === 0) yield;
  }
  return vectors;
}

/** A word pair's key is its two words' feature numbers side by side: numbers, not strings, at a million pairs. */
const PAIR_BASE = 2 ** 26;

/**
 * Numbers features in order of first use, counts the document at hand's, and how many
 * documents use each. A word is filtered and stemmed once, not at each of its millions of uses.
 */
class FeatureCounter {
  readonly documentFrequency: number[] = [];
  private readonly byName = new Map<string, number>();
  private readonly byPair = new Map<number, number>();
  /** Each word's feature, -1 for a word that says nothing of a topic. */
  private readonly byWord = new Map<string, number>();
  /** Per feature, whether it is a word that names no topic alone (see `NO_TOPIC_WORD_SCALE`). */
  readonly namesNoTopic: boolean[] = [];
  /** The document at hand's count of each feature, and which it has, in order of first use. */
  private readonly counts: number[] = [];
  private readonly present: number[] = [];

  named(name: string): number {
    let id = this.byName.get(name);
    if (id === undefined) this.byName.set(name, (id = this.newFeature()));
    return id;
  }

  add(id: number, weight: number): void {
    if (this.counts[id] === 0) this.present.push(id);
    this.counts[id] += weight;
  }

  addText(text: readonly string[], weight: number, pairs: boolean): void {
    let previous = -1;
    for (const word of text) {
      let id = this.byWord.get(word);
      if (id === undefined) {
        this.byWord.set(word, (id = isContentWord(word) ? this.named(stem(word)) : -1));
        if (id >= 0 && namesNoTopicAlone(word)) this.namesNoTopic[id] = true;
      }
      if (id < 0) continue;
      this.add(id, weight);
      if (pairs && previous >= 0) {
        const key = (previous + 1) * PAIR_BASE + id;
        let pair = this.byPair.get(key);
        if (pair === undefined) this.byPair.set(key, (pair = this.newFeature()));
        this.add(pair, weight);
      }
      previous = id;
    }
  }

  /** The document's features and counts, in order of first use; cleared for the next. */
  endDocument(idPool: ArrayPool<Int32Array>, countPool: ArrayPool<Float32Array>): { ids: Int32Array; counts: Float32Array } {
    const ids = idPool.take(this.present.length);
    const counts = countPool.take(this.present.length);
    this.present.forEach((id, k) => {
      ids[k] = id;
      counts[k] = this.counts[id];
      this.documentFrequency[id]++;
      this.counts[id] = 0;
    });
    this.present.length = 0;
    return { ids, counts };
  }

  private newFeature(): number {
    this.counts.push(0);
    return this.documentFrequency.push(0) - 1;
  }
}

/** How many features the vectors span: one past the highest id. */
export function featureCount(vectors: readonly SparseVector[]): number {
  let most = 0;
  for (const { ids } of vectors) if (ids.length) most = Math.max(most, ids[ids.length - 1] + 1);
  return most;
}
