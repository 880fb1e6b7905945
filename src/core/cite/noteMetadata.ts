// What a note's YAML front matter says about how it cites, as pandoc reads it: csl, lang, bibliography, references.
import type { Document, Node } from 'yaml';
import { citeModules } from './cite';

/** A CSL item as a note or a bibliography gives it: any CSL fields, keyed by `id`. */
export type CslData = Readonly<Record<string, unknown>> & { readonly id: string };

/** A file named by the front matter's `bibliography:`, with the line that names it. */
export interface NamedBibliography {
  readonly path: string;
  /** 1-based line in the note. */
  readonly line: number;
}

export interface NoteMetadata {
  /** `csl:`, a style name or a path, as written. */
  readonly csl?: string;
  /** `lang:`, a language tag such as `en-GB`. */
  readonly lang?: string;
  readonly bibliographies: readonly NamedBibliography[];
  /** `references:`, the note's own CSL entries. */
  readonly references: readonly CslData[];
  /** `reference-section-title:`, the heading pandoc puts above the References. */
  readonly referenceSectionTitle?: string;
  /** `suppress-bibliography: true`: citations are formatted, but no References are listed. */
  readonly suppressBibliography: boolean;
  /** 1-based line of each problem found in these fields, with what is wrong. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
  /** The lines the front matter takes, `---` to `---`, 1-based; none without one. */
  readonly lines?: { readonly first: number; readonly last: number };
}

const EMPTY: NoteMetadata = { bibliographies: [], references: [], suppressBibliography: false, problems: [] };

/** A front matter larger than this is not read: a note's metadata is small. */
const MAX_FRONT_MATTER = 1024 * 1024;

/** The YAML front matter's text, from the line after `---` to the closing `---` or `...`; undefined when the note has none. */
export function frontMatterOf(text: string): { readonly yaml: string; readonly lastLine: number } | undefined {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const opening = /^---[ \t]*(\r\n|\r|\n)/y;
  opening.lastIndex = start;
  const open = opening.exec(text);
  if (!open) return undefined;
  const body = start + open[0].length;
  // As in pandoc: `---` followed by a blank line is a horizontal rule.
  if (/^[ \t]*(?:\r\n|\r|\n|$)/.test(text.slice(body, body + 200))) return undefined;
  const closing = /^(?:---|\.\.\.)[ \t]*$/gm;
  closing.lastIndex = body;
  const close = closing.exec(text);
  if (!close || close.index - body > MAX_FRONT_MATTER) return undefined;
  const yaml = text.slice(body, close.index);
  return { yaml, lastLine: 2 + (yaml.match(/\r\n|\r|\n/g)?.length ?? 0) };
}

/** The last front matter read, and what it gave: hovers, completion and diagnostics ask again for the same note at each keystroke. */
let lastRead: { readonly yaml: string; readonly metadata: NoteMetadata } | undefined;

/** Reads a note's citation metadata from its front matter. Never throws: a problem is reported at its line. */
export function noteMetadata(text: string): NoteMetadata {
  const found = frontMatterOf(text);
  if (!found) return EMPTY;
  if (lastRead?.yaml !== found.yaml) lastRead = { yaml: found.yaml, metadata: metadataOf(found) };
  return lastRead.metadata;
}

