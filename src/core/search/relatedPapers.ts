// Related papers: each paper's nearest neighbours by TF-IDF similarity, kept and updated.
import type { PaperMetadata } from '../model/paper';
import type { Work } from '../work/slices';
import { BestHits } from './bestHits';
import { contentTerms, words } from './text';
import {
  documentTerms,
  type ExtraTerm,
  inverseDocumentFrequency,
  strongestTerms,
  termFrequencyWeight,
  TITLE_COUNTS,
  weighAndNormalise,
  type DocumentTerms,
  type SparseVector,
  TermSpace,
  type TermsMemo,
  type TextDocument,
} from './termVectors';

/** A paper as related papers read it: its text, and what its entry says of its authors, venue and keywords. */
export type RelatedDocument = TextDocument & Pick<PaperMetadata, 'authors' | 'venue' | 'keywords'>;

export interface RelatedHit {
  /** Position of the paper in the library. */
  readonly id: number;
  /** Cosine similarity of the two papers' TF-IDF vectors, with the same-theme bonus. */
  readonly score: number;
}

/**
 * Most entries of a real library have no abstract, and a title alone says little: what else an
 * entry carries tells its field and topic. Each author (their family name and first initial,
 * the first `AUTHORS_COUNTED` of them) is a term, so that papers of the same people meet; the
 * venue is one term whole and its words are terms, as are the words of the entry's keywords.
 * Prefixed terms never meet a word of a title. IDF weighs them as any term: a venue
 * thousands of papers share says little, an author of three papers much.
 */
export function entryTerms(doc: RelatedDocument): ExtraTerm[] {
  return new EntryTerms().of(doc);
}

/** `entryTerms` for many papers: the same authors and venues recur, and reading a name's words is slow enough to matter at 100,000 papers. */
class EntryTerms {
  private readonly authors = new Map<string, ExtraTerm | null>();
  private readonly venues = new Map<string, readonly ExtraTerm[]>();

  of({ authors, venue, keywords }: RelatedDocument): ExtraTerm[] {
    const out: ExtraTerm[] = [];
    const authorCount = Math.min(authors?.length ?? 0, AUTHORS_COUNTED);
    for (let a = 0; a < authorCount; a++) {
      const author = authors![a];
      let term = this.authors.get(author);
      if (term === undefined) this.authors.set(author, (term = authorTerm(author) ?? null));
      if (term) out.push(term);
    }
    if (venue) {
      let terms = this.venues.get(venue);
      if (!terms) this.venues.set(venue, (terms = venueTerms(venue)));
      for (const term of terms) out.push(term);
    }
    for (const keyword of keywords ?? []) for (const term of contentTerms(keyword)) out.push({ term, weight: KEYWORD_WEIGHT });
    return out;
  }
}

function authorTerm(author: string): ExtraTerm | undefined {
  const [family, given = ''] = author.split(',', 2);
  const name = words(family).join(' ');
  return name ? { term: `author:${name} ${words(given)[0]?.[0] ?? ''}`.trimEnd(), weight: AUTHOR_WEIGHT } : undefined;
}

function venueTerms(venue: string): ExtraTerm[] {
  // A venue's numbers (volume, an arXiv identifier) differ from paper to paper.
  const name = words(venue).filter((w) => !/\d/.test(w)).join(' ');
  const whole = name ? [{ term: `venue:${name}`, weight: VENUE_WEIGHT }] : [];
  return [...whole, ...contentTerms(venue).map((term) => ({ term, weight: VENUE_WORD_WEIGHT }))];
}

const AUTHORS_COUNTED = 12;
const AUTHOR_WEIGHT = 2;
const VENUE_WEIGHT = 2;
const VENUE_WORD_WEIGHT = 0.5;
const KEYWORD_WEIGHT = 1;

/** How many of a paper's most telling terms are used to find its neighbours. */
const QUERY_TERMS = 24;
/** A reader of a paper looks next at its theme: neighbours in the same theme rank higher. */
const SAME_THEME_BONUS = 3;
/** Postings moved between pauses by an update (see `RelatedPapers.updated`). */
const POSTINGS_PER_SLICE = 1 << 18;

