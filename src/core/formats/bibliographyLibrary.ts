// Reads BibTeX and CSL-JSON library files into entries, each with its own key and line.
// The ES module build: esbuild cannot follow the requires inside the package's default UMD build.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { withAttachments } from './attachments';
import { bibliographyEntryOf, loadCitationJs, type BibliographyFormat } from './bibliography';
import { topLevelElements, type JsonElement } from './cslJsonElements';
import { LineIndex } from '../notes/lineIndex';
import { tooDeepAt, tooDeepMessage } from './jsonDepth';
import { createHash } from 'node:crypto';
import type { EntryParse, EntryParses, LibraryDiagnostic, PaperEntry, ParsedLibraryFile } from '../model/paper';
import type { TextPieces } from './seedFormat';
import { finish, type Work } from '../work/slices';
import { entryLabel, expandedMacros, macroName, macroNamesUsed, parentKeys, preambleMacros, protectedCase, readableEntryText } from './bibtexEntryText';
import { asLatexPrints, isPlainMath } from './bibtexLatex';
import { withoutTitlePartMarks } from './sentenceCase';
import { latexQuotes, pandocLikeItem } from './bibtexCslItem';
import { plainText } from './cslText';

export type CitationJs = Awaited<ReturnType<typeof loadCitationJs>>;
export type Report = (line: number, severity: LibraryDiagnostic['severity'], message: string) => void;

/** A CSL item as citation-js gives it, and the line of the file it came from. */
interface LocatedItem {
  readonly line: number;
  readonly item: Record<string, unknown>;
}

/**
 * A BibTeX (`.bib`) or CSL-JSON (`.json`) library file. Entries keep their own keys, exactly
 * as written (they are what notes already cite), and their metadata. A malformed entry is
 * reported at its line and the rest loads; an entry with no title is reported and skipped.
 */
export async function parseBibliographyLibrary(text: string, file: string, format: BibliographyFormat): Promise<ParsedLibraryFile> {
  return finish(parseBibliographyWork([text], file, format, await loadCitationJs()));
}

/**
 * `parseBibliographyLibrary`, pausing between entries. citation-js is loaded asynchronously,
 * which a `Work` cannot wait for, so it is loaded first and given. A BibTeX file's entries
 * that `earlier` (the file's last parse) has are not parsed again.
 */
export function* parseBibliographyWork(text: TextPieces, file: string, format: BibliographyFormat, citationJs: CitationJs, earlier?: EntryParses): Work<ParsedLibraryFile> {
  const diagnostics: LibraryDiagnostic[] = [];
  const report: Report = (line, severity, message) => diagnostics.push({ file, line, severity, message });
  const entries: PaperEntry[] = [];
  let entryParses: EntryParses | undefined;
  if (format === 'bibtex') {
    entryParses = yield* readBibtex(text, file, citationJs, report, earlier, entries);
  } else {
    for (const { line, item } of yield* readCslJson(text, citationJs, report)) {
      entries.push(...entryOf(item, file, line, report));
      yield;
    }
  }
  return { entries, diagnostics: diagnostics.sort((a, b) => a.line - b.line), ...(entryParses ? { entryParses } : {}) };
}

/**
 * `written`: for a BibTeX entry, citation-js's item, whose title and venue are shown as written
 * (their case kept) rather than as the CSL item has them; its strings hold citation-js's markup
 * (`<i>`, case-protecting spans), shown as plain text.
 */
function entryOf(item: Record<string, unknown>, file: string, line: number, report: Report, written?: Record<string, unknown>): PaperEntry[] {
  const { key, title, abstract, ...metadata } = bibliographyEntryOf(item);
  const richText = written !== undefined;
  const name = key === undefined ? 'the entry' : `"${key}"`;
  const shownTitle = (typeof written?.title === 'string' ? plainText(written.title) : title).replace(/\s+/g, ' ').trim();
  if (!shownTitle) {
    report(line, 'warning', `${name} has no title; skipped`);
    return [];
  }
  if (key === undefined) report(line, 'warning', `"${shownTitle}" has no id; it is cited by a key made from its title`);
  const writtenVenue = written?.['container-title'];
  // Keywords as citation-js splits them: the CSL item keeps them as pandoc writes them.
  const writtenKeywords = written === undefined ? undefined : bibliographyEntryOf(written).keywords;
  const shown = { ...(typeof writtenVenue === 'string' ? { venue: plainText(writtenVenue) } : {}), ...(writtenKeywords ? { keywords: writtenKeywords } : {}) };
  const csl = item;
  return [{ ...(key !== undefined ? { key } : {}), title: shownTitle, abstract: paragraphs(richText ? plainText(abstract) : abstract), ...metadata, ...shown, csl, file, line }];
}