/** What a front matter says; the front matter starts on the note's first line. */
function metadataOf(found: { readonly yaml: string; readonly lastLine: number }): NoteMetadata {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = citeModules();
  const lines = new LineCounter();
  const problems: { line: number; message: string }[] = [];
  // The front matter's first line is the note's second.
  const lineOf = (node: Node | null | undefined, fallback = 2) => (node?.range ? lines.linePos(node.range[0]).line + 1 : fallback);
  let document;
  try {
    document = parseDocument(found.yaml, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    return { ...EMPTY, problems: [{ line: 2, message: `The front matter could not be read: ${(error as Error).message}` }], lines: { first: 1, last: found.lastLine } };
  }
  for (const error of document.errors.slice(0, 1)) {
    problems.push({ line: error.linePos ? error.linePos[0].line + 1 : 2, message: `The front matter is not valid YAML: ${error.message.split('\n')[0]}` });
  }
  const root = document.contents;
  if (!isMap(root)) return { ...EMPTY, problems, lines: { first: 1, last: found.lastLine } };
  const field = (name: string) => root.items.find((pair) => isScalar(pair.key) && pair.key.value === name);
  const text_ = (name: string): string | undefined => {
    const pair = field(name);
    if (!pair) return undefined;
    if (isScalar(pair.value) && (typeof pair.value.value === 'string' || typeof pair.value.value === 'number')) return String(pair.value.value).trim() || undefined;
    problems.push({ line: lineOf(pair.key as Node), message: `\`${name}:\` takes one text value.` });
    return undefined;
  };

  const bibliographies: NamedBibliography[] = [];
  const bibliography = field('bibliography');
  if (bibliography) {
    const values = isSeq(bibliography.value) ? bibliography.value.items : [bibliography.value];
    for (const value of values) {
      if (isScalar(value) && typeof value.value === 'string' && value.value.trim()) bibliographies.push({ path: value.value.trim(), line: lineOf(value) });
      else problems.push({ line: lineOf(value as Node, lineOf(bibliography.key as Node)), message: '`bibliography:` takes a file path or a list of them.' });
    }
  }

  const references: CslData[] = [];
  const refs = field('references');
  if (refs) {
    if (!isSeq(refs.value)) problems.push({ line: lineOf(refs.key as Node), message: '`references:` takes a list of CSL entries, each with an `id`.' });
    else {
      const values = plainValues(document);
      const written = Array.isArray(values?.references) ? values.references : [];
      for (const [i, node] of refs.value.items.entries()) {
        const item = cslDataOf(written[i]);
        if (item) references.push(item);
        else problems.push({ line: lineOf(node as Node), message: 'This entry of `references:` has no `id`, so it cannot be cited.' });
      }
    }
  }

  const csl = text_('csl');
  const lang = text_('lang');
  const referenceSectionTitle = text_('reference-section-title');
  const suppress = field('suppress-bibliography');
  return {
    ...(csl ? { csl } : {}),
    ...(lang ? { lang } : {}),
    bibliographies,
    references,
    ...(referenceSectionTitle ? { referenceSectionTitle } : {}),
    suppressBibliography: !!suppress && isScalar(suppress.value) && suppress.value.value === true,
    problems,
    lines: { first: 1, last: found.lastLine },
  };
}

/** The front matter as plain values; aliases are bounded, so that no YAML bomb can expand. */
function plainValues(document: Document): Record<string, unknown> | undefined {
  try {
    const values: unknown = document.toJS({ maxAliasCount: 100 });
    return typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A CSL entry as YAML or JSON gives it, made ready for citeproc: an `id` (from `id` or
 * `citation-key`), and dates written as text (`issued: 2017`, `issued: 2017-05-01`) as
 * citeproc reads them. Undefined for anything that is not an entry with an id.
 */
export function cslDataOf(value: unknown): CslData | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const rawId = record.id ?? record['citation-key'];
  const id = typeof rawId === 'string' ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : '';
  if (!id) return undefined;
  const item: Record<string, unknown> = { ...record, id };
  for (const [name, date] of Object.entries(item)) {
    if (!DATE_FIELDS.has(name)) continue;
    if (typeof date === 'string' || typeof date === 'number') item[name] = { raw: String(date) };
    else if (date instanceof Date) item[name] = { 'date-parts': [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]] };
  }
  if (typeof item.type !== 'string') item.type = 'article';
  return item as CslData;
}

const DATE_FIELDS = new Set(['issued', 'accessed', 'event-date', 'original-date', 'submitted', 'available-date']);
