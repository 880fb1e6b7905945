// The search index: titles, keys, authors, year, venue, DOI and keywords in MiniSearch, whole abstracts in an AbstractIndex; saved and restored as JSON lines.
import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';
import { JsonLinesReader, JsonLinesWriter } from '../formats/jsonLines';
import type { PaperEntry } from '../model/paper';
import { finishInSlices, mapWork, type Work } from '../work/slices';
import { AbstractIndex, MAX_MATCHED_TERMS } from './abstractIndex';
import { BestHits } from './bestHits';
import { hasDigit, searchForm, searchTerm, searchTokens } from './searchTerms';
import { foldAccents, stem, words as wordsOf } from './text';

/**
 * What the index holds of a paper; `id` is the paper's position in the library. The abstract
 * goes whole to its own index (`AbstractIndex`); the rest to MiniSearch, which forgives typos.
 */
export interface IndexedPaper {
  readonly id: number;
  readonly title: string;
  readonly abstract: string;
  /** The key the library file gives, or '' for a computed one. */
  readonly key: string;
  /** The authors' names, one after another; '' for none. */
  readonly authors: string;
  /** '' for none. */
  readonly year: string;
  readonly venue: string;
  readonly doi: string;
  readonly keywords: string;
}

export function* indexedPapers(entries: readonly PaperEntry[]): Work<IndexedPaper[]> {
  return yield* mapWork(entries, (e, id) => indexedPaper(e, id));
}

/** What the index holds of one entry, paper `id` of the library. */
export function indexedPaper(entry: PaperEntry, id: number): IndexedPaper {
  return {
    id,
    title: entry.title,
    abstract: entry.abstract,
    key: entry.key ?? '',
    authors: (entry.authors ?? []).join(' ; '),
    year: entry.year === undefined ? '' : String(entry.year),
    venue: entry.venue ?? '',
    doi: entry.doi ?? '',
    keywords: (entry.keywords ?? []).join(' ; '),
  };
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

/** Fields whose words are searched as words, forgiving typos. */
const WORD_FIELDS = ['title', 'authors', 'venue', 'keywords'];
/** Fields indexed whole, as one term each: a key (`DBLP:journals/corr/Smith18`), a DOI. */
const WHOLE_FIELDS = ['key', 'doi'];
const FIELDS = [...WORD_FIELDS, ...WHOLE_FIELDS, 'year'];

/** A key or DOI as typed or pasted, without the citation's marks around it (`[@smith_2018]`, `https://doi.org/…`). */
function wholeTerm(token: string): string | null {
  const bare = withoutEnds(token.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, ''), '[(@"\'<', '])"\'>,;.');
  return bare ? foldAccents(bare.toLowerCase()) : null;
}

/** `text` without the characters of `leading` at its start and of `trailing` at its end; a loop, not a pattern, which could take quadratic time. */
function withoutEnds(text: string, leading: string, trailing: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && leading.includes(text[start])) start++;
  while (end > start && trailing.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

const splitOnSpace = (text: string): string[] => text.split(/\s+/).filter(Boolean);

function tokenize(text: string, field?: string): string[] {
  if (field === 'key' || field === 'doi') return text ? [text] : [];
  if (field === 'year') return text ? [text] : [];
  return searchTokens(text);
}

function processTerm(term: string, field?: string): string | null {
  if (field === 'key' || field === 'doi') return foldAccents(term.toLowerCase());
  if (field === 'year') return term;
  return searchTerm(term);
}

const wordOptions = (isWord: (term: string) => boolean): SearchOptions => ({
  fields: WORD_FIELDS,
  tokenize: searchTokens,
  processTerm: (term) => searchTerm(term),
  prefix: (term) => term.length >= 3,
  // One typo, whatever the word's length: two let a long word match other words (`reasning`, `learning`).
  fuzzy: (term) => (term.length >= 4 && !hasDigit(term) && !isWord(term) ? 1 : false),
});
/** A key typed whole or in part, a typo forgiven; with its punctuation, so split on white space only. */
const KEY_OPTIONS: SearchOptions = {
  fields: ['key'],
  tokenize: splitOnSpace,
  processTerm: wholeTerm,
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  maxFuzzy: 2,
};
const DOI_OPTIONS: SearchOptions = { fields: ['doi'], tokenize: splitOnSpace, processTerm: wholeTerm, prefix: false, fuzzy: false };
const YEAR_OPTIONS: SearchOptions = { fields: ['year'], tokenize: (text) => text.match(/\b\d{4}\b/g) ?? [], processTerm: (term) => term, prefix: false, fuzzy: false };

const SEARCH_OPTIONS: SearchOptions = { boost: { title: 3, key: 3, doi: 3, authors: 2, keywords: 1.5, venue: 1, year: 1 }, combineWith: 'OR' };

const INDEX_OPTIONS: Options<IndexedPaper> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  processTerm,
  tokenize,
  // The id as it is, a number: hits then give back the paper's position as one.
  extractField: (paper, field) => (field === 'id' ? paper.id : String(paper[field as keyof IndexedPaper])),
  searchOptions: SEARCH_OPTIONS,
};

