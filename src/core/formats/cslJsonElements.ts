// Finds the items of a large CSL-JSON array piece by piece, so no single step parses the whole file.
// The ES module build: esbuild cannot follow the requires inside the package's default UMD build.
import { createScanner } from 'jsonc-parser/lib/esm/main.js';
import type { Work } from '../work/slices';
import { MAX_JSON_DEPTH } from './jsonDepth';

/** One element of a JSON file's top-level array. */
export interface JsonElement {
  readonly text: string;
  readonly isObject: boolean;
  /** 1-based: the line of its `"id"` key, when it is an object that has one, else of its start. */
  readonly line: number;
}

/**
 * jsonc-parser's token kinds (its `SyntaxKind`) and `ScanError.None`, which it declares as const
 * enums: with isolated modules, their values cannot be read from its declarations.
 */
const NO_SCAN_ERROR = 0;
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const STRING = 10;
const LINE_BREAK = 14;
const WHITESPACE = 15;
const EOF = 17;
/** `null`, `true`, `false`, strings and numbers. */
const SCALARS: ReadonlySet<number> = new Set([7, 8, 9, STRING, 11]);

/**
 * Tokens scanned between pauses. Few: until the scanner is compiled, the first thousands of
 * tokens are many times slower than later ones, and a step must stay within a slice.
 */
const TOKENS_PER_SLICE = 500;

/**
 * The elements of a top-level JSON array, the text given in pieces, found by scanning its
 * tokens with pauses. Neither a tree of the whole file is built nor the file joined into one
 * string: for a large CSL-JSON file, jsonc-parser's `parseTree` held the thread far past a
 * slice in one step, and so did joining the pieces. Only the array's own commas and brackets are
 * checked here, and each element's tokens: undefined when any of those is not well formed, or
 * when the text is not an array, so that the caller can find and report the fault; the inside of
 * each object is for `JSON.parse` to check.
 */
export function* topLevelElements(pieces: readonly string[]): Work<JsonElement[] | undefined> {
  const elements: JsonElement[] = [];
  // What is not taken apart yet, from a token's start, and the line it starts on; the pieces after it.
  let buffer = '';
  let bufferLine = 1;
  let nextPiece = 0;
  // Where in the array: before its `[`, inside it, after its `]`; inside, whether a value is due
  // (after `[` or `,`) and whether `]` may close it.
  let place: 'before' | 'inside' | 'after' = 'before';
  let valueDue = true;
  let mayClose = true;
  let scanned = 0;
  for (;;) {
    // Not ignoring trivia: the scanner would skip comments too, which JSON does not allow.
    const scanner = createScanner(buffer, false);
    // The element being scanned, open to `depth` brackets or braces; `mayClose` as before it.
    let open: { start: number; line: number; isObject: boolean; idLine?: number; mayClose: boolean } | undefined;
    let depth = 0;
    let idKeyLine: number | undefined;
    for (let kind = scanner.scan() as number; ; kind = scanner.scan() as number) {
      if (++scanned % TOKENS_PER_SLICE === 0) yield;
      const start = scanner.getTokenOffset();
      const end = start + scanner.getTokenLength();
      const line = bufferLine + scanner.getTokenStartLine();
      // A token that reaches the end of what is read may go on in the next piece: read it first.
      if (end >= buffer.length && nextPiece < pieces.length) {
        const keep = open ? open.start : start;
        if (open) [valueDue, mayClose] = [true, open.mayClose];
        bufferLine = open ? open.line : line;
        buffer = buffer.slice(keep) + pieceAt(pieces, nextPiece++);
        break;
      }
      if ((scanner.getTokenError() as number) !== NO_SCAN_ERROR || (kind === EOF && place !== 'after')) return undefined;
      if (kind === EOF) return elements;
      if (kind !== LINE_BREAK && kind !== WHITESPACE) {
        if (open) {
          // An `"id"` key of the element itself (directly inside its braces) gives its line.
          if (kind === COLON && idKeyLine !== undefined && depth === 1) open.idLine ??= idKeyLine;
          idKeyLine = kind === STRING && scanner.getTokenValue() === 'id' ? line : undefined;
          // Too deep for the parsers after this: the whole file's reading reports it at its line.
          if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
            if (++depth > MAX_JSON_DEPTH) return undefined;
          } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) depth--;
          else if (!SCALARS.has(kind) && kind !== COMMA && kind !== COLON) return undefined; // comments, stray characters
          if (depth === 0) {
            elements.push({ text: buffer.slice(open.start, end), isObject: open.isObject, line: open.idLine ?? open.line });
            open = undefined;
          }
        } else if (place === 'before' && kind === OPEN_BRACKET) {
          place = 'inside';
        } else if (place !== 'inside') {
          return undefined;
        } else if (valueDue && (kind === OPEN_BRACE || kind === OPEN_BRACKET)) {
          open = { start, line, isObject: kind === OPEN_BRACE, mayClose };
          depth = 1;
          [valueDue, mayClose] = [false, true];
        } else if (valueDue && SCALARS.has(kind)) {
          elements.push({ text: buffer.slice(start, end), isObject: false, line });
          [valueDue, mayClose] = [false, true];
        } else if (!valueDue && kind === COMMA) {
          [valueDue, mayClose] = [true, false];
        } else if (mayClose && kind === CLOSE_BRACKET) {
          place = 'after';
        } else {
          return undefined;
        }
      }
    }
  }
}

/** The piece, without the byte order mark that may start a file. */
const pieceAt = (pieces: readonly string[], at: number) => (at === 0 ? pieces[0].replace(/^\uFEFF/, '') : pieces[at]);