/** Papers' strongest terms copied at once by an update: a large library's all at once would touch too much new memory in one step, and a first touch is slow. */
const PAPERS_PER_RUN = 8192;

/** When an update that has moved so many postings, or strongest terms, pauses: after every `POSTINGS_PER_SLICE`. */
class CopyPauses {
  private next = POSTINGS_PER_SLICE;

  due(moved: number): boolean {
    if (moved < this.next) return false;
    this.next = moved + POSTINGS_PER_SLICE;
    return true;
  }
}

/** How a library's papers map onto those of the library it was updated from (see `EntryChanges`). */
export interface RelatedUpdate {
  /** Per paper, the earlier paper it is, or -1 for one added. */
  readonly earlierOf: Int32Array;
  /** Per earlier paper, the paper it is now, or -1 for one removed. */
  readonly laterOf: Int32Array;
  /** The papers added, by position. */
  readonly added: readonly number[];
  /** Every paper, by position. */
  readonly docs: readonly RelatedDocument[];
}

/**
 * Content-based related papers: cosine similarity over TF-IDF vectors, computed through an
 * inverted index from the paper's strongest terms, so it stays fast at 100,000 papers.
 */
export class RelatedPapers {
  private constructor(
    private readonly tables: RelatedTables,
    /** Each term id's term: where an update places the terms of the papers it adds. */
    private readonly terms: TermList,
    private readonly themeOf: (id: number) => string,
  ) {}

  /** Each paper's score in the request at hand, zero outside one (see `for`). */
  private scores?: Float64Array;

  /** The term space related papers are found in: the papers' text and their entries' terms (see `entryTerms`). */
  static *termSpace(docs: readonly RelatedDocument[]): Work<TermSpace> {
    const terms = new EntryTerms();
    return yield* TermSpace.build(docs, undefined, (doc) => terms.of(doc));
  }

  /** Inverts the vectors (of `termSpace`) a paper at a time, pausing between them. */
  static *build(space: TermSpace, themeOf: (id: number) => string): Work<RelatedPapers> {
    const postings = yield* invert(space.vectors, space.vocabulary.size);
    return new RelatedPapers({ ...postings, ...(yield* strongestOfEach(space.vectors)) }, new TermList(space.terms), themeOf);
  }

  /**
   * The related papers of a library updated from this one's, without making every paper's
   * vector again (long for a large library): the kept papers' postings and strongest terms
   * moved to where the papers are now, the removed papers' dropped, and the added papers'
   * vectors weighed by this library's document frequencies with theirs. The kept papers keep
   * their weights, which a library made afresh would weigh by its own frequencies: nearly the
   * same when few papers change. Undefined when the terms saved with the tables do not fit them.
   */
  *updated({ earlierOf, laterOf, added, docs }: RelatedUpdate, themeOf: (id: number) => string, memo?: TermsMemo): Work<RelatedPapers | undefined> {
    const earlierTermCount = this.tables.starts.length - 1;
    const terms = [...this.terms.list];
    if (terms.length !== earlierTermCount) return undefined;
    const idOf = new Map<string, number>();
    for (let t = 0; t < terms.length; t++) {
      idOf.set(terms[t], t);
      if (t % 8192 === 0) yield;
    }
    // New terms are numbered after the earlier ones, which keep their ids.
    const termId = (term: string) => idOf.get(term) ?? (idOf.set(term, terms.length), terms.push(term) - 1);
    const vectors = added.map((at) => termCountVector(memo?.of(docs[at]) ?? documentTerms(docs[at]), entryTerms(docs[at]), termId));
    const { starts } = this.tables;
    const documentFrequency = new Int32Array(terms.length);
    for (let t = 0; t < earlierTermCount; t++) documentFrequency[t] = starts[t + 1] - starts[t];
    for (const v of vectors) for (const id of v.ids) documentFrequency[id]++;
    const idf = Float64Array.from(documentFrequency, (df) => inverseDocumentFrequency(earlierOf.length, df));
    for (const v of vectors) weighAndNormalise(v, idf);
    yield;
    const postings = yield* movedPostings(this.tables, laterOf, terms.length, added, vectors);
    const strongest = new Map(added.map((at, k) => [at, strongestTerms(vectors[k], QUERY_TERMS)]));
    const queries = yield* movedQueries(this.tables, earlierOf, strongest);
    return new RelatedPapers({ ...postings, ...queries }, new TermList(terms), themeOf);
  }

