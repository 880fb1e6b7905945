// Every word of every abstract, searchable: an inverted index kept in typed arrays, scored by BM25 as MiniSearch scores its fields.
import type { JsonLinesReader, JsonLinesWriter } from '../formats/jsonLines';
import type { Work } from '../work/slices';
import { searchForm, searchTerm, searchTokens } from './searchTerms';

/**
 * One term's papers, by slot (ascending), and how often the term occurs in each (at most 15),
 * plus `AS_STEM` when the abstract has the term in that very form (`robot`, not only `robots`).
 * Typed arrays rather than MiniSearch's maps of maps: at 100,000 papers whole abstracts make
 * millions of postings, which as objects took gigabytes and most of a search's time to score.
 * A restored index keeps each term's postings as saved (`encoded`) until a search first needs
 * them: most terms are never searched in a session, and decoding them all was most of a restore.
 */
interface Postings {
  slots: Int32Array;
  counts: Uint8Array;
  length: number;
  encoded?: string;
}

/** Counts above this say nothing more to BM25, and fit in four bits when saved. */
const MAX_COUNT = 15;
/** Marks, beside the count, that the term itself is in the abstract, not only another form of it. */
const AS_STEM = 16;
/** Prefixes a form of a word other than its term (`robots`), listed apart: its papers have that very form. */
const FORM = '=';
/** MiniSearch's BM25+ parameters, so that abstract scores add up with its fields' scores. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** MiniSearch's weight for a term found by prefix. */
const PREFIX_WEIGHT = 0.375;
/** A word typed in part is looked for in at most this many terms that start with it, the shortest first. */
const MAX_PREFIX_TERMS = 30;
/** At most this many query terms are told apart in `AbstractMatches.matched` (a bit each). */
export const MAX_MATCHED_TERMS = 32;

/** What a query found in the abstracts, by slot: BM25 score, and which query terms matched (bit i for term i), as typed or only as the start of a longer term. */
export interface AbstractMatches {
  readonly scores: Float64Array;
  readonly exact: Uint32Array;
  readonly byPrefix: Uint32Array;
  /** The query terms each paper has in the very form typed. */
  readonly asTyped: Uint32Array;
}

export class AbstractIndex {
  private readonly postings = new Map<string, Postings>();
  /** By slot: the paper's id, -1 once discarded. */
  private idOf: Int32Array = new Int32Array(1024);
  private lengths: Uint16Array = new Uint16Array(1024);
  private slots = 0;
  private readonly slotOf = new Map<number, number>();
  private live = 0;
  private totalLength = 0;
  /** Discarded slots whose postings are still held (see `vacuum`). */
  private dirt = 0;
  /** Every term, sorted, for words typed in part; made again once a new term comes. */
  private sorted?: string[];

  get size(): number {
    return this.live;
  }

  get dirtCount(): number {
    return this.dirt;
  }

  /** The paper at `slot`, -1 for a discarded one. */
  paperAt(slot: number): number {
    return slot < this.slots ? this.idOf[slot] : -1;
  }

  /** How many slots `match` scores: every paper added, discarded or not. */
  get slotCount(): number {
    return this.slots;
  }

  add(id: number, abstract: string): void {
    const slot = this.slots++;
    if (slot >= this.idOf.length) {
      this.idOf = grow(this.idOf, slot * 2) as Int32Array;
      this.lengths = grow(this.lengths, slot * 2) as Uint16Array;
    }
    this.idOf[slot] = id;
    this.slotOf.set(id, slot);
    // Per term: how often, times two, plus one if in that very form; other forms apart.
    const counts = new Map<string, number>();
    let length = 0;
    for (const token of searchTokens(abstract)) {
      const term = searchTerm(token);
      if (!term) continue;
      length++;
      const form = searchForm(token);
      counts.set(term, ((counts.get(term) ?? 0) + 2) | (form === term ? 1 : 0));
      if (form !== term) counts.set(FORM + form, 2);
    }
    length = Math.min(length, 0xffff);
    this.lengths[slot] = length;
    this.totalLength += length;
    this.live++;
    for (const [term, count] of counts) {
      let list = this.list(term);
      if (!list) {
        this.postings.set(term, (list = { slots: new Int32Array(2), counts: new Uint8Array(2), length: 0 }));
        this.sorted = undefined;
      }
      if (list.length === list.slots.length) {
        list.slots = grow(list.slots, list.length * 2) as Int32Array;
        list.counts = grow(list.counts, list.length * 2) as Uint8Array;
      }
      list.slots[list.length] = slot;
      list.counts[list.length++] = Math.min(count >> 1, MAX_COUNT) | (count & 1 ? AS_STEM : 0);
    }
  }

  /** The paper is no longer found; its words count toward how rare a word is until `vacuum`. */
  discard(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.idOf[slot] = -1;
    this.live--;
    this.totalLength -= this.lengths[slot];
    this.dirt++;
  }