/** `words` searched in the word fields, `whole` (the query as typed) in the key, DOI and year. */
function searchQuery(words: string, whole: string, isWord: (term: string) => boolean): Query {
  return {
    combineWith: 'OR',
    queries: [
      { ...wordOptions(isWord), queries: [words] },
      { ...KEY_OPTIONS, queries: [whole] },
      { ...DOI_OPTIONS, queries: [whole] },
      { ...YEAR_OPTIONS, queries: [whole] },
    ],
  };
}

/**
 * Past this many words, a query (a whole title pasted in, say) is searched by its rarest words
 * only: they single the paper out, while each common word adds many papers to score and nothing
 * to tell them apart.
 */
const MAX_QUERY_TERMS = 6;
/** How many of the best hits are ranked again by how their titles hold the words typed. */
const RERANKED = 200;

/** Full-text search over the library with MiniSearch: title boosted, prefix and typo tolerant. */
export class PaperIndex {
  private constructor(
    private readonly miniSearch: MiniSearch<IndexedPaper>,
    /** By paper id: a long query's best hits are ranked again by their titles' words. Kept here, so that the index answers alone, in a worker thread too. */
    private titles: string[],
    private readonly abstracts: AbstractIndex,
  ) {}

  /** Indexes the papers one by one, pausing between them. */
  static *build(papers: readonly IndexedPaper[]): Work<PaperIndex> {
    const index = new PaperIndex(new MiniSearch<IndexedPaper>(INDEX_OPTIONS), [], new AbstractIndex());
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
    yield* this.abstracts.moveTo(laterOf);
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
    if (this.abstracts.dirtCount > 0) await finishInSlices(this.abstracts.vacuum());
    if (this.miniSearch.dirtCount === 0) return;
    // Between batches searches are answered; a millisecond's pause rather than MiniSearch's ten.
    await this.miniSearch.vacuum({ batchSize: VACUUM_BATCH, batchWait: 1 });
  }

