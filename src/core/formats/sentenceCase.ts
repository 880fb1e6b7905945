// Titles of English BibTeX entries in sentence case, as pandoc reads them into CSL (BibTeX keeps them in title case).

/**
 * Marks where a subtitle begins in a CSL title (`Title: ⁍Subtitle`, as citation-js joins
 * them). pandoc changes the case of each field alone.
 */
export const TITLE_PART_MARK = '\u001f';

/** A rich-text tag in a CSL string, as citation-js writes them (`<i>`, `<span class="nocase">`…). */
const TAG = /<\/?[a-z]+(?:\s[^<>]*)?>/g;
/** Tags whose text keeps its case: case-protected spans, small capitals, super- and subscripts. */
const PROTECTING_TAGS: ReadonlySet<string> = new Set(['<span class="nocase">', '<span style="font-variant:small-caps;">', '<sup>', '<sub>']);
/** Quotation marks: pandoc holds quoted text as an element of its own, not as characters. */
const QUOTES = /[“”‘"]/;

/** An element of the title: its tags and what it holds. */
interface Element {
  readonly open: string;
  close: string;
  readonly protects: boolean;
  readonly children: TitleNode[];
}
type TitleNode = string | Element;

/** Where the case change stands, as citeproc (`Citeproc.CaseTransform`) tracks it. */
type CaseState = 'start' | 'startSentence' | 'afterWordEnd' | 'afterWordChar' | 'afterSentenceEnd' | 'afterOtherPunctuation' | 'beforeLastWord';

/**
 * pandoc's sentence case (citeproc's `withSentenceCase` over pandoc's inlines), applied to each
 * title field alone: a capitalised word (`Word`, `A`) is lower-cased, but the first of the field
 * and of each sentence (after `.`, `?`, `!`, `:` and a space) keeps or gets a capital, unless it
 * is the field's last word. Other words (`NASA`, `iPhone`, `3D`) and the text of case-protected
 * spans, small capitals and super- and subscripts stay as written.
 */
export function sentenceCase(text: string): string {
  if (!text.includes(TITLE_PART_MARK)) return sentenceCasePart(text);
  const parts = text.split(TITLE_PART_MARK);
  let out = '';
  for (const [i, part] of parts.entries()) {
    // citation-js joins with `: `; pandoc with a space alone after punctuation.
    const title = i < parts.length - 1 ? part.replace(/: $/, '') : part;
    const cased = sentenceCasePart(title);
    out += i === parts.length - 1 ? cased : `${cased}${/[!?.,:;]$/.test(title) ? ' ' : ': '}`;
  }
  return out;
}

/** The text with the title-part marks taken out, a subtitle after punctuation joined by a space alone, as pandoc joins it. */
export function withoutTitlePartMarks(text: string): string {
  return text.includes(TITLE_PART_MARK) ? text.replace(new RegExp(`([!?.,:;]): ${TITLE_PART_MARK}`, 'g'), '$1 ').split(TITLE_PART_MARK).join('') : text;
}

function sentenceCasePart(text: string): string {
  const nodes = parsed(text);
  const caser = new SentenceCaser();
  const last = nodes[nodes.length - 1];
  if (typeof last !== 'string') return nodes.map((node) => caser.node(node)).join('');
  // The last word, when it stands alone after something else, is never a sentence's first (citeproc's `BeforeLastWord`).
  let start = last.length;
  while (start > 0 && !/\s/.test(last[start - 1])) start--;
  const lastWord = last.slice(start);
  const before = nodes.slice(0, -1).map((node) => caser.node(node)).join('') + caser.text(last.slice(0, last.length - lastWord.length));
  const alone = lastWord !== '' && !/[-/–—]/.test(lastWord) && !QUOTES.test(lastWord) && (nodes.length > 1 || lastWord.length < last.length);
  if (alone && (caser.state === 'afterWordEnd' || caser.state === 'startSentence' || caser.state === 'start')) caser.state = 'beforeLastWord';
  return before + caser.text(lastWord);
}

/** The tags and text of `text`; a tag that does not close in order is kept as text. */
function parsed(text: string): TitleNode[] {
  const root: Element = { open: '', close: '', protects: false, children: [] };
  const open: Element[] = [root];
  let at = 0;
  for (const m of text.matchAll(TAG)) {
    const top = open[open.length - 1];
    if (m.index > at) top.children.push(text.slice(at, m.index));
    at = m.index + m[0].length;
    const tag = m[0];
    if (tag.startsWith('</')) {
      if (open.length > 1 && top.close === tag) open.pop();
      else top.children.push(tag);
    } else {
      const element: Element = { open: tag, close: `</${/^<([a-z]+)/.exec(tag)![1]}>`, protects: PROTECTING_TAGS.has(tag), children: [] };
      top.children.push(element);
      open.push(element);
    }
  }
  if (at < text.length) open[open.length - 1].children.push(text.slice(at));
  // Elements left open are written as they came, unclosed.
  for (const element of open) element.close = '';
  return root.children;
}

const isUpper = (c: string) => /[\p{Lu}\p{Lt}]/u.test(c);
const isLower = (c: string) => /\p{Ll}/u.test(c);
const isAlphaNum = (c: string) => /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string) => /\s/.test(c);
/** Runs of ASCII letters and digits, of other letters and digits, of spaces; anything else one character at a time. */
const CHUNK = /[A-Za-z0-9]+|(?:(?![A-Za-z0-9])[\p{L}\p{N}])+|\s+|[^]/gu;

