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
export function* themeVectors(docs: readonly ThemeDocument[], memo?: FeatureMemo): Work<SparseVector[]> {
  const features = new FeatureCounter();
  // Each document's features (by first-use number) and their weighted counts, cut from shared
  // blocks: one array of them all, grown by copying, held the thread for long at 100,000 papers.
  const usedPool = new ArrayPool((length) => new Int32Array(length));
  const countPool = new ArrayPool((length) => new Float32Array(length));
  const used: Int32Array[] = [];
  const counted: Float32Array[] = [];
  for (const doc of docs) {
    const known = memo?.get(doc);
    features.recording = memo !== undefined && !known;
    if (known) features.replay(known);
    else {
      features.addText(words(doc.title), TITLE_WEIGHT, true);
      for (const keyword of doc.keywords ?? []) features.addText(words(keyword), KEYWORD_WEIGHT, true);
      features.addText(words(doc.abstract).slice(0, ABSTRACT_WORDS), ABSTRACT_WEIGHT, false);
      const venueWords = words(doc.venue ?? '');
      for (const word of venueWords) if (isContentWord(word)) features.add(features.named(`venue:${stem(word)}`), VENUE_WEIGHT);
      // Its numbers (a volume, an arXiv identifier) differ from paper to paper.
      const venueName = venueWords.filter((w) => !/\d/.test(w)).join(' ');
      if (venueName) features.add(features.named(`in:${venueName}`), WHOLE_VENUE_WEIGHT);
      for (const author of doc.authors ?? []) features.add(features.named(`author:${words(familyName(author)).join(' ')}`), AUTHOR_WEIGHT);
    }
    if (memo && !known) memo.set(doc, features.counted());
    const { ids, counts } = features.endDocument(usedPool, countPool);
    used.push(ids);
    counted.push(counts);
    yield;
  }
  const { documentFrequency } = features;
  // Only features of two documents or more are kept, numbered in the same order.
  const featureId = new Int32Array(documentFrequency.length).fill(-1);
  const idf = new Float64Array(documentFrequency.length);
  let kept = 0;
  for (let raw = 0; raw < documentFrequency.length; raw++) {
    if ((raw + 1) % 8192 === 0) yield;
    if (documentFrequency[raw] < 2) continue;
    idf[kept] = inverseDocumentFrequency(docs.length, documentFrequency[raw]);
    featureId[raw] = kept++;
  }
  const idArrays = new ArrayPool((length) => new Int32Array(length));
  const weightArrays = new ArrayPool((length) => new Float32Array(length));
  const vectors: SparseVector[] = [];
  // A document's kept features as `id * KEY_SPAN + k` (k: its place in the document's counts),
  // sorted as plain numbers: a sort with a comparator per document was a third of the vectors' time.
  let order = new Float64Array(256);
  let raw = new Float64Array(256);
  for (let d = 0; d < docs.length; d++) {
    const ids = used[d];
    const counts = counted[d];
    if (ids.length > order.length) [order, raw] = [new Float64Array(2 * ids.length), new Float64Array(2 * ids.length)];
    let n = 0;
    for (let k = 0; k < ids.length; k++) if (featureId[ids[k]] >= 0) order[n++] = featureId[ids[k]] * KEY_SPAN + k;
    // By id, which is by first use: a document's features were counted in the order it uses them.
    order.subarray(0, n).sort();
    const vectorIds = idArrays.take(n);
    const weights = weightArrays.take(n);
    let norm = 0;
    for (let j = 0; j < n; j++) {
      const id = Math.floor(order[j] / KEY_SPAN);
      const k = order[j] - id * KEY_SPAN;
      const w = termFrequencyWeight(counts[k]) * idf[id] * (features.namesNoTopic[ids[k]] ? NO_TOPIC_WORD_SCALE : 1);
      norm += w * w;
      vectorIds[j] = id;
      raw[j] = w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < n; j++) weights[j] = raw[j] / norm;
    vectors.push({ ids: vectorIds, weights });
    if (d % 64 === 0) yield;
  }
  return vectors;
}

/** More than any document's features: a sort key's id and place in the document stay apart, and exact. */
const KEY_SPAN = 2 ** 21;

