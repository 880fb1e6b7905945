// The search index over titles, keys and abstract terms (MiniSearch), saved and restored as JSON lines.
import MiniSearch, { type Options, type Query, type SearchOptions } from 'minisearch';
import { JsonLinesReader, JsonLinesWriter } from '../formats/jsonLines';
import type { PaperEntry } from '../model/paper';
import { mapWork, type Work } from '../work/slices';
import type { TermSpace } from './termVectors';
import { foldAccents, stem, STOP_WORDS } from './text';

/**
 * What the index holds of a paper; `id` is the paper's position in the library. `abstractTerms`
 * are the abstract's most telling terms (see `TermSpace.strongestTerms`), not the whole text:
 * in a large library, every common word of every abstract makes the index several times larger,
 * slower to load and to search, and adds only noise to the ranking.
 */
export interface IndexedPaper {
  readonly id: number;
  readonly title: string;
  readonly abstractTerms: readonly string[];
  /** The key the library file gives, or '' for a computed one. */
  readonly key: string;
}

/** How many of an abstract's terms the index holds. */
const INDEXED_ABSTRACT_TERMS = 32;

/**
 * What the index holds of each entry, `space` being their TF-IDF vectors. Only a key the file
 * gives is indexed: a computed key is made of title words, found through the title already, and
 * a key of one term per paper would make the index markedly slower to restore.
 */
export function* indexedPapers(entries: readonly PaperEntry[], space: TermSpace): Work<IndexedPaper[]> {
  return yield* mapWork(entries, (e, id) => indexedPaper(e, id, space, id));
}

/** What the index holds of one entry, paper `id` of the library, document `doc` of `space`. */
export function indexedPaper(entry: PaperEntry, id: number, space: TermSpace, doc: number): IndexedPaper {
  return { id, title: entry.title, abstractTerms: space.strongestTerms(doc, INDEXED_ABSTRACT_TERMS), key: entry.key ?? '' };
}

export interface IndexHit {
  /** Position of the paper in the library. */
  readonly id: number;
  readonly score: number;
  /** Words of the paper that matched (lower case), for highlighting. */
  readonly terms: readonly string[];
  /** Words of the query, as the index understood them. */
  readonly queryTerms: readonly string[];
}

/**
 * Stop words are neither indexed nor searched; plurals are folded as the abstract terms are
 * (`robots` finds `robot`). Abstract terms arrive already folded; a key is one term.
 */
function processTerm(term: string, field?: string): string | null {
  if (field === 'abstractTerms') return term;
  const folded = foldAccents(term.toLowerCase());
  if (field === 'key') return folded;
  return STOP_WORDS.has(folded) ? null : stem(folded);
}

/**
 * A key is indexed whole (`smith2020`, `limo-less-reasoning`): typed in part it is found by
 * prefix, and a computed key's words are its title's, indexed already.
 */
const defaultTokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
function tokenize(text: string, field?: string): string[] {
  if (field === 'key') return text ? [text] : [];
  return defaultTokenize(text);
}

const FIELDS = ['title', 'abstractTerms', 'key'] as const;
const NAMED_FIELDS: string[] = ['title', 'key'];

/**
 * The fields that name a paper (title and key) match by prefix from three letters and
 * with one typo from four, so a title cut short or mistyped still finds it; the abstract's
 * terms match exactly (the last word by prefix, as it may be half typed): fuzzy and prefix
 * matching over every abstract is most of raw MiniSearch's search time in a large library.
 */
const NAMED_OPTIONS: SearchOptions = {
  fields: NAMED_FIELDS,
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  maxFuzzy: 2,
};
const ABSTRACT_OPTIONS: SearchOptions = {
  fields: ['abstractTerms'],
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
  fuzzy: false,
};

const SEARCH_OPTIONS: SearchOptions = { boost: { title: 3, key: 2, abstractTerms: 1 }, combineWith: 'OR' };

const INDEX_OPTIONS: Options<IndexedPaper> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  processTerm,
  tokenize,
  // The id as it is, a number: hits then give back the paper's position as one.
  extractField: (paper, field) => (field === 'id' ? paper.id : field === 'abstractTerms' ? paper.abstractTerms.join(' ') : String(paper[field as keyof IndexedPaper])),
  searchOptions: SEARCH_OPTIONS,
};

