// Writes and reads the caches as lines of JSON, so that saving and loading can pause between lines.
import { mapWork, type Work } from '../work/slices';

/**
 * Caches of large libraries written as lines of JSON, each quick to stringify and to parse,
 * so that saving and loading them can pause between lines: one JSON text of tens of megabytes
 * holds the thread for many slices to parse.
 */

/** Items per line of a long array: a line of numbers or keys is then a few tens of kilobytes. */
const ITEMS_PER_LINE = 5000;

/** Raw strings per piece of text written (see `JsonLinesWriter.strings`): a few hundred kilobytes. */
const STRINGS_PER_PIECE = 200;

export class JsonLinesWriter {
  /** Pieces of the text, which is their concatenation: lines, each with its newline, or raw strings (see `strings`). */
  readonly lines: string[] = [];

  value(value: unknown): void {
    this.lines.push(`${JSON.stringify(value)}\n`);
  }

  /** A long array, over as many lines as it takes (fewer items a line for large items); read back with `JsonLinesReader.array`. */
  *array(items: readonly unknown[], itemsPerLine = ITEMS_PER_LINE): Work<void> {
    this.value(items.length);
    for (let at = 0; at < items.length; at += itemsPerLine) {
      this.value(items.slice(at, at + itemsPerLine));
      yield;
    }
  }

  /**
   * Long strings (abstracts), their lengths first, then as they are, one after another, and a
   * newline: read back as slices of the text read (`JsonLinesReader.strings`), not parsed or copied.
   */
  *strings(items: readonly string[]): Work<void> {
    yield* this.array(yield* mapWork(items, (item) => item.length));
    for (let at = 0; at < items.length; at += STRINGS_PER_PIECE) {
      this.lines.push(items.slice(at, at + STRINGS_PER_PIECE).join(''));
      yield;
    }
    this.lines.push('\n');
  }
}

/**
 * Reads what a `JsonLinesWriter` wrote, in the same order; throws on a damaged line. The text
 * may come whole or in consecutive pieces split anywhere (as decoded a block at a time): a
 * large text joined into one string is copied whole, in one step, at its first search.
 */
export class JsonLinesReader {
  private readonly pieces: readonly string[];
  private piece = 0;

  constructor(
    text: string | readonly string[],
    /** Where the first line starts in the first piece. */
    private at = 0,
  ) {
    this.pieces = typeof text === 'string' ? [text] : text;
  }

  get done(): boolean {
    while (this.piece < this.pieces.length && this.at >= this.pieces[this.piece].length) {
      this.piece++;
      this.at = 0;
    }
    return this.piece >= this.pieces.length;
  }

  value<T>(): T {
    let line = '';
    for (; this.piece < this.pieces.length; this.piece++, this.at = 0) {
      const piece = this.pieces[this.piece];
      const end = piece.indexOf('\n', this.at);
      if (end >= 0) {
        line += piece.slice(this.at, end);
        this.at = end + 1;
        return JSON.parse(line) as T;
      }
      line += piece.slice(this.at); // the line goes on in the next piece
    }
    throw new Error('the saved lines end within a line');
  }

  *array<T>(): Work<T[]> {
    const length = this.value<unknown>();
    if (typeof length !== 'number') throw new Error('no count of items');
    const items: T[] = [];
    while (items.length < length) {
      const chunk = this.value<T[]>();
      if (!Array.isArray(chunk) || chunk.length === 0) throw new Error('a line of items is not an array');
      for (const item of chunk) items.push(item);
      yield;
    }
    if (items.length !== length) throw new Error('more items than counted');
    return items;
  }

  /**
   * Strings written by `JsonLinesWriter.strings`: slices of the text given, which they keep.
   * For many abstracts, parsing them as JSON, and the garbage collector moving the copies,
   * took several times as long.
   */
  *strings(): Work<string[]> {
    const lengths = yield* this.array<number>();
    const strings: string[] = [];
    for (const length of lengths) {
      if (!Number.isSafeInteger(length) || length < 0) throw new Error('a string length is not a count');
      strings.push(this.take(length));
      if (strings.length % STRINGS_PER_PIECE === 0) yield;
    }
    if (this.take(1) !== '\n') throw new Error('the strings are not as long as counted');
    return strings;
  }

  /** The next `length` characters; pieces are joined only where the text crosses from one to the next. */
  private take(length: number): string {
    let taken = '';
    for (let left = length; left > 0; ) {
      if (this.done) throw new Error('the saved text ends within a string');
      const piece = this.pieces[this.piece];
      const end = Math.min(piece.length, this.at + left);
      taken += piece.slice(this.at, end);
      left -= end - this.at;
      this.at = end;
    }
    return taken;
  }
}