/** A document's features as `FeatureCounter` counted them, in order of first use: by name, or as a pair of two before it. */
interface CountedFeatures {
  readonly names: readonly string[];
  /** Per feature, the places of a word pair's two words among the document's features; -1, -1 for a named feature. */
  readonly pairs: Int32Array;
  readonly counts: Float32Array;
  /** Per feature, 1 for a word the document writes in a form that names no topic alone (see `namesNoTopicAlone`). */
  readonly noTopic: Uint8Array;
}

/**
 * Each document's features as counted by `themeVectors`, kept for its next call over some of
 * the same documents: placing papers added to a library reads its sample of papers again at
 * every update, and reading their words was most of it. The vectors come out the same: the
 * features are numbered and counted as when read from the words.
 */
export class FeatureMemo {
  private readonly kept = new WeakMap<ThemeDocument, CountedFeatures>();

  get(doc: ThemeDocument): CountedFeatures | undefined {
    return this.kept.get(doc);
  }

  set(doc: ThemeDocument, features: CountedFeatures): void {
    this.kept.set(doc, features);
  }
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
  /** Whether the document at hand is read for `counted`: then which of its features its own words mark so. */
  recording = false;
  private readonly noTopicHere: boolean[] = [];
  /** The document at hand's count of each feature, and which it has, in order of first use. */
  private readonly counts: number[] = [];
  private readonly present: number[] = [];
  /** Each feature's name, or for a word pair (named '') its two words' features (see `FeatureMemo`). */
  private readonly nameOf: string[] = [];
  private readonly pairOf: number[] = [];
  /** Per feature, its place among the document at hand's features, while `counted` or `replay` runs. */
  private readonly place: number[] = [];

  named(name: string): number {
    let id = this.byName.get(name);
    if (id === undefined) this.byName.set(name, (id = this.newFeature(name)));
    return id;
  }

  private pair(first: number, second: number): number {
    const key = (first + 1) * PAIR_BASE + second;
    let pair = this.byPair.get(key);
    if (pair === undefined) {
      this.byPair.set(key, (pair = this.newFeature('')));
      this.pairOf[2 * pair] = first;
      this.pairOf[2 * pair + 1] = second;
    }
    return pair;
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
      if (this.recording && this.namesNoTopic[id] && namesNoTopicAlone(word)) this.noTopicHere[id] = true;
      this.add(id, weight);
      if (pairs && previous >= 0) this.add(this.pair(previous, id), weight);
      previous = id;
    }
  }

  /** The document at hand's features as counted so far, for `replay` to count again. */
  counted(): CountedFeatures {
    const { present } = this;
    const names: string[] = [];
    const pairs = new Int32Array(2 * present.length);
    const counts = new Float32Array(present.length);
    const noTopic = new Uint8Array(present.length);
    present.forEach((id, k) => {
      this.place[id] = k;
      noTopic[k] = this.noTopicHere[id] ? 1 : 0;
      this.noTopicHere[id] = false;
      const pair = this.pairOf[2 * id] >= 0;
      names.push(this.nameOf[id]);
      pairs[2 * k] = pair ? this.place[this.pairOf[2 * id]] : -1;
      pairs[2 * k + 1] = pair ? this.place[this.pairOf[2 * id + 1]] : -1;
      counts[k] = this.counts[id];
    });
    return { names, pairs, counts, noTopic };
  }

  /** Counts a document's features as `counted` gave them: numbered as reading its words again would number them. */
  replay({ names, pairs, counts, noTopic }: CountedFeatures): void {
    names.forEach((name, k) => {
      const id = pairs[2 * k] < 0 ? this.named(name) : this.pair(this.present[pairs[2 * k]], this.present[pairs[2 * k + 1]]);
      if (noTopic[k]) this.namesNoTopic[id] = true;
      this.present.push(id);
      this.counts[id] = counts[k];
    });
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

  private newFeature(name: string): number {
    this.counts.push(0);
    this.nameOf.push(name);
    this.pairOf.push(-1, -1);
    this.place.push(0);
    return this.documentFrequency.push(0) - 1;
  }
}

/** How many features the vectors span: one past the highest id. */
export function featureCount(vectors: readonly SparseVector[]): number {
  let most = 0;
  for (const { ids } of vectors) if (ids.length) most = Math.max(most, ids[ids.length - 1] + 1);
  return most;
}