  /**
   * Related papers saved by `save`, if saved for `contentHash` and `paperCount` papers; checked
   * in slices, as a damaged file must not point past the papers. Views over `bytes`, not copies.
   */
  static *restore(bytes: Uint8Array, contentHash: string, paperCount: number, themeOf: (id: number) => string): Work<RelatedPapers | undefined> {
    const saved = savedIn(bytes, contentHash, paperCount);
    return saved && (yield* wellFormed(saved.tables, paperCount)) ? new RelatedPapers(saved.tables, new TermList(saved.terms), themeOf) : undefined;
  }

  /**
   * Whether a file starting with `head` holds related papers saved for `contentHash`, so that
   * the file (large for a large library) is read only then. Its first kilobyte is enough.
   */
  static savedFor(head: Uint8Array, contentHash: string): boolean {
    return savedHeader(head, contentHash) !== undefined;
  }

  /**
   * A header line of JSON, padded to 8 bytes, then the tables' bytes as they are in memory:
   * read back far faster than they are rebuilt (see test/bench/README.md).
   * Then the terms, one a line.
   */
  save(contentHash: string): Uint8Array[] {
    const lengths = TABLES.map((name) => this.tables[name].length);
    const terms = this.terms.encoded();
    const header = JSON.stringify({ schema: SAVED_SCHEMA, byteOrder: BYTE_ORDER, contentHash, lengths, termBytes: terms.length } satisfies SavedHeader);
    const padded = header.padEnd(Math.ceil((header.length + 1) / 8) * 8 - 1) + '\n';
    return [new TextEncoder().encode(padded), ...TABLES.map((name) => new Uint8Array(this.tables[name].buffer, this.tables[name].byteOffset, this.tables[name].byteLength)), terms];
  }

  /**
   * Scores are summed in an array over the papers, kept between requests, and the best kept as
   * they come: at 100,000 papers a request touches tens of thousands, which a map and a sort of
   * them all made slow (see test/bench/README.md).
   */
  for(id: number, limit: number): RelatedHit[] {
    const { starts, docs, weights: docWeights, queryStarts, queryTerms, queryWeights } = this.tables;
    const scores = (this.scores ??= new Float64Array(queryStarts.length - 1));
    const touched: number[] = [];
    for (let k = queryStarts[id]; k < queryStarts[id + 1]; k++) {
      const term = queryTerms[k];
      const weight = queryWeights[k];
      for (let j = starts[term]; j < starts[term + 1]; j++) {
        const doc = docs[j];
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += weight * docWeights[j];
      }
    }
    const theme = this.themeOf(id);
    const best = new BestHits<RelatedHit>(limit);
    for (const doc of touched) {
      const score = scores[doc];
      // Cleared for the next request; a paper touched twice (a zero weight) is counted once.
      scores[doc] = 0;
      if (doc !== id && score > 0 && best.wouldKeep(score * SAME_THEME_BONUS, doc)) {
        best.offer({ id: doc, score: this.themeOf(doc) === theme ? score * SAME_THEME_BONUS : score });
      }
    }
    return best.best();
  }
}

/**
 * Flat arrays, not two per term or per paper: at 100,000 papers, hundreds of thousands of
 * small typed arrays make the garbage collector pause for long. For each term `t`, the papers
 * that have it and its weight in each are at `starts[t]` to `starts[t + 1]` of `docs` and
 * `weights`; paper `p`'s strongest terms and their weights (what its neighbours are found by)
 * at `queryStarts[p]` to `queryStarts[p + 1]` of `queryTerms` and `queryWeights`.
 */
