// Parses a seed-format file again only around an edit, reusing the sections of its last parse.
import type { FileEdit } from './fileEdit';
import type { PaperEntry, ParsedLibraryFile, SeedParse, SeedProblem, SeedSections } from '../model/paper';
import { decodedBlocks, forEachParagraph, isClean, SectionReader, seedParse } from './seedFormat';
import { mapWork, type Work } from '../work/slices';

/**
 * A `SeedParse` as saved between sessions, with the file's entries (see `ParsedFiles`): of the
 * entries found only those dropped as duplicates. Its numbers (four per section, a title hash
 * per entry) are packed as text and kept so when restored, to be read in the background after
 * the load (see `ParsedFiles.restoredWork`): for a large library, parsing them as JSON lines
 * held up every start.
 */
export interface SavedSeedParse {
  /** Per section `byte,line,entry,problem`, in base 36, a few thousand to a string. */
  readonly sections: readonly string[];
  readonly titleHashes: readonly string[];
  readonly problems: readonly SeedProblem[];
  /** The entries found but dropped, each with its place among those found. */
  readonly dropped: readonly (readonly [number, PaperEntry])[];
}

/** Entries gone through between two pauses. */
const ENTRIES_PER_PAUSE = 4096;
/** Sections, or title hashes, to a packed string. */
const PACKED_PER_STRING = 4096;

/**
 * What each parse saved, or was restored from: the cache of parsed files is written again after
 * every change of any library file, and packing a large file's sections anew each time would
 * be work done over and over for a file that did not change.
 */
const savedOf = new WeakMap<SeedParse, SavedSeedParse>();

/** What of the parse of a file with these `entries` is saved. */
export function* savedSeedParse(parse: SeedParse, entries: readonly PaperEntry[]): Work<SavedSeedParse> {
  const known = savedOf.get(parse);
  if (known) return known;
  const { found, titleHashes, problems, sections } = parse;
  const dropped: [number, PaperEntry][] = [];
  for (let [i, kept] = [0, 0]; i < found.length; i++) {
    if (found[i] === entries[kept]) kept++;
    else dropped.push([i, found[i]]);
    if (i % ENTRIES_PER_PAUSE === 0) yield;
  }
  const { byte, line, entry, problem } = sections;
  const saved = {
    sections: yield* packed(byte.length, (i) => [byte[i], line[i], entry[i], problem[i]]),
    titleHashes: yield* packed(titleHashes.length, (i) => [titleHashes[i]]),
    problems,
    dropped,
  };
  savedOf.set(parse, saved);
  return saved;
}

/** The parse saved, with the file's `entries` restored with it; undefined if what was saved does not fit the entries. */
export function* restoredSeedParse(saved: SavedSeedParse, entries: readonly PaperEntry[]): Work<SeedParse | undefined> {
  const { problems, dropped } = saved;
  const found: PaperEntry[] = [];
  let next = 0;
  for (let i = 0; i <= entries.length; i++) {
    while (next < dropped.length && dropped[next][0] === found.length) found.push(dropped[next++][1]);
    if (i < entries.length) found.push(entries[i]);
    if (i % ENTRIES_PER_PAUSE === 0) yield;
  }
  const [byte, line, entry, problem] = yield* unpacked(saved.sections, 4);
  const [titleHashes] = yield* unpacked(saved.titleHashes, 1);
  const sections = { byte, line, entry, problem };
  const count = byte.length;
  const fits = next === dropped.length && titleHashes.length === found.length && [line, entry, problem].every((values) => values.length === count);
  if (!fits || [byte, line, entry, problem, titleHashes].some((values) => values.some(Number.isNaN))) return undefined;
  if (entry[count - 1] > found.length || problem[count - 1] > problems.length) return undefined;
  const parse = { found, titleHashes, problems, sections };
  savedOf.set(parse, saved);
  return parse;
}

/** `count` items of numbers (`item` gives each), packed a few thousand to a string. */
function* packed(count: number, item: (i: number) => number[]): Work<string[]> {
  const strings: string[] = [];
  for (let at = 0; at < count; at += PACKED_PER_STRING) {
    const items: string[] = [];
    for (let i = at; i < Math.min(count, at + PACKED_PER_STRING); i++) items.push(item(i).map((n) => n.toString(36)).join(','));
    strings.push(items.join(' '));
    yield;
  }
  return strings;
}

/** What `packed` packed, as `width` arrays of numbers (NaN where the text is no number). */
function* unpacked(strings: readonly string[], width: number): Work<number[][]> {
  const columns = Array.from({ length: width }, (): number[] => []);
  for (const string of strings) {
    for (const item of string.split(' ')) {
      const numbers = item.split(',');
      for (let k = 0; k < width; k++) columns[k].push(parseInt(numbers[k], 36));
    }
    yield;
  }
  return columns;
}

/**
 * A seed-format file parsed again after an edit (see `FileEdit`), from its last parse (see
 * `SeedParse`): only from the section before the first changed byte to the first section after
 * the last changed byte that starts as it did. For a large file, parsing it whole is slow;
 * this, for an edit in one place, parses a few sections and passes over the entries for
 * duplicates (see test/bench/README.md). Undefined where the whole file must be parsed: an edit within the
 * first two sections (the page header and the first entry are found by looking at the whole
 * start), text that is not clean (see `DecodedLibraryFile.clean`), which the whole parse
 * reports, or sections longer than the edit's window.
 */
