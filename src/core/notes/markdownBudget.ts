// Which texts are handed to the Markdown parser, and the cheaper reading of those that are not.

/**
 * micromark takes time quadratic in some constructs: runs of brackets, emphasis delimiters or
 * `>` within one paragraph, and containers nested deep. A text past any of these limits is not
 * parsed: it is read by `plainCitationRanges` instead. The limits lie far beyond what a note's
 * block holds in practice (a paragraph of a thousand citations has two thousand brackets).
 */
export const MARKDOWN_LIMITS = {
  /** Characters in one text. */
  characters: 200_000,
  /** `[`, `]`, `*`, `_`, `>`, `<` and backticks in one text. */
  delimiters: 1_000,
  /** Leading spaces and tabs past the fourth, summed over the lines: lists nested deep indent every line more. */
  indentation: 2_000,
} as const;

const DELIMITERS = new Set(['[', ']', '*', '_', '>', '<', '`']);

/** Whether the parser reads the text within its limits (see `MARKDOWN_LIMITS`). One pass, stopping at the first limit passed. */
export function parsesWithinLimits(text: string): boolean {
  if (text.length > MARKDOWN_LIMITS.characters) return false;
  let delimiters = 0;
  let indentation = 0;
  let lineStart = true;
  let lineIndent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') [lineStart, lineIndent] = [true, 0];
    else if (lineStart && (c === ' ' || c === '\t')) {
      // Indented code (four spaces) costs nothing here; every level of a list beyond it does.
      if (++lineIndent > 4 && ++indentation > MARKDOWN_LIMITS.indentation) return false;
    } else {
      lineStart = false;
      if (DELIMITERS.has(c) && ++delimiters > MARKDOWN_LIMITS.delimiters) return false;
    }
  }
  return true;
}

/** A fence's opening run, its character and length; a closing one is at least as long, of the same character. */
const FENCE = /^ {0,3}(`{3,}(?!`)|~{3,}(?!~))/;

/**
 * The ranges of a text that the cheap reading looks for citations in: every line but those of
 * fenced code blocks, each line as start and end offsets (end exclusive, line break left out).
 * Linear, no parser: inline code and HTML are not told apart from prose here.
 */
export function plainCitationRanges(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let fence: { marker: string; length: number } | undefined;
  for (let start = 0; start < text.length; ) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const line = text.slice(start, end);
    const run = FENCE.exec(line)?.[1];
    const after = run === undefined ? '' : line.slice(line.indexOf(run) + run.length);
    if (fence) {
      if (run && run[0] === fence.marker && run.length >= fence.length && after.trim() === '') fence = undefined;
    } else if (run && !(run[0] === '`' && after.includes('`'))) {
      fence = { marker: run[0], length: run.length };
    } else {
      ranges.push({ start, end });
    }
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  return ranges;
}
