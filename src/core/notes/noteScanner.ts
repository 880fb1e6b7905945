// Finds citations in a note: pandoc keys, titles written in the text, and links to papers.
import type { Link, Nodes, Text } from 'mdast';
import { citationMayStartAt } from '../cite/citationSyntax';
import type { Paper } from '../model/paper';
import { LineIndex } from './lineIndex';
import { parsesWithinLimits, plainCitationRanges } from './markdownBudget';
import { markdownModules } from './markdown';
import { TitleMatcher } from '../search/titleMatcher';
import { finish, type Work } from '../work/slices';

export type CitationForm = 'pandoc' | 'title' | 'link';

/** A citation found in a note, located exactly in the note's text. */
export interface NoteCitation {
  readonly form: CitationForm;
  /** The key as written (pandoc) or the key of the paper whose title was written. */
  readonly key: string;
  /** Undefined when the key is not in the library: an unresolved citation. */
  readonly paper?: Paper;
  /** Offsets into the text, end exclusive: the key (without `@`) or the title. */
  readonly start: number;
  readonly end: number;
  /** 1-based lines; 0-based columns in UTF-16 code units, as editors count them. */
  readonly line: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * A pandoc citation key after `@` or `-@`: letters, digits and `_`, with single inner
 * punctuation (`@doe:2020.a`), or anything but braces inside `@{...}`. Trailing
 * punctuation ends the key, as in pandoc (`@doe99.` cites `doe99`).
 */
const PANDOC_CITATION = /@(?:\{([^{}\n\r]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/gu;

/** `@` after one of these is an e-mail address or a handle inside a word, not a citation. */
/** As in the library, a key two papers share cites the first. */
function firstPaperByKey(papers: readonly Paper[]): (key: string) => Paper | undefined {
  const byKey = new Map<string, Paper>();
  for (const paper of papers) if (!byKey.has(paper.key)) byKey.set(paper.key, paper);
  return (key) => byKey.get(key);
}

function titleMatcher(papers: readonly Paper[]): Work<TitleMatcher<Paper>> {
  return TitleMatcher.build(papers.map((p) => ({ title: p.title, value: p })));
}

/** Blocks within which a title may run on across inline markup and soft line breaks. */
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Finds every citation in a Markdown note: pandoc citations in all their forms, paper
 * titles written in the prose and links whose text is a title. Code, HTML, front matter,
 * link targets and e-mail addresses are never read as citations. Never throws.
 */
export class NoteScanner {
  private readonly paperByKey: (key: string) => Paper | undefined;
  private readonly titles: TitleMatcher<Paper>;

  constructor(papers: readonly Paper[], made?: { paperByKey: (key: string) => Paper | undefined; titles: TitleMatcher<Paper> }) {
    this.paperByKey = made?.paperByKey ?? firstPaperByKey(papers);
    this.titles = made?.titles ?? finish(titleMatcher(papers));
  }

  /** The scanner of a library, made in slices (see `finishInSlices`); keys are looked up in the library itself. */
  static *build(library: { readonly papers: readonly Paper[]; paperByKey(key: string): Paper | undefined }): Work<NoteScanner> {
    return new NoteScanner(library.papers, { paperByKey: (key) => library.paperByKey(key), titles: yield* titleMatcher(library.papers) });
  }

  scan(text: string): NoteCitation[] {
    try {
      return this.scanOrThrow(text);
    } catch {
      // A last guard, for hovers, diagnostics and completion alike: a note that breaks the
      // Markdown parser (a limit of micromark's, say) cites nothing rather than failing them.
      return [];
    }
  }

  private scanOrThrow(text: string): NoteCitation[] {
    // A text the parser would take too long on: only its pandoc citations, outside fenced code; no titles or links.
    if (!parsesWithinLimits(text)) return this.located(text, plainCitationRanges(text).flatMap(({ start, end }) => pandocCitations(text, start, end)));
    // micromark drops a leading BOM and counts offsets without it.
    const shift = text.startsWith('\uFEFF') ? 1 : 0;
    const { noteParser } = markdownModules();
    const tree = noteParser.parse(shift ? text.slice(1) : text);
    const found: { form: CitationForm; key: string; start: number; end: number }[] = [];
    // The text nodes of each prose block, in order: a title may run across them.
    const runs = new Map<Nodes, Text[]>();

    // Walked with a stack, not by recursion: quotes or lists nested thousands deep would overflow it.
    const stack: { node: Nodes; block: Nodes }[] = [{ node: tree, block: tree }];
    for (let top = stack.pop(); top; top = stack.pop()) {
      const { node } = top;
      const block = PROSE_BLOCKS.has(node.type) ? node : top.block;
      if (node.type === 'link') {
        const cited = this.linkedPaper(node);
        if (cited && node.children.length > 0) {
          found.push({ form: 'link', key: cited.key, start: startOf(node.children[0]) + shift, end: endOf(node.children.at(-1)) + shift });
          continue;
        }
        // A bare URL (`https://x.org/@limo`, `<…>`) is an address, not prose: `@` in it cites nothing.
        if (isBareUrl(node)) continue;
      }
      if (node.type === 'text') {
        const run = runs.get(block);
        if (run) run.push(node);
        else runs.set(block, [node]);
        continue;
      }
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, block });
    }

    for (const texts of runs.values()) {
      const keys = texts.flatMap((node) => pandocCitations(text, startOf(node) + shift, endOf(node) + shift));
      // One at a time: spread into `push`, a paragraph of 120,000 citations overflows the stack.
      for (const key of keys) found.push(key);
      // A title's words inside a key (`@quality-diversity-models-2`) are the key's, not a title written in the text.
      for (const title of this.titleCitations(text, texts, shift)) if (!overlapsKey(keys, title)) found.push(title);
    }

    return this.located(text, found);
  }

  /** The citations found, in order, with their lines and columns. */
  private located(text: string, found: { form: CitationForm; key: string; start: number; end: number }[]): NoteCitation[] {
    const lines = new LineIndex(text);
    return found
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((c) => {
        const from = lines.positionAt(c.start);
        const to = lines.positionAt(c.end);
        const paper = this.paperByKey(c.key);
        return {
          ...c,
          ...(paper ? { paper } : {}),
          line: from.line,
          startColumn: from.column,
          endLine: to.line,
          endColumn: to.column,
        };
      });
  }

  /** A link cites a paper when its text is the paper's title, or its target is `#key`. */
  private linkedPaper(link: Link): Paper | undefined {
    const byTarget = link.url.startsWith('#') ? this.paperByKey(decodeFragment(link.url.slice(1))) : undefined;
    return byTarget ?? this.titles.exactly(plainText(link));
  }

  private titleCitations(text: string, texts: readonly Text[], shift: number) {
    const spans = texts.map((t) => ({ start: startOf(t) + shift, end: endOf(t) + shift }));
    return this.titles.findIn(text, spans).map((m) => ({ form: 'title' as const, key: m.value.key, start: m.start, end: m.end }));
  }
}

function pandocCitations(text: string, start: number, end: number) {
  const out: { form: 'pandoc'; key: string; start: number; end: number }[] = [];
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(PANDOC_CITATION)) {
    const at = start + match.index;
    if (!citationMayStartAt(text, at)) continue;
    const key = match[1] ?? match[2];
    const keyStart = at + (match[1] !== undefined ? 2 : 1);
    out.push({ form: 'pandoc', key, start: keyStart, end: keyStart + key.length });
  }
  return out;
}

/**
 * Whether the span overlaps a key or its `@`. The keys are in order and apart, so their ends
 * are in order too: the first that ends after the span starts is the only one to look at.
 */
function overlapsKey(keys: readonly { start: number; end: number }[], span: { start: number; end: number }): boolean {
  let [low, high] = [0, keys.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle].end > span.start) high = middle;
    else low = middle + 1;
  }
  return low < keys.length && keys[low].start - 1 < span.end;
}

/** `#limo` or `#a%2Fb`; a malformed escape is taken as written rather than thrown. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function isBareUrl(link: Link): boolean {
  const [only] = link.children;
  return link.children.length === 1 && only.type === 'text' && link.url.endsWith(only.value);
}

/** The text of a node's text and code descendants, in order; with a stack, as they may nest deep. */
function plainText(node: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.type === 'text' || top.type === 'inlineCode') parts.push(top.value);
    else if ('children' in top) for (let i = top.children.length - 1; i >= 0; i--) stack.push(top.children[i] as Nodes);
  }
  return parts.join('');
}

function startOf(node: Nodes | undefined): number {
  return node?.position?.start.offset ?? 0;
}

function endOf(node: Nodes | undefined): number {
  return node?.position?.end.offset ?? 0;
}