/** citation-js's item as shown: as LaTeX prints it (see `asLatexPrints`), its title's parts joined (see `TITLE_PART_MARK`), LaTeX quotes (`` `…' ``) as typographic ones. */
function writtenItem(item: Record<string, unknown>): Record<string, unknown> {
  const shown = (value: unknown) => (typeof value === 'string' ? latexQuotes(withoutTitlePartMarks(asLatexPrints(value))) : value);
  return { ...item, title: shown(item.title), 'container-title': shown(item['container-title']) };
}

/** Paragraphs as the seed format keeps them: single line breaks are spaces, as in LaTeX. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** Where a BibTeX entry starts: `@type{` or `@type(` first on its line. */
const BIBTEX_ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/gm;

/** An entry's text, from its `@type{` to the next entry's. */
interface BibtexChunk {
  /** Lower case: `article`, `string`, `comment`… */
  readonly type: string;
  readonly line: number;
  readonly text: string;
}

/**
 * citation-js throws on the whole file for one unclosed brace, so the file is split into
 * entries first and each is parsed alone: a broken entry costs only itself. The split is at
 * lines that start with `@type{`, not at balanced braces, so a brace left open cannot swallow
 * the entries after it. Each entry is parsed with what it uses put before it: the `@string`
 * macros it names (and those they name), and the entries it inherits from by `crossref` or
 * `xdata` (citation-js applies BibLaTeX's inheritance rules within one parse). That text is
 * parsed unless `earlier` has it; its papers go to `entries`.
 */
function* readBibtex(text: TextPieces, file: string, citationJs: CitationJs, report: Report, earlier: EntryParses | undefined, entries: PaperEntry[]): Work<EntryParses> {
  const parses = new Map<string, EntryParse>();
  const chunks = yield* splitBibtex(text);
  if (chunks.length === 0) {
    report(1, 'error', 'no BibTeX entries found: each starts with "@type{key," at the start of a line');
    return parses;
  }
  const tables = citationJs.plugins.config.get('@bibtex').constants;
  const latex = { plainMath: (math: string) => isPlainMath(math, tables), isSymbol: (name: string) => name in tables.commands };
  const parse = (bibtex: string) => citationJs.plugins.input.chain(readableEntryText(protectedCase(bibtex, latex)), { forceType: '@biblatex/text', generateGraph: false });
  const tryParse = (chunk: BibtexChunk, bibtex: string, found = report) => {
    try {
      return parse(bibtex);
    } catch (error) {
      const label = entryLabel(chunk.text);
      const what = `${chunk.type === 'string' ? '@string' : 'entry'}${label ? ` "${label}"` : ''}`;
      found(chunk.line, 'error', `malformed ${what}: ${reason(error)}; skipped`);
      return undefined;
    }
  };
  const macros = new Map<string, string>();
  const byKey = new Map<string, BibtexChunk>();
  const preamble: string[] = [];
  for (const chunk of chunks) {
    if (chunk.type === 'preamble') preamble.push(chunk.text);
    if (chunk.type === 'string') {
      const name = macroName(chunk.text);
      if (name !== undefined && tryParse(chunk, chunk.text)) macros.set(name, chunk.text);
      else if (name === undefined) report(chunk.line, 'error', 'malformed @string: expected "@string{name = value}"; skipped');
      yield;
    } else if (!IGNORED_TYPES.has(chunk.type)) {
      const key = entryLabel(chunk.text);
      if (key !== undefined && !byKey.has(key)) byKey.set(key, chunk);
    }
  }
  // What an entry gives, wherever it is: its papers and problems, as found at its line now.
  const parseEntry = (chunk: BibtexChunk, bibtex: string): EntryParse => {
    const problems: EntryParse['problems'][number][] = [];
    const found: Report = (_line, severity, message) => problems.push({ severity, message });
    const items = tryParse(chunk, bibtex, found) ?? [];
    // The parents parsed with the entry come first; its own item is the one with its label.
    const label = entryLabel(chunk.text);
    const own = items.filter((item, i) => (label === undefined ? i === items.length - 1 : item['citation-key'] === label)).slice(-1);
    // The title is shown as written; the CSL item has it as pandoc reads it, in sentence case.
    const entries = own.flatMap((item) => entryOf(pandocLikeItem(item, label, chunk.text, bibtex), file, chunk.line, found, writtenItem(item)));
    return { entries: entries.map((entry) => withAttachments(entry, chunk.text)), problems };
  };
  // Commands the `@preamble` defines, which LaTeX prints as defined (pandoc ignores the preamble and drops them).
  const commands = preambleMacros(preamble.join('\n'));
  for (const chunk of chunks) {
    if (chunk.type === 'string' || IGNORED_TYPES.has(chunk.type)) continue;
    const bibtex = expandedMacros(withWhatItUses(chunk.text, macros, byKey), commands);
    const hash = createHash('sha1').update(bibtex).digest('base64');
    const parse = parses.get(hash) ?? earlier?.get(hash) ?? parseEntry(chunk, bibtex);
    parses.set(hash, parse);
    for (const entry of parse.entries) entries.push(entry.line === chunk.line ? entry : Object.assign({}, entry, { line: chunk.line }));
    for (const { severity, message } of parse.problems) report(chunk.line, severity, message);
    yield;
  }
  return parses;
}