interface RelatedTables {
  readonly starts: Int32Array;
  readonly docs: Int32Array;
  readonly weights: Float32Array;
  readonly queryStarts: Int32Array;
  readonly queryTerms: Int32Array;
  readonly queryWeights: Float32Array;
}

/** The tables in the order saved, each with its element type. */
const TABLES = ['starts', 'docs', 'weights', 'queryStarts', 'queryTerms', 'queryWeights'] as const;
const FLOAT_TABLES: ReadonlySet<string> = new Set(['weights', 'queryWeights']);

/** Bump when the saved layout or what the tables hold changes. */
const SAVED_SCHEMA = 3;
/** Tables are saved in the machine's byte order; read elsewhere, they are made again. */
const BYTE_ORDER = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 'little' : 'big';

interface SavedHeader {
  readonly schema: number;
  readonly byteOrder: string;
  readonly contentHash: string;
  /** Each table's length, in the order of `TABLES`. */
  readonly lengths: readonly number[];
  /** The length of the terms after the tables, one a line (see `TermList`). */
  readonly termBytes: number;
}

/** The terms by id, kept as saved (UTF-8, one a line) until an update needs them as strings. */
class TermList {
  constructor(private held: readonly string[] | Uint8Array) {}

  get list(): readonly string[] {
    if (this.held instanceof Uint8Array) this.held = this.held.length > 0 ? new TextDecoder().decode(this.held).split('\n') : [];
    return this.held;
  }

  encoded(): Uint8Array {
    return this.held instanceof Uint8Array ? this.held : new TextEncoder().encode(this.held.join('\n'));
  }
}

/**
 * A document's term counts (its title's counting `TITLE_COUNTS` times) as term-frequency
 * weights, plus its extra terms' weights, over the ids `termId` gives: as `TermSpace.build`
 * weighs them.
 */
function termCountVector({ title, abstract }: DocumentTerms, extra: readonly ExtraTerm[], termId: (term: string) => number): SparseVector {
  const counts = new Map<number, number>();
  for (const [terms, times] of [[title, TITLE_COUNTS], [abstract, 1]] as const) {
    for (const term of terms) {
      const id = termId(term);
      counts.set(id, (counts.get(id) ?? 0) + times);
    }
  }
  const extraWeights = new Map<number, number>();
  for (const { term, weight } of extra) {
    const id = termId(term);
    extraWeights.set(id, (extraWeights.get(id) ?? 0) + weight);
  }
  const ids = Int32Array.from(new Set([...counts.keys(), ...extraWeights.keys()])).sort();
  return { ids, weights: Float32Array.from(ids, (id) => (counts.has(id) ? termFrequencyWeight(counts.get(id)!) : 0) + (extraWeights.get(id) ?? 0)) };
}

/**
 * Each term's postings after an update (see `RelatedPapers.updated`): the kept papers' where they
 * are now, then the added papers'. Where papers were only appended, as to a file that grew, the
 * kept postings are copied as they were.
 */
