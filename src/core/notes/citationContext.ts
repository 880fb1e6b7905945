// What citation key is being typed at the cursor, for completion.
import { blockAt } from './noteBlocks';
import { NoteScanner } from './noteScanner';

/** A citation key being typed: what to look up, and what a chosen key replaces. */
export interface PartialCitation {
  /** The text from the `@` (or `@{`) to the cursor: a key cut short, or title words inside `[@…]`. */
  readonly query: string;
  /** Offset just after the `@` or `@{`. */
  readonly start: number;
  /** End of the key being typed, at or after the cursor. */
  readonly end: number;
}

/** A pandoc key: word characters, and punctuation between them (typed at the end while typing). */
const WORD_CHAR = String.raw`[\p{L}\p{N}_]`;
const INNER_PUNCTUATION = String.raw`[:.#$%&\-+?<>~/]`;
const KEY_BEFORE_CURSOR = new RegExp(`@((?:${WORD_CHAR}|${INNER_PUNCTUATION})*)$`, 'u');
/** Inside brackets a query may run on over spaces: `[@robot cooking`. */
const WORDS_BEFORE_CURSOR = new RegExp(`@((?:${WORD_CHAR}|${INNER_PUNCTUATION}|[ \\t])*)$`, 'u');
const BRACED_BEFORE_CURSOR = /@\{([^{}]*)$/;
/** The rest of a key after the cursor, as pandoc reads it: punctuation only between word characters. */
const KEY_AFTER_CURSOR = new RegExp(`^(?:${WORD_CHAR}|${INNER_PUNCTUATION}(?=${WORD_CHAR}))*`, 'u');
const BRACED_AFTER_CURSOR = /^[^{}\r\n]*(?=\})/;
const LINE_BREAK = /[\r\n]/g;

/** Reads only pandoc citations: whether an `@` starts one is all it is asked. */
const scanner = new NoteScanner([]);

/**
 * What is being typed as a citation key at `offset`: after `@` or `-@` (`@limo`, `[see @li`,
 * `[@a; @b`), inside `@{…}`, or title words after `[@`. Nothing in code, front matter, an
 * e-mail address or after an escaped `\@`, where the note scanner would read no citation either;
 * nothing for a locator (`[@limo, p. 3`).
 */
export function partialCitationAt(text: string, offset: number): PartialCitation | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const before = text.slice(lineStart, offset);
  LINE_BREAK.lastIndex = offset;
  const after = text.slice(offset, LINE_BREAK.exec(text)?.index ?? text.length);

  const inBrackets = before.lastIndexOf('[') > before.lastIndexOf(']');
  // Each pattern is tried from the one place a match can start: from every `@` of a long line,
  // each would read on to its end, quadratic in the line. A key holds no `@`, so a bare one
  // starts at the last; a braced one holds no brace, so it starts just before the last `{`.
  const bareFrom = Math.max(0, before.lastIndexOf('@'));
  const bare = (inBrackets ? WORDS_BEFORE_CURSOR : KEY_BEFORE_CURSOR).exec(before.slice(bareFrom));
  // An `@` inside a braced key (`@{a@b`) starts nothing: then the braced key is what is typed.
  if (bare && citationStartsAt(text, lineStart + bareFrom + bare.index)) return { query: bare[1], start: offset - bare[1].length, end: offset + KEY_AFTER_CURSOR.exec(after)![0].length };
  const bracedFrom = Math.max(0, before.lastIndexOf('{') - 1);
  const braced = BRACED_BEFORE_CURSOR.exec(before.slice(bracedFrom));
  if (!braced || !citationStartsAt(text, lineStart + bracedFrom + braced.index)) return undefined;
  const rest = BRACED_AFTER_CURSOR.exec(after) ?? KEY_AFTER_CURSOR.exec(after)!;
  return { query: braced[1], start: offset - braced[1].length, end: offset + rest[0].length };
}

/**
 * Whether the note scanner reads the `@` at `at` as the start of a citation, given a key
 * after it: only the block around it is parsed, so this is quick in long notes.
 */
function citationStartsAt(text: string, at: number): boolean {
  const block = blockAt(text, at);
  const atInBlock = at - block.start;
  const probe = `${text.slice(block.start, at + 1)}k${text.slice(at + 1, block.end)}`;
  return scanner.scan(probe).some((c) => c.form === 'pandoc' && c.start === atInBlock + 1);
}
