import type { Work } from './slices';
import { strongestTerms, type SparseVector, type TermSpace } from './termVectors';

export interface RelatedHit {
  /** Position of the paper in the library. */
  readonly id: number;
  /** Cosine similarity of the two papers' TF-IDF vectors, with the same-theme bonus. */
  readonly score: number;
}

/** How many of a paper's most telling terms are used to find its neighbours. */
const QUERY_TERMS = 24;
/** A reader of a paper looks next at its theme: neighbours in the same theme rank higher. */
const SAME_THEME_BONUS = 2.5;

/**
 * Content-based related papers: cosine similarity over TF-IDF vectors, computed through an
 * inverted index from the paper's strongest terms, so it stays fast at 100,000 papers.
 */
export class RelatedPapers {
  private constructor(
    private readonly tables: RelatedTables,
    private readonly themeOf: (id: number) => string,
  ) {}

  /** Inverts the vectors a paper at a time, pausing between them. */
  static *build(space: TermSpace, themeOf: (id: number) => string): Work<RelatedPapers> {
    const postings = yield* invert(space.vectors, space.vocabulary.size);
    return new RelatedPapers({ ...postings, ...(yield* strongestOfEach(space.vectors)) }, themeOf);
  }

  /**
   * Related papers saved by `save`, if saved for `contentHash` and `paperCount` papers; checked
   * in slices, as a damaged file must not point past the papers. Views over `bytes`, not copies.
   */
  static *restore(bytes: Uint8Array, contentHash: string, paperCount: number, themeOf: (id: number) => string): Work<RelatedPapers | undefined> {
    const tables = tablesIn(bytes, contentHash, paperCount);
    return tables && (yield* wellFormed(tables, paperCount)) ? new RelatedPapers(tables, themeOf) : undefined;
  }

  /**
   * Whether a file starting with `head` holds related papers saved for `contentHash`, so that
   * the file (90 MB at 100,000 papers) is read only then. Its first kilobyte is enough.
   */
  static savedFor(head: Uint8Array, contentHash: string): boolean {
    return savedHeader(head, contentHash) !== undefined;
  }

  /**
   * A header line of JSON, padded to 8 bytes, then the tables' bytes as they are in memory:
   * at 100,000 papers, 90 MB read back in a tenth of a second instead of seconds of rebuilding.
   */
  save(contentHash: string): Uint8Array[] {
    const lengths = TABLES.map((name) => this.tables[name].length);
    const header = JSON.stringify({ schema: SAVED_SCHEMA, byteOrder: BYTE_ORDER, contentHash, lengths } satisfies SavedHeader);
    const padded = header.padEnd(Math.ceil((header.length + 1) / 8) * 8 - 1) + '\n';
    return [new TextEncoder().encode(padded), ...TABLES.map((name) => new Uint8Array(this.tables[name].buffer, this.tables[name].byteOffset, this.tables[name].byteLength))];
  }

  for(id: number, limit: number): RelatedHit[] {
    const { starts, docs, weights: docWeights, queryStarts, queryTerms, queryWeights } = this.tables;
    const scores = new Map<number, number>();
    for (let k = queryStarts[id]; k < queryStarts[id + 1]; k++) {
      const term = queryTerms[k];
      for (let j = starts[term]; j < starts[term + 1]; j++) {
        const doc = docs[j];
        scores.set(doc, (scores.get(doc) ?? 0) + queryWeights[k] * docWeights[j]);
      }
    }
    scores.delete(id);
    const theme = this.themeOf(id);
    return [...scores]
      .map(([doc, score]) => ({ id: doc, score: this.themeOf(doc) === theme ? score * SAME_THEME_BONUS : score }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
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
const SAVED_SCHEMA = 1;
/** Tables are saved in the machine's byte order; read elsewhere, they are made again. */
const BYTE_ORDER = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 'little' : 'big';

interface SavedHeader {
  readonly schema: number;
  readonly byteOrder: string;
  readonly contentHash: string;
  /** Each table's length, in the order of `TABLES`. */
  readonly lengths: readonly number[];
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

/** The saved tables as views over `bytes`, if the header says they were saved for this library, here. */
function tablesIn(bytes: Uint8Array, contentHash: string, paperCount: number): RelatedTables | undefined {
  const header = savedHeader(bytes, contentHash);
  if (!header) return undefined;
  const newline = bytes.indexOf(0x0a);
  const { lengths } = header;
  if (!Array.isArray(lengths) || lengths.length !== TABLES.length || !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
  if (newline + 1 + lengths.reduce((sum, n) => sum + 4 * n, 0) !== bytes.length) return undefined;
  // Typed arrays need their offset aligned to 4; a buffer read from a file need not be.
  const aligned = (bytes.byteOffset + newline + 1) % 4 === 0 ? bytes : new Uint8Array(bytes);
  let at = aligned.byteOffset + newline + 1;
  const table = (name: string, length: number) => {
    const view = FLOAT_TABLES.has(name) ? new Float32Array(aligned.buffer, at, length) : new Int32Array(aligned.buffer, at, length);
    at += view.byteLength;
    return view;
  };
  const tables = Object.fromEntries(TABLES.map((name, i) => [name, table(name, lengths[i])])) as unknown as RelatedTables;
  return tables.queryStarts.length === paperCount + 1 ? tables : undefined;
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
