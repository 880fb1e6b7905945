/**
 * A run of whole lines of a note that Markdown reads the same on its own as within the note,
 * so one paragraph can be re-read without parsing the whole note (a tenth of a second or more
 * for 2,000 lines).
 */
export interface NoteBlock {
  /** Offsets into the note, end exclusive; a block starts at the start of a line. */
  readonly start: number;
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
/** Lines read otherwise at the start of a text (a BOM is dropped, a fence opens front matter): no cut before them. */
const READ_OTHERWISE_FIRST = /^(?:\uFEFF|---|\+\+\+)/;
const OPENS_FRONT_MATTER = /^\uFEFF?(?:---|\+\+\+)[ \t]*(?:\r|\n|$)/;
/** YAML or TOML front matter, up to the first closing fence. */
const FRONT_MATTER = /^\uFEFF?(---|\+\+\+)[ \t]*(?:\r\n?|\n)(?:[^]*?(?:\r\n?|\n))??\1[ \t]*(?=\r|\n|$)/;

/** CommonMark's HTML blocks that a blank line does not end (kinds 1 to 5), with what ends them. */
const HTML_OPEN: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * Cuts a note before each line that starts in the first column after a blank line: there every
 * list, quote and paragraph has ended. Not inside front matter, fenced code or an HTML block that
 * runs on across blank lines. A cut is only ever left out when in doubt, which merely makes a
 * block longer. (Link reference definitions are the one thing Markdown shares across blocks;
 * they decide what is a link, never what is code.)
 */
export function* noteBlocks(text: string): Generator<NoteBlock> {
  const frontMatterEnd = FRONT_MATTER.exec(text)?.[0].length ?? 0;
  // The parser reads all of a note that opens front matter and never closes it otherwise
  // (a footnote holding only `@key` turns into a link definition): no cuts in such a note.
  if (!frontMatterEnd && OPENS_FRONT_MATTER.test(text)) {
    yield { start: 0, end: text.length, line: 1 };
    return;
  }
  let blockStart = 0;
  let blockLine = 1;
  let previousBlank = false;
  /** The end test of the fence or HTML block we are inside, if any. */
  let inside: ((line: string) => boolean) | undefined;

  const lines = /[^\r\n]*(?:\r\n?|\n|$)/y;
  for (let at = 0, line = 1; at < text.length; line++) {
    const match = lines.exec(text)!;
    // The parser drops a BOM at the start of the note.
    const content = match[0].replace(at === 0 ? /^\uFEFF|[\r\n]+$/g : /[\r\n]+$/, '');
    if (at < frontMatterEnd) {
      previousBlank = false;
    } else if (inside) {
      if (inside(content)) inside = undefined;
    } else {
      const blank = /^[ \t]*$/.test(content);
      if (previousBlank && !blank && !/^[ \t]/.test(content) && !READ_OTHERWISE_FIRST.test(content)) {
        yield { start: blockStart, end: at, line: blockLine };
        blockStart = at;
        blockLine = line;
      }
      inside = constructOpenedBy(content);
      previousBlank = blank;
    }
    at += match[0].length;
  }
  yield { start: blockStart, end: text.length, line: blockLine };
}

/** The block of `text` that holds the character at `offset`. */
export function blockAt(text: string, offset: number): NoteBlock {
  let last!: NoteBlock;
  for (const block of noteBlocks(text)) {
    last = block;
    if (offset < block.end) break;
  }
  return last;
}

/** The end test of a fence or a long HTML block that `line` opens and does not close itself. */
function constructOpenedBy(line: string): ((line: string) => boolean) | undefined {
  const fence = FENCE_OPEN.exec(line);
  if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    const [marker] = fence[1];
    const length = fence[1].length;
    return (l) => {
      const close = FENCE_CLOSE.exec(l);
      return close !== null && close[1][0] === marker && close[1].length >= length;
    };
  }
  for (const [open, close] of HTML_OPEN) {
    const opened = open.exec(line);
    if (opened && !close.test(line.slice(opened[0].length))) return (l) => close.test(l);
  }
  return undefined;
}