function* movedPostings(
  { starts, docs, weights }: RelatedTables,
  laterOf: Int32Array,
  termCount: number,
  added: readonly number[],
  vectors: readonly SparseVector[],
): Work<Pick<RelatedTables, 'starts' | 'docs' | 'weights'>> {
  const earlierTermCount = starts.length - 1;
  const appendedOnly = laterOf.every((later, at) => later === at);
  const addedPerTerm = new Int32Array(termCount);
  for (const v of vectors) for (const id of v.ids) addedPerTerm[id]++;
  const newStarts = new Int32Array(termCount + 1);
  const pauses = new CopyPauses();
  for (let t = 0; t < termCount; t++) {
    let kept = 0;
    if (t < earlierTermCount) {
      if (appendedOnly) kept = starts[t + 1] - starts[t];
      else for (let j = starts[t]; j < starts[t + 1]; j++) if (laterOf[docs[j]] >= 0) kept++;
      if (pauses.due(starts[t + 1])) yield;
    }
    newStarts[t + 1] = newStarts[t] + kept + addedPerTerm[t];
  }
  const newDocs = new Int32Array(newStarts[termCount]);
  const newWeights = new Float32Array(newStarts[termCount]);
  const copyPauses = new CopyPauses();
  for (let t = 0; t < earlierTermCount; t++) {
    if (appendedOnly) {
      newDocs.set(docs.subarray(starts[t], starts[t + 1]), newStarts[t]);
      newWeights.set(weights.subarray(starts[t], starts[t + 1]), newStarts[t]);
    } else {
      let at = newStarts[t];
      for (let j = starts[t]; j < starts[t + 1]; j++) {
        const later = laterOf[docs[j]];
        if (later < 0) continue;
        newDocs[at] = later;
        newWeights[at++] = weights[j];
      }
    }
    if (copyPauses.due(starts[t + 1])) yield;
  }
  const filled = Int32Array.from(addedPerTerm, (n, t) => newStarts[t + 1] - n);
  vectors.forEach((v, k) => {
    for (let i = 0; i < v.ids.length; i++) {
      const at = filled[v.ids[i]]++;
      newDocs[at] = added[k];
      newWeights[at] = v.weights[i];
    }
  });
  return { starts: newStarts, docs: newDocs, weights: newWeights };
}

/**
 * Each paper's strongest terms after an update: the kept papers' as they were, copied at once
 * for a run of papers that follow one another as they did; the added papers' from `strongest`.
 */
function* movedQueries(
  { queryStarts, queryTerms, queryWeights }: RelatedTables,
  earlierOf: Int32Array,
  strongest: ReadonlyMap<number, SparseVector>,
): Work<Pick<RelatedTables, 'queryStarts' | 'queryTerms' | 'queryWeights'>> {
  const paperCount = earlierOf.length;
  const newStarts = new Int32Array(paperCount + 1);
  for (let i = 0; i < paperCount; i++) {
    const e = earlierOf[i];
    newStarts[i + 1] = newStarts[i] + (e < 0 ? strongest.get(i)!.ids.length : queryStarts[e + 1] - queryStarts[e]);
  }
  const newTerms = new Int32Array(newStarts[paperCount]);
  const newWeights = new Float32Array(newStarts[paperCount]);
  const pauses = new CopyPauses();
  for (let i = 0; i < paperCount; ) {
    const e = earlierOf[i];
    let end = i + 1;
    if (e < 0) {
      const { ids, weights } = strongest.get(i)!;
      newTerms.set(ids, newStarts[i]);
      newWeights.set(weights, newStarts[i]);
    } else {
      while (end < paperCount && end - i < PAPERS_PER_RUN && earlierOf[end] === e + (end - i)) end++;
      newTerms.set(queryTerms.subarray(queryStarts[e], queryStarts[e + end - i]), newStarts[i]);
      newWeights.set(queryWeights.subarray(queryStarts[e], queryStarts[e + end - i]), newStarts[i]);
    }
    i = end;
    if (pauses.due(newStarts[i])) yield;
  }
  return { queryStarts: newStarts, queryTerms: newTerms, queryWeights: newWeights };
}

function* invert(vectors: readonly SparseVector[], vocabularySize: number): Work<Pick<RelatedTables, 'starts' | 'docs' | 'weights'>> {
  const starts = new Int32Array(vocabularySize + 1);
  for (const v of vectors) {
    for (const id of v.ids) starts[id + 1]++;
    yield;
  }
  for (let t = 0; t < vocabularySize; t++) starts[t + 1] += starts[t];
  const docs = new Int32Array(starts[vocabularySize]);
  const weights = new Float32Array(starts[vocabularySize]);
  const filled = starts.slice(0, vocabularySize);
  for (const [doc, v] of vectors.entries()) {
    for (let k = 0; k < v.ids.length; k++) {
      const at = filled[v.ids[k]]++;
      docs[at] = doc;
      weights[at] = v.weights[k];
    }
    yield;
  }
  return { starts, docs, weights };
}