export function* reparseSeedWork(edit: FileEdit, file: string, earlier: SeedParse): Work<ParsedLibraryFile | undefined> {
  const { sections } = earlier;
  const { prefix, suffix, size, window, windowStart } = edit;
  const shift = size - edit.sizeBefore;
  if (prefix === size && shift === 0) return yield* seedParse(file, earlier);
  // The section before the one the edit starts in: its title paragraph, and the blank line after, are unchanged.
  const from = lastBelow(sections.byte, prefix) - 1;
  if (from < 1 || sections.byte[from] < windowStart) return undefined;
  if (window.subarray(prefix - windowStart, size - suffix - windowStart).includes(0)) return undefined;

  const reader = new SectionReader(file);
  let whole = true; // clean, and within the window
  let resumed = sections.byte.length; // the earlier section the text after the edit goes on with
  let resumedLine = 0;
  const pieces = windowPieces(window, sections.byte[from] - windowStart, windowStart + window.length === size, () => (whole = false));
  yield* forEachParagraph(pieces, sections.line[from], sections.byte[from], (paragraph) => {
    if (!whole) return true;
    if (paragraph.byte >= size - suffix && SectionReader.startsSection(paragraph)) {
      const at = lastBelow(sections.byte, paragraph.byte - shift + 1);
      if (sections.byte[at] === paragraph.byte - shift) {
        [resumed, resumedLine] = [at, paragraph.line];
        return true;
      }
    }
    reader.read(paragraph);
    return false;
  });
  if (!whole) return undefined;
  const read = reader.done();
  const lineShift = resumed < sections.byte.length ? resumedLine - sections.line[resumed] : 0;
  // Where the sections' entries and problems start, as indexes into `earlier`'s.
  const start = (k: number, what: 'entry' | 'problem') => (k < sections.byte.length ? sections[what][k] : earlier[what === 'entry' ? 'found' : 'problems'].length);
  // `concat`, not spread: spreading a large library's arrays is a long step.
  const found = earlier.found.slice(0, start(from, 'entry')).concat(read.found, yield* movedLines(earlier.found.slice(start(resumed, 'entry')), lineShift));
  yield;
  const titleHashes = earlier.titleHashes.slice(0, start(from, 'entry')).concat(read.titleHashes, earlier.titleHashes.slice(start(resumed, 'entry')));
  const problems = earlier.problems.slice(0, start(from, 'problem')).concat(read.problems, yield* movedLines(earlier.problems.slice(start(resumed, 'problem')), lineShift));
  yield;
  const spliced = yield* splicedSections(
    sections,
    from,
    resumed,
    read.sections,
    { byte: 0, line: 0, entry: start(from, 'entry'), problem: start(from, 'problem') },
    { byte: shift, line: lineShift, entry: found.length - earlier.found.length, problem: problems.length - earlier.problems.length },
  );
  return yield* seedParse(file, { found, titleHashes, problems, sections: spliced });
}

/**
 * The pieces of the window's text from `from` on, to its end, which is the file's if `toEnd`;
 * `cut` is called at the first block that is not clean, or at the window's end if it is not the
 * file's (the text after it is not known), and then no pieces come.
 */
function* windowPieces(window: Uint8Array, from: number, toEnd: boolean, cut: () => void): Generator<string> {
  for (const { block, decoded, piece } of decodedBlocks(window, from, false)) {
    if (!isClean(decoded) || (block.length === 0 && !toEnd)) return cut();
    if (piece !== undefined) yield piece;
  }
}

/** The sections before `from`, those `read` in their place (moved by `readShift`), and those from `resumed` on (moved by `shift`). */
function* splicedSections(sections: SeedSections, from: number, resumed: number, read: SeedSections, readShift: SectionShift, shift: SectionShift): Work<SeedSections> {
  const spliced: Partial<Record<keyof SeedSections, number[]>> = {};
  // A part at a time: the four at once are too long a step for a large file.
  for (const key of ['byte', 'line', 'entry', 'problem'] as const) {
    const after = sections[key].slice(resumed);
    spliced[key] = sections[key].slice(0, from).concat(
      read[key].map((value) => value + readShift[key]),
      shift[key] === 0 ? after : after.map((value) => value + shift[key]),
    );
    yield;
  }
  return spliced as SeedSections;
}

type SectionShift = { readonly [K in keyof SeedSections]: number };

/** The entries or problems, `by` lines further down: the same objects when that is none. */
function* movedLines<T extends PaperEntry | SeedProblem>(items: T[], by: number): Work<T[]> {
  if (by === 0) return items;
  // With pauses: an edit near the top of a large file moves most of its entries.
  return yield* mapWork(items, (item) => Object.assign({}, item, { line: item.line + by }, 'entryLine' in item ? { entryLine: item.entryLine! + by } : {}));
}

/** The last index whose value is below `limit` in the ascending values; -1 when none is. */
function lastBelow(values: readonly number[], limit: number): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle] < limit) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