function searchQuery(query: string): Query {
  return { combineWith: 'OR', queries: [{ ...NAMED_OPTIONS, queries: [query] }, { ...ABSTRACT_OPTIONS, queries: [query] }] };
}

/**
 * Past this many words, a query (a whole title pasted in, say) is searched by its rarest
 * words only: they single the paper out, while each common word ("models", "learning") adds
 * thousands of papers to score in a large library and nothing to tell them apart.
 */
const MAX_QUERY_TERMS = 6;
/** How many of the best hits of such a query are ranked again by all its words. */
const RERANKED = 50;

/** Full-text search over the library with MiniSearch: title boosted, prefix and typo tolerant. */
export class PaperIndex {
  private constructor(
    private readonly miniSearch: MiniSearch<IndexedPaper>,
    /** By paper id: a long query's best hits are ranked again by their titles' words. Kept here, so that the index answers alone, in a worker thread too. */
    private titles: string[],
  ) {}

  /** Indexes the papers one by one, pausing between them. */
  static *build(papers: readonly IndexedPaper[]): Work<PaperIndex> {
    const index = new PaperIndex(new MiniSearch<IndexedPaper>(INDEX_OPTIONS), []);
    yield* index.add(papers);
    return index;
  }

  /**
   * Toward the index of the library an update made (see `PaperLibrary.indexUpdate`; `add` then
   * indexes the papers it added): each paper moves to its place there (`laterOf`, by earlier
   * place), and the removed ones are discarded; nothing is indexed again. The move is made at
   * once, so that no search in between sees some papers moved and others not.
   */
  *moveTo(laterOf: Int32Array): Work<void> {
    const internals = miniSearchInternals(this.miniSearch);
    for (const [at, later] of laterOf.entries()) {
      if (later < 0 && internals._idToShortId.has(at)) this.miniSearch.discard(at);
      if (at % 4096 === 0) yield;
    }
    // None moved when the papers kept are where they were (a paper appended): moving them all is a long step in a large library.
    if ([...internals._documentIds.values()].every((at) => laterOf[at] === at)) return;
    const titles: string[] = [];
    internals._idToShortId.clear();
    for (const [shortId, at] of internals._documentIds) {
      internals._documentIds.set(shortId, laterOf[at]);
      internals._idToShortId.set(laterOf[at], shortId);
      titles[laterOf[at]] = this.titles[at];
    }
    this.titles = titles;
  }

  /**
   * Drops what the index still holds of papers `moveTo` discarded: until then their words count
   * toward how rare a word is (so a long query may be searched by other words than in a new
   * index), and a paper's score by a hair. A pass over every posting: long in a large library.
   */
  async vacuum(): Promise<void> {
    if (this.miniSearch.dirtCount === 0) return;
    // Between batches searches are answered; a millisecond's pause rather than MiniSearch's ten.
    await this.miniSearch.vacuum({ batchSize: VACUUM_BATCH, batchWait: 1 });
  }

  /** Indexes the papers one by one, pausing between them. */
  *add(papers: readonly IndexedPaper[]): Work<void> {
    for (const paper of papers) {
      this.miniSearch.add(paper);
      this.titles[paper.id] = paper.title;
      yield;
    }
  }

