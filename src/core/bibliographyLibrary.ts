// The ES module build: esbuild cannot follow the requires inside the package's default UMD build.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { bibliographyEntryOf, loadCitationJs, type BibliographyFormat } from './bibliography';
import { LineIndex } from './lineIndex';
import type { LibraryDiagnostic, PaperEntry, ParsedLibraryFile } from './paper';

type CitationJs = Awaited<ReturnType<typeof loadCitationJs>>;
type Report = (line: number, severity: LibraryDiagnostic['severity'], message: string) => void;

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
  const citationJs = await loadCitationJs();
  const diagnostics: LibraryDiagnostic[] = [];
  const report: Report = (line, severity, message) => diagnostics.push({ file, line, severity, message });
  const body = text.replace(/^\uFEFF/, '');
  const items = format === 'bibtex' ? readBibtex(body, citationJs, report) : readCslJson(body, citationJs, report);
  const entries = items.flatMap(({ line, item }) => entryOf(item, file, line, report));
  return { entries, diagnostics: diagnostics.sort((a, b) => a.line - b.line) };
}

function entryOf(item: Record<string, unknown>, file: string, line: number, report: Report): PaperEntry[] {
  const { key, title, abstract, ...metadata } = bibliographyEntryOf(item);
  const name = key === undefined ? 'the entry' : `"${key}"`;
  const shownTitle = title.replace(/\s+/g, ' ').trim();
  if (!shownTitle) {
    report(line, 'warning', `${name} has no title; skipped`);
    return [];
  }
  if (key === undefined) report(line, 'warning', `"${shownTitle}" has no id; it is cited by a key made from its title`);
  return [{ ...(key !== undefined ? { key } : {}), title: shownTitle, abstract: paragraphs(abstract), ...metadata, file, line }];
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

/**
 * citation-js throws on the whole file for one unclosed brace, so the file is split into
 * entries first and each is parsed alone: a broken entry costs only itself. The split is at
 * lines that start with `@type{`, not at balanced braces, so a brace left open cannot swallow
 * the entries after it. `@string` macros are put before each entry that may use them.
 */
function readBibtex(text: string, citationJs: CitationJs, report: Report): LocatedItem[] {
  const lines = new LineIndex(text);
  const starts = [...text.matchAll(BIBTEX_ENTRY_START)];
  if (starts.length === 0) {
    report(1, 'error', 'no BibTeX entries found: each starts with "@type{key," at the start of a line');
    return [];
  }
  const chunks = starts.map((m, i) => ({
    type: m[1].toLowerCase(),
    line: lines.positionAt(m.index).line,
    text: text.slice(m.index, starts[i + 1]?.index ?? text.length),
  }));
  const parse = (bibtex: string) => citationJs.plugins.input.chain(bibtex, { forceType: '@biblatex/text', generateGraph: false });
  const tryParse = (chunk: (typeof chunks)[number], bibtex: string) => {
    try {
      return parse(bibtex);
    } catch (error) {
      const label = /^[^{(]*[{(]\s*([^,\s]*)/.exec(chunk.text)?.[1];
      const what = `${chunk.type === 'string' ? '@string' : 'entry'}${label ? ` "${label}"` : ''}`;
      report(chunk.line, 'error', `malformed ${what}: ${reason(error)}; skipped`);
      return undefined;
    }
  };
  const macros = chunks
    .filter((c) => c.type === 'string' && tryParse(c, c.text))
    .map((c) => c.text)
    .join('\n');
  // A macro is used as a bare word after `=` or `#`; entries with none are parsed without them.
  const usesMacros = (bibtex: string) => macros !== '' && /[=#]\s*[A-Za-z_]/.test(bibtex);
  return chunks
    .filter((c) => !['string', 'comment', 'preamble'].includes(c.type))
    .flatMap((chunk) => (tryParse(chunk, usesMacros(chunk.text) ? `${macros}\n${chunk.text}` : chunk.text) ?? []).map((item) => ({ line: chunk.line, item })));
}

/** citation-js's first line, without its position in the text it was given (not the file). */
function reason(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const fault = first.replace(/\s*at line \d+ col \d+:?$/, '').trim() || 'unreadable';
  return /\bEOF\b/.test(fault) ? `${fault} (is a brace or quote left open?)` : fault;
}

/**
 * An array of CSL items (or one item). Invalid JSON loads nothing and is one error at the
 * line of the fault; an item that is not an object is skipped. Each entry's line is that of
 * its `"id"`, else of its opening brace.
 */
function readCslJson(text: string, citationJs: CitationJs, report: Report): LocatedItem[] {
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.positionAt(offset).line;
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
  return nodes.flatMap((node, i) => {
    if (node.type !== 'object') {
      report(lineOf(node.offset), 'error', `item ${i + 1} is not a CSL-JSON object; skipped`);
      return [];
    }
    const line = lineOf(idOffset(node) ?? node.offset);
    try {
      return [{ line, item: citationJs.plugins.input.util.clean([getNodeValue(node)])[0] }];
    } catch (error) {
      report(line, 'error', `item ${i + 1} is not valid CSL (${reason(error)}); skipped`);
      return [];
    }
  });
}

function idOffset(item: Node): number | undefined {
  return findNodeAtLocation(item, ['id'])?.parent?.offset;
}