/** Entries that hold no paper: pandoc ignores them too. */
const IGNORED_TYPES: ReadonlySet<string> = new Set(['comment', 'preamble']);

/** Inheritance goes no deeper (an `@inproceedings` from its `@proceedings` from its `@mvproceedings`…), nor round in a loop. */
const MAX_PARENT_DEPTH = 4;

/** The entry's text after the `@string` definitions and parent entries it uses, each once, those a parent uses included. */
function withWhatItUses(entry: string, macros: ReadonlyMap<string, string>, byKey: ReadonlyMap<string, BibtexChunk>): string {
  const parents: string[] = [];
  const seen = new Set<string>();
  const addParents = (text: string, depth: number) => {
    if (depth >= MAX_PARENT_DEPTH) return;
    for (const key of parentKeys(text)) {
      const parent = byKey.get(key)?.text;
      if (parent === undefined || seen.has(key)) continue;
      seen.add(key);
      addParents(parent, depth + 1);
      parents.push(parent);
    }
  };
  addParents(entry, 0);
  const used: string[] = [];
  const named = new Set<string>();
  const addMacros = (text: string) => {
    for (const name of macroNamesUsed(text)) {
      const definition = macros.get(name);
      if (definition === undefined || named.has(name)) continue;
      named.add(name);
      // A macro may use macros defined before it.
      addMacros(definition.slice(definition.indexOf('=')));
      used.push(definition);
    }
  };
  for (const text of [...parents, entry]) addMacros(text);
  return [...used, ...parents, entry].join('\n');
}



/** The entries' texts, each from its start to the next one's, found a piece at a time. */
function* splitBibtex(text: TextPieces): Work<BibtexChunk[]> {
  const chunks: BibtexChunk[] = [];
  let open: { type: string; line: number; parts: string[] } | undefined;
  const close = () => {
    if (open) chunks.push({ type: open.type, line: open.line, text: open.parts.join('') });
  };
  let line = 1;
  for (const [index, raw] of text.entries()) {
    const piece = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    // An entry start lies within one line, so within one piece; each piece starts a line, as `^` needs.
    const starts = new RegExp(BIBTEX_ENTRY_START);
    let counted = 0; // the piece's line breaks are counted up to here, and the open entry's text goes on from here
    for (let m = starts.exec(piece); m; m = starts.exec(piece)) {
      open?.parts.push(piece.slice(counted, m.index));
      close();
      line += lineBreaks(piece, counted, m.index);
      counted = m.index;
      open = { type: m[1].toLowerCase(), line, parts: [] };
      yield;
    }
    open?.parts.push(piece.slice(counted));
    line += lineBreaks(piece, counted, piece.length);
    yield;
  }
  close();
  return chunks;
}