function* strongestOfEach(vectors: readonly SparseVector[]): Work<Pick<RelatedTables, 'queryStarts' | 'queryTerms' | 'queryWeights'>> {
  const queryStarts = new Int32Array(vectors.length + 1);
  vectors.forEach((v, p) => (queryStarts[p + 1] = queryStarts[p] + Math.min(QUERY_TERMS, v.ids.length)));
  const queryTerms = new Int32Array(queryStarts[vectors.length]);
  const queryWeights = new Float32Array(queryStarts[vectors.length]);
  for (const [p, v] of vectors.entries()) {
    const { ids, weights } = strongestTerms(v, QUERY_TERMS);
    queryTerms.set(ids, queryStarts[p]);
    queryWeights.set(weights, queryStarts[p]);
    yield;
  }
  return { queryStarts, queryTerms, queryWeights };
}

/** The saved tables and terms as views over `bytes`, if the header says they were saved for this library, here. */
function savedIn(bytes: Uint8Array, contentHash: string, paperCount: number): { tables: RelatedTables; terms: Uint8Array } | undefined {
  const header = savedHeader(bytes, contentHash);
  if (!header) return undefined;
  const newline = bytes.indexOf(0x0a);
  const { lengths, termBytes } = header;
  if (!Array.isArray(lengths) || lengths.length !== TABLES.length || ![...lengths, termBytes].every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
  const tablesEnd = newline + 1 + lengths.reduce((sum, n) => sum + 4 * n, 0);
  if (tablesEnd + termBytes !== bytes.length) return undefined;
  // Typed arrays need their offset aligned to 4; a buffer read from a file need not be.
  const aligned = (bytes.byteOffset + newline + 1) % 4 === 0 ? bytes : new Uint8Array(bytes);
  let at = aligned.byteOffset + newline + 1;
  const table = (name: string, length: number) => {
    const view = FLOAT_TABLES.has(name) ? new Float32Array(aligned.buffer, at, length) : new Int32Array(aligned.buffer, at, length);
    at += view.byteLength;
    return view;
  };
  const tables = Object.fromEntries(TABLES.map((name, i) => [name, table(name, lengths[i])])) as unknown as RelatedTables;
  return tables.queryStarts.length === paperCount + 1 ? { tables, terms: bytes.subarray(tablesEnd) } : undefined;
}

/** The header of tables saved for `contentHash`, here; undefined for any other. `bytes` may end after the header. */
function savedHeader(bytes: Uint8Array, contentHash: string): SavedHeader | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || (newline + 1) % 8 !== 0) return undefined;
  try {
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as SavedHeader;
    return header.schema === SAVED_SCHEMA && header.byteOrder === BYTE_ORDER && header.contentHash === contentHash ? header : undefined;
  } catch {
    return undefined;
  }
}

/** Elements checked between pauses. */
const CHECKED_PER_SLICE = 1 << 20;

/** Whether every start is in order and within its table, and every paper and term is one there is. */
function* wellFormed(t: RelatedTables, paperCount: number): Work<boolean> {
  const terms = t.starts.length - 1;
  const ordered = (starts: Int32Array, end: number) => starts[0] === 0 && starts[starts.length - 1] === end && starts.every((s, i) => i === 0 || s >= starts[i - 1]);
  if (terms < 0 || !ordered(t.starts, t.docs.length) || t.weights.length !== t.docs.length) return false;
  if (!ordered(t.queryStarts, t.queryTerms.length) || t.queryWeights.length !== t.queryTerms.length) return false;
  for (const [values, bound] of [[t.docs, paperCount], [t.queryTerms, terms]] as const) {
    for (let at = 0; at < values.length; at += CHECKED_PER_SLICE) {
      const end = Math.min(values.length, at + CHECKED_PER_SLICE);
      for (let k = at; k < end; k++) if (!(values[k] >= 0 && values[k] < bound)) return false;
      yield;
    }
  }
  return true;
}