  /**
   * Restores an index saved by `save`, without re-indexing and without one large JSON.parse:
   * MiniSearch's own `loadJSON` parses the whole index at once and then converts every
   * posting again, which for a large library holds the thread far longer than a slice.
   */
  static *restore(reader: JsonLinesReader): Work<PaperIndex> {
    const saved = reader.value<SavedHeader>();
    if (saved.schema !== SAVED_INDEX_SCHEMA) throw new Error('an index saved by another version');
    const miniSearch = MiniSearch.loadJS({ ...saved.miniSearch, documentIds: {}, fieldLength: {}, storedFields: {}, index: [], serializationVersion: 2 }, INDEX_OPTIONS);
    const internals = miniSearchInternals(miniSearch);
    const fieldCount = Object.keys(saved.miniSearch.fieldIds).length;
    const documentIds = yield* reader.array<number | null>();
    const fieldLengths = yield* reader.array<number>();
    const titles = yield* reader.strings();
    for (let shortId = 0; shortId < documentIds.length; shortId++) {
      const id = documentIds[shortId];
      if (id === null) continue; // a removed document's slot
      internals._documentIds.set(shortId, id);
      internals._idToShortId.set(id, shortId);
      const lengths: number[] = [];
      for (let f = 0; f < fieldCount; f++) if (fieldLengths[shortId * fieldCount + f] >= 0) lengths[f] = fieldLengths[shortId * fieldCount + f];
      internals._fieldLength.set(shortId, lengths);
      if (shortId % 1024 === 0) yield;
    }
    while (!reader.done) {
      const [terms, postings] = reader.value<[string[], number[]]>();
      let at = 0;
      for (const term of terms) {
        const byField = new Map<number, Map<number, number>>();
        for (let fields = postings[at++]; fields > 0; fields--) {
          const fieldId = postings[at++];
          const freqs = new Map<number, number>();
          for (let n = postings[at++]; n > 0; n--, at += 2) freqs.set(postings[at], postings[at + 1]);
          byField.set(fieldId, freqs);
        }
        internals._index.set(term, byField);
      }
      yield;
    }
    return new PaperIndex(miniSearch, titles);
  }

  /**
   * Saves the index as lines of JSON (see `JsonLinesWriter`): a header, the documents, their titles, then
   * the terms with their postings, a chunk of terms per line; the last thing written.
   */
  *save(writer: JsonLinesWriter): Work<void> {
    const internals = miniSearchInternals(this.miniSearch);
    const { _documentCount: documentCount, _nextId: nextId, _fieldIds: fieldIds, _avgFieldLength: averageFieldLength, _dirtCount: dirtCount } = internals;
    const fieldCount = Object.keys(fieldIds).length;
    const documentIds: (number | null)[] = new Array(nextId).fill(null);
    const fieldLengths: number[] = new Array(nextId * fieldCount).fill(-1);
    for (const [shortId, id] of internals._documentIds) {
      documentIds[shortId] = id;
      const lengths = internals._fieldLength.get(shortId) ?? [];
      for (let f = 0; f < fieldCount; f++) if (lengths[f] !== undefined) fieldLengths[shortId * fieldCount + f] = lengths[f];
      if (shortId % 1024 === 0) yield;
    }
    writer.value({ schema: SAVED_INDEX_SCHEMA, miniSearch: { documentCount, nextId, fieldIds, averageFieldLength, dirtCount } } satisfies SavedHeader);
    yield* writer.array(documentIds);
    yield* writer.array(fieldLengths);
    yield* writer.strings(this.titles);
    let terms: string[] = [];
    let postings: number[] = [];
    const flush = () => {
      writer.value([terms, postings]);
      terms = [];
      postings = [];
    };
    for (const [term, byField] of internals._index) {
      terms.push(term);
      postings.push(byField.size);
      for (const [fieldId, freqs] of byField) {
        postings.push(fieldId, freqs.size);
        for (const [doc, freq] of freqs) postings.push(doc, freq);
      }
      if (postings.length >= POSTINGS_PER_LINE) {
        flush();
        yield;
      }
    }
    if (terms.length) flush();
  }

  /** The query's words, as indexed, and its `MAX_QUERY_TERMS` rarest in their order; a word in no paper (a typo) counts as rarest. */
  private rarestTerms(query: string): { terms: string[]; rarest: string[] } {
    const terms = defaultTokenize(query).flatMap((word) => processTerm(word) ?? []);
    if (terms.length <= MAX_QUERY_TERMS) return { terms, rarest: terms };
    const index = miniSearchInternals(this.miniSearch)._index;
    const papersWith = (term: string) => [...(index.get(term)?.values() ?? [])].reduce((n, docs) => n + docs.size, 0);
    const kept = new Set(
      terms
        .map((term, at) => ({ at, papers: papersWith(term) }))
        .sort((a, b) => a.papers - b.papers || a.at - b.at)
        .slice(0, MAX_QUERY_TERMS)
        .map((t) => t.at),
    );
    return { terms, rarest: terms.filter((_, at) => kept.has(at)) };
  }

