// Splits a note into blocks that can each be parsed on their own.
import { withoutTrailing } from './textEnds';

/**
 * A run of whole lines of a note that Markdown reads the same on its own as within the note,
 * so one paragraph can be re-read without parsing the whole note (too slow for a long note
 * at each keystroke).
 */
export interface NoteBlock {
  /** Offsets into the note, end exclusive; a block starts at the start of a line. */
  readonly start: number;
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}(?!`)|~{3,}(?!~))(.*)$/;
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
  // As the parser (micromark) reads it: `]]>` ends CDATA only after an even run of `]`.
  [/^ {0,3}<!\[CDATA\[/, /(?<!\])(?:\]\])+>/],
];

/** The tag names that open an HTML block running to the next blank line (CommonMark's kind 6). */
const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_TO_BLANK = new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?=\\s|/?>|$)`, 'i');
/** Kind 7: a whole open or closing tag alone on its line (not a raw one, which is kind 1); it cannot interrupt a paragraph. */
const LONE_TAG = /^ {0,3}(?:<(?!(?:pre|script|style|textarea)\b)[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/(?!(?:pre|script|style|textarea)\b)[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/i;

/**
 * Cuts a note before each line that starts in the first column after a blank line: there every
 * list, quote and paragraph has ended. Not inside front matter, fenced code or an HTML block that
 * runs on across blank lines; and no such block opens within an HTML block that runs to the
 * next blank line, whose lines are HTML whatever they hold. A cut is only ever left out when in doubt, which merely makes a
 * block longer. (Link reference and footnote definitions are the one thing Markdown shares
 * across blocks: see `mayDefineReferences`.)
 */
export function* noteBlocks(text: string): Generator<NoteBlock> {
  const frontMatterEnd = FRONT_MATTER.exec(text)?.[0].length ?? 0;
  // The parser reads all of a note that opens front matter and never closes it otherwise
  // (a footnote holding only `@key` turns into a link definition); and a definition in one
  // block decides what a bracket in another is: no cuts in such notes.
  if ((!frontMatterEnd && OPENS_FRONT_MATTER.test(text)) || mayDefineReferences(text)) {
    yield { start: 0, end: text.length, line: 1 };
    return;
  }
  let blockStart = 0;
  let blockLine = 1;
  let previousBlank = false;
  /** The end test of the fence or HTML block we are inside, if any. */
  let inside: ((line: string) => boolean) | undefined;
  /** Within an HTML block that a blank line ends. */
  let htmlToBlank = false;

  const lines = /[^\r\n]*(?:\r\n?|\n|$)/y;
  for (let at = 0, line = 1; at < text.length; line++) {
    const match = lines.exec(text)!;
    // The parser drops a BOM at the start of the note.
    const content = withoutTrailing(at === 0 ? match[0].replace(/^\uFEFF/, '') : match[0], '\r\n');
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
      if (blank) htmlToBlank = false;
      else if (!htmlToBlank) {
        inside = constructOpenedBy(content);
        htmlToBlank = !inside && (HTML_TO_BLANK.test(content) || ((previousBlank || line === 1) && LONE_TAG.test(content)));
      }
      previousBlank = blank;
    }
    at += match[0].length;
  }
  yield { start: blockStart, end: text.length, line: blockLine };
}

/**
 * Whether the note may define a link reference or a footnote (`[x]: …`, `[^1]: …`): those are
 * the one thing Markdown shares across blocks, and decide whether `[x]` elsewhere is text.
 * Read whole, such a note reads as it should; block by block, it might not.
 */
function mayDefineReferences(text: string): boolean {
  // Not /\[[^\]]*\]:/, which reads on from every `[` of a long run of them: quadratic. Any match of
  // that has one from its last `[`, which this finds.
  return /\[[^[\]\r\n]*\]:/.test(text);
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
    // The end is looked for in the whole line, the opening too: `<?>` and `<!-->` end where they start.
    if (open.test(line)) return close.test(line) ? undefined : (l) => close.test(l);
  }
  return undefined;
}