  /** Each paper to its place in the library an update made (`laterOf`, by earlier place); -1 discards it. */
  *moveTo(laterOf: Int32Array): Work<void> {
    this.slotOf.clear();
    for (let slot = 0; slot < this.slots; slot++) {
      const at = this.idOf[slot];
      if (at < 0) continue;
      const later = at < laterOf.length ? laterOf[at] : -1;
      if (later < 0) {
        this.idOf[slot] = -1;
        this.live--;
        this.totalLength -= this.lengths[slot];
        this.dirt++;
      } else {
        this.idOf[slot] = later;
        this.slotOf.set(later, slot);
      }
      if (slot % 4096 === 0) yield;
    }
  }

  /** Drops the postings of discarded papers, so that words are as rare as in a new index; and the room kept for growth. */
  *vacuum(): Work<void> {
    let done = 0;
    for (const term of this.postings.keys()) {
      const list = this.list(term)!;
      let kept = 0;
      for (let k = 0; k < list.length; k++) {
        if (this.idOf[list.slots[k]] < 0) continue;
        list.slots[kept] = list.slots[k];
        list.counts[kept++] = list.counts[k];
      }
      if (kept === 0) {
        this.postings.delete(term);
        this.sorted = undefined;
      } else if (kept < list.slots.length) {
        list.slots = list.slots.slice(0, kept);
        list.counts = list.counts.slice(0, kept);
      }
      list.length = kept;
      if (++done % 2048 === 0) yield;
    }
    this.dirt = 0;
  }

  /**
   * The papers whose abstract has the query's terms: each term exactly, and `prefixOf` (the
   * index of a term still being typed, if any) also as the start of longer terms; and which
   * have each term in `forms`, the form it was typed in (`robots` rather than `robot`).
   */
  match(terms: readonly string[], prefixOf = -1, forms: readonly string[] = terms): AbstractMatches {
    const scores = new Float64Array(this.slots);
    const exact = new Uint32Array(this.slots);
    const byPrefix = prefixOf >= 0 ? new Uint32Array(this.slots) : exact;
    const asTyped = new Uint32Array(this.slots);
    const averageLength = this.live ? this.totalLength / this.live : 1;
    const scoreTerm = (list: Postings, bit: number, weight: number, matched: Uint32Array) => {
      const idf = Math.log(1 + (this.live - list.length + 0.5) / (list.length + 0.5));
      for (let k = 0; k < list.length; k++) {
        const slot = list.slots[k];
        if (this.idOf[slot] < 0) continue;
        const count = list.counts[k] & MAX_COUNT;
        scores[slot] += weight * idf * (D + (count * (K + 1)) / (count + K * (1 - B + (B * this.lengths[slot]) / averageLength)));
        matched[slot] |= bit;
      }
    };
    terms.forEach((term, i) => {
      const bit = i < MAX_MATCHED_TERMS ? 1 << i : 0;
      const list = this.list(term);
      if (list) scoreTerm(list, bit, 1, exact);
      const form = forms[i] ?? term;
      if (form === term) {
        for (let k = 0; list && k < list.length; k++) if (list.counts[k] & AS_STEM) asTyped[list.slots[k]] |= bit;
      } else {
        const other = this.list(FORM + form);
        for (let k = 0; other && k < other.length; k++) asTyped[other.slots[k]] |= bit;
      }
      if (i !== prefixOf) return;
      for (const longer of this.termsStartingWith(term)) {
        scoreTerm(this.list(longer)!, bit, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (longer.length - term.length)), byPrefix);
      }
    });
    return { scores, exact, byPrefix, asTyped };
  }

  /** Whether some abstract has the term. */
  hasTerm(term: string): boolean {
    return this.postings.has(term);
  }

  /** Whether the paper's abstract has the term, for naming the words that matched. */
  has(slot: number, term: string): boolean {
    const list = this.list(term);
    if (!list) return false;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list.slots[mid] < slot) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list.slots[lo] === slot;
  }

  /** Longer terms that start with `prefix`, the shortest first; none for a prefix under three letters. */
  termsStartingWith(prefix: string): string[] {
    if (prefix.length < 3) return [];
    const sorted = (this.sorted ??= [...this.postings.keys()].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let at = lo; at < sorted.length && sorted[at].startsWith(prefix); at++) found.push(sorted[at]);
    return found.length <= MAX_PREFIX_TERMS ? found : found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, MAX_PREFIX_TERMS);
  }

  /** A term's postings, decoded if they were kept as saved. */
  private list(term: string): Postings | undefined {
    const list = this.postings.get(term);
    if (list?.encoded !== undefined) {
      // A damaged term (the file was written by another program) finds nothing rather than failing the search.
      if (!decodePostings(list.encoded, list)) list.length = 0;
      list.encoded = undefined;
    }
    return list;
  }

  /** Saved as lines of JSON: the slots' papers and lengths, then terms with their postings, each term's as one string (see `encodePostings`). */
  *save(writer: JsonLinesWriter): Work<void> {
    writer.value({ slots: this.slots, dirt: this.dirt });
    yield* writer.array(Array.from(this.idOf.subarray(0, this.slots)));
    yield* writer.array(Array.from(this.lengths.subarray(0, this.slots)));
    let terms: string[] = [];
    let lengths: number[] = [];
    let encoded: string[] = [];
    let size = 0;
    for (const [term, list] of this.postings) {
      terms.push(term);
      lengths.push(list.length);
      const text = list.encoded ?? encodePostings(list);
      encoded.push(text);
      size += text.length;
      if (size >= CHARACTERS_PER_LINE) {
        writer.value([terms, lengths, encoded]);
        [terms, lengths, encoded, size] = [[], [], [], 0];
        yield;
      }
    }
    writer.value([terms, lengths, encoded]);
    writer.value(null);
  }

  /** What `save` wrote; throws on a damaged file. */
  static *restore(reader: JsonLinesReader): Work<AbstractIndex> {
    const index = new AbstractIndex();
    const { slots, dirt } = reader.value<{ slots: number; dirt: number }>();
    index.idOf = Int32Array.from(yield* reader.array<number>());
    index.lengths = Uint16Array.from(yield* reader.array<number>());
    if (index.idOf.length !== slots || index.lengths.length !== slots) throw new Error('a damaged abstract index');
    index.slots = slots;
    index.dirt = dirt;
    for (let slot = 0; slot < slots; slot++) {
      if (index.idOf[slot] < 0) continue;
      index.slotOf.set(index.idOf[slot], slot);
      index.live++;
      index.totalLength += index.lengths[slot];
    }
    for (let line = reader.value<[string[], number[], string[]] | null>(); line; line = reader.value<[string[], number[], string[]] | null>()) {
      const [terms, lengths, encoded] = line;
      if (terms.length !== lengths.length || terms.length !== encoded.length) throw new Error('a damaged abstract index');
      terms.forEach((term, k) => index.postings.set(term, { slots: EMPTY_SLOTS, counts: EMPTY_COUNTS, length: lengths[k], encoded: encoded[k] }));
      yield;
    }
    return index;
  }
}