class SentenceCaser {
  state: CaseState = 'start';

  node(node: TitleNode): string {
    if (typeof node === 'string') return this.text(node);
    if (node.protects) {
      // Kept as it is, but its text moves the state on, as citeproc's `return'` does.
      this.moveOn(textOf(node).replace(/\s+/g, ''));
      return written(node);
    }
    return node.open + node.children.map((child) => this.node(child)).join('') + node.close;
  }

  text(text: string): string {
    let out = '';
    for (const [chunk] of text.matchAll(CHUNK)) {
      // pandoc reads a title's opening apostrophe (`'Cause`) as no word of it.
      if (QUOTES.test(chunk) || (chunk === '’' && this.state === 'start')) {
        out += chunk;
        continue;
      }
      const before = this.state;
      this.moveOn(chunk);
      out += [...chunk].every(isAlphaNum) ? casedWord(before, chunk) : chunk;
    }
    return out;
  }

  private moveOn(chunk: string): void {
    const c = chunk.slice(-1);
    if (c === '') return;
    if ('.?!:'.includes(c)) this.state = 'afterSentenceEnd';
    else if (isAlphaNum(c)) this.state = 'afterWordChar';
    else if (isSpace(c) && this.state === 'afterSentenceEnd') this.state = 'startSentence';
    else if (isSpace(c) || '-/–—'.includes(c)) this.state = 'afterWordEnd';
    else this.state = 'afterOtherPunctuation';
  }
}

/** citeproc's `withSentenceCase` on one word. */
function casedWord(state: CaseState, word: string): string {
  const [first, ...rest] = word;
  const capitalised = isUpper(first) && rest.every(isLower);
  const starts = state === 'start' || state === 'startSentence';
  if (capitalised && !starts) return word.toLowerCase();
  if (starts && (capitalised || [...word].every(isLower))) return first.toUpperCase() + rest.join('').toLowerCase();
  return word;
}

function textOf(node: TitleNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

function written(node: TitleNode): string {
  return typeof node === 'string' ? node : node.open + node.children.map(written).join('') + node.close;
}

/** `langid` or `hyphenation` values (as citation-js gives them in `language`) that BibLaTeX and pandoc treat as English. */
export function isEnglish(language: unknown): boolean {
  if (typeof language !== 'string' || language.trim() === '') return true;
  const name = language.trim().toLowerCase();
  return /^en(?:[-_]|$)/.test(name) || ['english', 'american', 'british', 'canadian', 'australian', 'newzealand', 'usenglish', 'ukenglish'].includes(name);
}