/** Line breaks (`\r\n`, `\n` or `\r`) in `text` from `from` to `to`, as `LineIndex` counts them. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** citation-js's first line, without its position in the text it was given (not the file). */
function reason(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const fault = first.replace(/at line \d+ col \d+:?$/, '').trim() || 'unreadable';
  return /\bEOF\b/.test(fault) ? `${fault} (is a brace or quote left open?)` : fault;
}

/**
 * An array of CSL items (or one item). Invalid JSON loads nothing and is one error at the
 * line of the fault; an item that is not an object is skipped. Each entry's line is that of
 * its `"id"`, else of its opening brace. The array is taken apart and each item parsed with
 * pauses; a file that is not a well-formed array is parsed whole, to say what is wrong with it.
 */
export function* readCslJson(text: TextPieces, citationJs: CitationJs, report: Report): Work<LocatedItem[]> {
  const elements = yield* topLevelElements(text);
  const values = elements && (yield* parsedElements(elements));
  if (!elements || !values) return yield* readCslJsonWhole(text.join('').replace(/^\uFEFF/, ''), citationJs, report);
  if (elements.length === 0) report(1, 'warning', 'the file holds no CSL-JSON items');
  const items: LocatedItem[] = [];
  for (const [i, { isObject, line }] of elements.entries()) {
    yield;
    if (!isObject) report(line, 'error', `item ${i + 1} is not a CSL-JSON object; skipped`);
    else cleanItem(values[i], i, line, citationJs, items, report);
  }
  return items;
}

/** Each element's value, arrays and objects parsed with pauses; undefined if any is not valid JSON. */
function* parsedElements(elements: readonly JsonElement[]): Work<unknown[] | undefined> {
  const values: unknown[] = [];
  for (const { text } of elements) {
    try {
      values.push(JSON.parse(text));
    } catch {
      return undefined;
    }
    yield;
  }
  return values;
}

function cleanItem(value: unknown, i: number, line: number, citationJs: CitationJs, items: LocatedItem[], report: Report): void {
  try {
    items.push({ line, item: citationJs.plugins.input.util.clean([value])[0] });
  } catch (error) {
    report(line, 'error', `item ${i + 1} is not valid CSL (${reason(error)}); skipped`);
  }
}

/**
 * `readCslJson` by jsonc-parser's tree of the whole file, in one step: for files that are not a
 * well-formed array, and what the tests check the reading in slices against.
 */
export function* readCslJsonWhole(text: string, citationJs: CitationJs, report: Report): Work<LocatedItem[]> {
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  // jsonc-parser recurses per level: thousands of levels would overflow the stack.
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    report(lineOf(deep), 'error', tooDeepMessage('nothing in the file was loaded'));
    return [];
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!root || errors.length > 0) {
    const fault = errors[0] ? printParseErrorCode(errors[0].error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'no value';
    report(lineOf(errors[0]?.offset ?? 0), 'error', `not valid JSON (${fault}); nothing in the file was loaded`);
    return [];
  }
  if (root.type !== 'array' && root.type !== 'object') {
    report(lineOf(root.offset), 'error', 'expected a CSL-JSON array of items');
    return [];
  }
  const nodes = root.type === 'array' ? (root.children ?? []) : [root];
  if (nodes.length === 0) report(1, 'warning', 'the file holds no CSL-JSON items');
  const items: LocatedItem[] = [];
  for (const [i, node] of nodes.entries()) {
    yield;
    if (node.type !== 'object') {
      report(lineOf(node.offset), 'error', `item ${i + 1} is not a CSL-JSON object; skipped`);
      continue;
    }
    cleanItem(getNodeValue(node), i, lineOf(idOffset(node) ?? node.offset), citationJs, items, report);
  }
  return items;
}

function idOffset(item: Node): number | undefined {
  return findNodeAtLocation(item, ['id'])?.parent?.offset;
}