const EMPTY_SLOTS = new Int32Array(0);
const EMPTY_COUNTS = new Uint8Array(0);

/**
 * A term's postings as text: per paper, its slot's gap from the one before times 32 plus the
 * count and its `AS_STEM` mark, in five-bit digits, least first; `0`–`O` end a number, `]`–`|` go on. Nothing JSON
 * must escape, so a restore reads the text as it is, and decodes a term only when searched.
 */
export function encodePostings(list: Pick<Postings, 'slots' | 'counts' | 'length'>): string {
  const codes: number[] = [];
  for (let k = 0, last = 0; k < list.length; last = list.slots[k++]) {
    let value = (list.slots[k] - last) * 32 + list.counts[k];
    while (value >= 32) {
      codes.push(GOES_ON + (value & 31));
      value = Math.floor(value / 32);
    }
    codes.push(ENDS + value);
  }
  let text = '';
  // In pieces: String.fromCharCode takes only so many arguments.
  for (let at = 0; at < codes.length; at += 8192) text += String.fromCharCode(...codes.slice(at, at + 8192));
  return text;
}

/** Fills `into` with the postings `encodePostings` wrote, `into.length` of them; false, and `into` unchanged, if the text holds anything else. */
export function decodePostings(text: string, into: Postings): boolean {
  const slots = new Int32Array(into.length);
  const counts = new Uint8Array(into.length);
  let k = 0;
  let last = 0;
  let value = 0;
  let scale = 1;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= GOES_ON) {
      value += (code - GOES_ON) * scale;
      scale *= 32;
      continue;
    }
    value += (code - ENDS) * scale;
    if (k >= into.length || code < ENDS || code >= ENDS + 32) return false;
    last += Math.floor(value / 32);
    slots[k] = last;
    counts[k++] = value % 32;
    value = 0;
    scale = 1;
  }
  if (k !== into.length || scale !== 1) return false;
  into.slots = slots;
  into.counts = counts;
  return true;
}

const ENDS = 0x30;
const GOES_ON = 0x5d;

/** About 100 KB of JSON per line. */
const CHARACTERS_PER_LINE = 100_000;

function grow(array: Int32Array | Uint16Array | Uint8Array, length: number): Int32Array | Uint16Array | Uint8Array {
  const larger = new (array.constructor as new (length: number) => typeof array)(Math.max(length, 2));
  larger.set(array);
  return larger;
}