  /** Indexes the papers one by one, pausing between them. */
  *add(papers: readonly IndexedPaper[]): Work<void> {
    for (const paper of papers) {
      this.miniSearch.add(paper);
      this.abstracts.add(paper.id, paper.abstract);
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
    const abstracts = yield* AbstractIndex.restore(reader);
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
    return new PaperIndex(miniSearch, titles, abstracts);
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
    yield* this.abstracts.save(writer);
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

  /** The query's terms, and its `MAX_QUERY_TERMS` rarest in their order (by title and abstract); a term in no paper (a typo) counts as rarest. */
  private rarestTerms(terms: readonly string[]): string[] {
    if (terms.length <= MAX_QUERY_TERMS) return [...terms];
    const index = miniSearchInternals(this.miniSearch)._index;
    const papersWith = (term: string) => [...(index.get(term)?.values() ?? [])].reduce((n, docs) => n + docs.size, 0);
    const kept = new Set(
      terms
        .map((term, at) => ({ at, papers: papersWith(term) }))
        .sort((a, b) => a.papers - b.papers || a.at - b.at)
        .slice(0, MAX_QUERY_TERMS)
        .map((t) => t.at),
    );
    return terms.filter((_, at) => kept.has(at));
  }

  /**
   * Best first; at most `limit` hits; only papers `within` allows (by id, 1 for allowed), if
   * given. Papers that have more of the query's words come first (a word as typed counting more
   * than one found only by its start or with a typo); of those, papers that have more of them
   * together in one place (the abstract, the title, or the authors, year and the like) rather
   * than scattered; then papers whose title holds more of the query's words in their order, stop
   * words too (a title typed from memory); then papers whose abstract has more of them in the
   * very form typed (`robots`, not only `robot`); then by BM25, the fields' and the abstract's
   * scores summed. A long query (a pasted title) is searched by its rarest words, and its best hits
   * ranked by their titles first.
   */
  search(query: string, limit = 20, within?: Uint8Array): IndexHit[] {
    const { _index: index, _fieldIds: fieldIds } = miniSearchInternals(this.miniSearch);
    // A key or DOI typed whole names its paper: its parts are not searched as words too.
    const tokens = splitOnSpace(query);
    const names = (token: string) => {
      const postings = index.get(wholeTerm(token) ?? '');
      return postings !== undefined && WHOLE_FIELDS.some((field) => postings.has(fieldIds[field]));
    };
    const words = tokens.some(names) ? tokens.filter((token) => !names(token)).join(' ') : query;
    // Each term and the form it was first typed in.
    const formOf = new Map<string, string>();
    for (const token of searchTokens(words)) {
      const term = searchTerm(token);
      if (term && !formOf.has(term)) formOf.set(term, searchForm(token));
    }
    const allTerms = [...formOf.keys()];
    const terms = this.rarestTerms(allTerms).slice(0, MAX_MATCHED_TERMS);
    const long = terms.length < allTerms.length;
    const allowed = (id: number) => !within || within[id] === 1;
    const isWord = (term: string) => this.abstracts.hasTerm(term) || index.get(term) !== undefined;
    const named = this.miniSearch.search(searchQuery(long ? terms.join(' ') : words, query, isWord), { filter: (r) => allowed(r.id as number) });
    const termBit = new Map(terms.map((term, i) => [term, 1 << i]));
    // A query still being typed: its last word may be cut short.
    const typing = terms.length > 0 && !/\s$/.test(words) && terms.at(-1) === allTerms.at(-1) ? terms.length - 1 : -1;
    const { scores, exact, byPrefix, asTyped: formsTyped } = this.abstracts.match(
      terms,
      typing,
      terms.map((term) => formOf.get(term)!),
    );
    const namedById = new Map(named.map((r) => [r.id as number, r]));
    const best = new BestHits<Candidate>(Math.max(RERANKED, limit));
    const offer = (id: number, slot: number, found?: SearchResult) => {
      let asTyped = slot >= 0 ? exact[slot] : 0;
      let inPart = slot >= 0 ? byPrefix[slot] : 0;
      const inAbstract = popCount(asTyped);
      let inTitle = 0;
      let inByline = 0;
      let whole = 0;
      for (const term of found?.queryTerms ?? []) {
        const fields = found!.match[term];
        const bit = termBit.get(term);
        if (bit === undefined) {
          // A key or DOI typed whole (or its start), searched apart from the words.
          whole += fields ? 2 : 1;
          inByline++;
        } else if (fields) {
          asTyped |= bit;
          if (fields.includes('title')) inTitle++;
          if (fields.some((field) => field !== 'title')) inByline++;
        } else inPart |= bit;
      }
      const bits = asTyped | inPart;
      const score = ((found ? found.score / Math.max(1, found.queryTerms.length) : 0) + (slot >= 0 ? scores[slot] : 0)) * (popCount(bits) + (whole >> 1));
      const coverage = 2 * popCount(asTyped) + popCount(inPart & ~asTyped) + whole;
      const together = Math.max(inAbstract, inTitle, inByline);
      const tier = (coverage * TIER_SPAN + together) * TIER_SPAN + (slot >= 0 ? popCount(formsTyped[slot]) : 0);
      if (score > 0 && best.wouldKeep(score, id, tier)) best.offer({ id, score, tier, slot, bits, found });
    };
    for (let slot = 0; slot < scores.length; slot++) {
      if (scores[slot] === 0) continue;
      const id = this.abstracts.paperAt(slot);
      if (id < 0 || !allowed(id)) continue;
      offer(id, slot, namedById.get(id));
      namedById.delete(id);
    }
    for (const [id, found] of namedById) offer(id, -1, found);
    // The best few ranked again by how their titles hold the query's words, in order.
    const typed = wordsOf(words);
    const typedStems = typed.map(stem);
    const byTitle = new Map(best.best().map((hit) => [hit, titleMatch(typed, typedStems, wordsOf(this.titles[hit.id] ?? ''), typing >= 0)]));
    const hits = [...byTitle.keys()].sort((a, b) => {
      const [titleA, titleB] = [byTitle.get(a)!, byTitle.get(b)!];
      // Of titles holding every word typed, the one with fewer words besides is nearer what was typed.
      const nearness = (match: TitleMatch) => (match.inOrder === typed.length ? -match.length : -Infinity);
      const byWords = titleB.inOrder - titleA.inOrder || titleB.pairs - titleA.pairs || nearness(titleB) - nearness(titleA);
      // The tier without the forms typed: a title typed from memory counts before the forms of its words in the abstract.
      const byCoverage = Math.floor(b.tier / TIER_SPAN) - Math.floor(a.tier / TIER_SPAN);
      return (long ? byWords || b.tier - a.tier : byCoverage || byWords || b.tier - a.tier) || b.score - a.score || a.id - b.id;
    });
    return hits.slice(0, limit).map((hit) => this.hit(hit, terms, typing));
  }

  /** A candidate as a hit: the words of the paper that matched, and of the query. */
  private hit({ id, score, slot, bits, found }: Candidate, terms: readonly string[], typing: number): IndexHit {
    const matchedTerms = new Set(found?.terms ?? []);
    const queryTerms = new Set(found?.queryTerms ?? []);
    terms.forEach((term, i) => {
      if (!(bits & (1 << i))) return;
      queryTerms.add(term);
      if (slot < 0) return;
      if (this.abstracts.has(slot, term)) matchedTerms.add(term);
      else if (i === typing) for (const longer of this.abstracts.termsStartingWith(term)) if (this.abstracts.has(slot, longer)) matchedTerms.add(longer);
    });
    return { id, score, terms: [...matchedTerms], queryTerms: [...queryTerms] };
  }
}

interface Candidate {
  readonly id: number;
  readonly score: number;
  /** How many of the query's words it has, and how many together (see `search`). */
  readonly tier: number;
  /** In the abstract index, -1 when only MiniSearch found it. */
  readonly slot: number;
  /** The query terms it has (bit i for term i). */
  readonly bits: number;
  readonly found?: SearchResult;
}

/** More than the most query words one place can hold, so that a tier tells its parts apart. */
const TIER_SPAN = 64;

/** How a title holds the words typed (see `titleMatch`). */
interface TitleMatch {
  readonly inOrder: number;
  readonly pairs: number;
  /** The title's words. */
  readonly length: number;
}

/**
 * How a title holds the words typed (stop words too): how many in their order, and how many
 * neighbours typed are neighbours in the title. A word matches as typed, plural or singular,
 * with one typo from four letters, and the last word still being typed by its start.
 */
function titleMatch(typed: readonly string[], typedStems: readonly string[], title: readonly string[], typing: boolean): TitleMatch {
  const last = typing ? typed.length - 1 : -1;
  const same = (q: number, t: number) => {
    const a = typed[q];
    const b = title[t];
    if (a === b) return true;
    // Cheap tests first: most words of a title are nothing like the word typed.
    if (a.length >= 4 && Math.abs(a.length - b.length) <= 1 && !hasDigit(a) && oneEditApart(a, b)) return true;
    if (q === last && a.length >= 3 && b.startsWith(a)) return true;
    return a[0] === b[0] && Math.abs(a.length - b.length) <= 3 && typedStems[q] === stem(b);
  };
  // The longest common subsequence, a row per word typed; and the neighbours typed that are neighbours in the title.
  let previous = new Array<number>(title.length + 1).fill(0);
  let matchedBefore = new Array<boolean>(title.length).fill(false);
  let pairs = 0;
  for (let q = 0; q < typed.length; q++) {
    const current = [0];
    const matched = new Array<boolean>(title.length);
    let paired = false;
    for (let t = 0; t < title.length; t++) {
      matched[t] = same(q, t);
      if (matched[t] && t > 0 && matchedBefore[t - 1]) paired = true;
      current[t + 1] = matched[t] ? previous[t] + 1 : Math.max(previous[t + 1], current[t]);
    }
    if (paired) pairs++;
    previous = current;
    matchedBefore = matched;
  }
  return { inOrder: previous[title.length], pairs, length: title.length };
}

/** Whether one letter dropped, added, changed, or two neighbours swapped, turn `a` into `b` (not the same word). */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const [restA, restB] = [endA - start, endB - start];
  if (restA <= 1 && restB <= 1) return true;
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}

function popCount(bits: number): number {
  let n = 0;
  for (let b = bits >>> 0; b; b &= b - 1) n++;
  return n;
}

/** Bump when the saved layout, the fields or the term processing change. */
const SAVED_INDEX_SCHEMA = 6;
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