  /** Best first; at most `limit` hits. */
  search(query: string, limit = 20): IndexHit[] {
    const { terms, rarest } = this.rarestTerms(query);
    const results = this.miniSearch.search(searchQuery(rarest.length < terms.length ? rarest.join(' ') : query));
    // A query searched by its rarest words: the best few are ranked again by how many of all its words their titles have.
    const wordsInTitle = (id: number) => {
      const words = new Set(defaultTokenize(this.titles[id] ?? '').flatMap((word) => processTerm(word) ?? []));
      return terms.filter((t) => words.has(t)).length;
    };
    const matched = rarest.length < terms.length ? new Map(results.slice(0, RERANKED).map((r) => [r.id as number, wordsInTitle(r.id as number)])) : undefined;
    // Equal scores in paper order, so that a restored index (whose terms iterate in another
    // order) ranks exactly as the one it was saved from; only the ties at the cut need it.
    let end = Math.min(matched ? matched.size : limit, results.length);
    while (end > 0 && end < results.length && results[end].score === results[end - 1].score) end++;
    const inTitle = (id: number) => matched?.get(id) ?? 0;
    return results
      .slice(0, end)
      .sort((a, b) => inTitle(b.id as number) - inTitle(a.id as number) || b.score - a.score || (a.id as number) - (b.id as number))
      .slice(0, limit)
      .map((r) => ({ id: r.id as number, score: r.score, terms: r.terms, queryTerms: r.queryTerms }));
  }
}

/** Bump when the saved layout, the fields or the term processing change. */
const SAVED_INDEX_SCHEMA = 4;
/** Terms vacuumed between two pauses. */
const VACUUM_BATCH = 5000;
/** About 100 KB of JSON per line: well within a slice to parse and restore. */
const POSTINGS_PER_LINE = 20_000;

type SavedMiniSearch = Pick<ReturnType<MiniSearch['toJSON']>, 'documentCount' | 'nextId' | 'fieldIds' | 'averageFieldLength' | 'dirtCount'>;

/** Followed by two arrays: per short id, the document's id (null for a removed document); and each field's length (-1 for none). */
interface SavedHeader {
  readonly schema: number;
  readonly miniSearch: SavedMiniSearch;
}

/**
 * The parts of a MiniSearch instance its own `loadJS` fills in. Saving and restoring them
 * directly is what makes a large index load fast and in slices; the round-trip unit test
 * (restored index searches exactly as the built one) fails if a MiniSearch update moves them.
 */
interface MiniSearchInternals {
  readonly _documentCount: number;
  readonly _nextId: number;
  readonly _fieldIds: { [field: string]: number };
  readonly _avgFieldLength: number[];
  readonly _dirtCount: number;
  readonly _documentIds: Map<number, number>;
  readonly _idToShortId: Map<number, number>;
  readonly _fieldLength: Map<number, number[]>;
  /** A SearchableMap (a radix tree) of term → field id → document short id → term frequency. */
  readonly _index: Pick<Map<string, Map<number, Map<number, number>>>, 'get' | 'set' | typeof Symbol.iterator>;
}

function miniSearchInternals(miniSearch: MiniSearch<IndexedPaper>): MiniSearchInternals {
  const internals = miniSearch as unknown as MiniSearchInternals;
  if (!(internals._documentIds instanceof Map) || !(internals._fieldLength instanceof Map) || typeof internals._index?.set !== 'function') {
    throw new Error('this MiniSearch version keeps its index differently');
  }
  return internals;
}

/** The index alone, in a file of its own (the host's worker thread keeps it so): the content it was made from first. */
export function* saveIndexFile(index: PaperIndex, contentHash: string): Work<string[]> {
  const writer = new JsonLinesWriter();
  writer.value({ contentHash } satisfies IndexFileHeader);
  yield* index.save(writer);
  return writer.lines;
}

/** The index `saveIndexFile` saved, and the content it was made from; undefined for a damaged file. */
export function* restoreIndexFile(text: readonly string[]): Work<{ readonly index: PaperIndex; readonly contentHash: string } | undefined> {
  try {
    const reader = new JsonLinesReader(text);
    const { contentHash } = reader.value<IndexFileHeader>();
    return { index: yield* PaperIndex.restore(reader), contentHash };
  } catch {
    return undefined;
  }
}

interface IndexFileHeader {
  readonly contentHash: string;
}
