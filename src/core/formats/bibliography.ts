// Papers to BibTeX and CSL-JSON bibliographies, and back, through citation-js.
import type { CslData, Paper, PaperMetadata } from '../model/paper';
import { readLatexAsPandoc } from './bibtexLatex';
import { readNamesAsPandoc, withLiteralNames, type NameGrammar } from './bibtexNames';
import { bibtexEntries } from './bibtexWriter';

export type BibliographyFormat = 'bibtex' | 'csl-json';

/** A CSL name: a person split into family and given names, or an organisation written whole. */
interface CslName {
  readonly family?: string;
  readonly given?: string;
  readonly literal?: string;
}

/** A CSL-JSON item: what pandoc's citeproc and every reference manager read. */
export interface CslItem extends CslData {
  readonly id: string;
  readonly 'citation-key': string;
  readonly type: 'article';
  readonly title: string;
  readonly abstract?: string;
  readonly author?: readonly CslName[];
  readonly issued?: { readonly 'date-parts': readonly (readonly number[])[] };
  readonly 'container-title'?: string;
  readonly keyword?: string;
  readonly DOI?: string;
  readonly URL?: string;
}

/** What a bibliography gives back: enough to rebuild the papers it was made from. */
export interface BibliographyEntry extends PaperMetadata {
  /** None for a CSL-JSON item with neither `citation-key` nor `id`. */
  readonly key?: string;
  readonly title: string;
  readonly abstract: string;
}

/**
 * A paper's CSL item: the entry it was read from, whole (type and every field), under the
 * paper's citation key; for a paper with no entry (the seed format), one made from what it has.
 */
export function cslItemOf(paper: Paper): CslData {
  if (!paper.csl) return toCslItem(paper);
  return { ...paper.csl, id: paper.key, 'citation-key': paper.key };
}

/** A paper with no entry records no type: a preprint-like `article` is the faithful one. */
export function toCslItem(paper: Paper): CslItem {
  return {
    id: paper.key,
    'citation-key': paper.key,
    type: 'article',
    title: paper.title,
    ...(paper.abstract ? { abstract: paper.abstract } : {}),
    ...(paper.authors?.length ? { author: paper.authors.map(cslName) } : {}),
    ...(paper.year !== undefined ? { issued: { 'date-parts': [[paper.year]] } } : {}),
    ...(paper.venue ? { 'container-title': paper.venue } : {}),
    ...(paper.keywords?.length ? { keyword: paper.keywords.join(', ') } : {}),
    ...(paper.doi ? { DOI: paper.doi } : {}),
    ...(paper.url ? { URL: paper.url } : {}),
  };
}

/** Reads a CSL item as citation-js gives it (from BibTeX or CSL-JSON), ignoring fields of the wrong type. */
export function bibliographyEntryOf(item: Record<string, unknown>): BibliographyEntry {
  const key = text(item['citation-key']) ?? text(item.id);
  const authors = Array.isArray(item.author) ? item.author.map(authorName).filter((a) => a !== undefined) : [];
  const year = yearOf(item.issued);
  const venue = text(item['container-title']);
  const keywords = keywordsOf(item.keyword);
  const doi = text(item.DOI);
  const url = text(item.URL);
  return {
    ...(key !== undefined ? { key } : {}),
    title: typeof item.title === 'string' ? item.title : (text(item.title) ?? ''),
    abstract: typeof item.abstract === 'string' ? item.abstract : '',
    ...(authors.length ? { authors } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(venue !== undefined ? { venue } : {}),
    ...(keywords.length ? { keywords } : {}),
    ...(doi !== undefined ? { doi } : {}),
    ...(url !== undefined ? { url } : {}),
  };
}

/** CSL keeps keywords as one string, separated by commas or semicolons (an array is read too); at most 50, each at most 100 characters. */
function keywordsOf(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(/[,;]/) : Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  return list
    .map((k) => k.trim())
    .filter((k) => k !== '' && k.length <= 100)
    .slice(0, 50);
}

/** A non-blank string, or a number written out (CSL-JSON ids may be numbers). */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** `Family, Given` (with a particle such as `van` before the family name), or the one name there is. */
function authorName(name: unknown): string | undefined {
  if (typeof name !== 'object' || name === null) return undefined;
  const part = (field: string) => text((name as Record<string, unknown>)[field])?.trim();
  // `van der Berg, Anna`, however the particle is marked (pandoc reads `von Last` as a dropping one).
  const family = [part('dropping-particle'), part('non-dropping-particle'), part('family')].filter(Boolean).join(' ');
  const given = part('given') ?? '';
  return part('literal') ?? (family && given ? `${family}, ${given}` : family || given || undefined);
}

function cslName(author: string): CslName {
  const comma = author.indexOf(', ');
  return comma > 0 ? { family: author.slice(0, comma), given: author.slice(comma + 2) } : { literal: author };
}

/** The year of a CSL date: its first date part, else a four-digit year in its raw or literal form. */
function yearOf(date: unknown): number | undefined {
  if (typeof date !== 'object' || date === null) return undefined;
  const { 'date-parts': parts, raw, literal } = date as Record<string, unknown>;
  const first: unknown = Array.isArray(parts) && Array.isArray(parts[0]) ? parts[0][0] : undefined;
  const year = typeof first === 'number' || typeof first === 'string' ? Number(first) : NaN;
  if (Number.isInteger(year)) return year;
  const written = /\b\d{4}\b/.exec(`${text(raw) ?? ''} ${text(literal) ?? ''}`);
  return written ? Number(written[0]) : undefined;
}

/** citation-js is large and only needed for bibliographies, so it loads on first use. */
export async function loadCitationJs() {
  const { core, bibtexValueGrammar } = await import('./citationJsModules.js');
  // citation-js would drop the `-` from `skill-expansion-composition`; our keys are already
  // valid BibTeX labels and must stay exactly as cited.
  const bibtex = core.plugins.config.get('@bibtex');
  bibtex.format.checkLabel = false;
  // LaTeX that pandoc reads and citation-js would leave as it is, or reject.
  readLatexAsPandoc({ tables: bibtex.constants, grammar: bibtexValueGrammar });
  // Names, split into their parts as pandoc splits them.
  readNamesAsPandoc(bibtexValueGrammar as unknown as NameGrammar);
  // Titles' case is changed afterwards, by pandoc's rules (see `pandocLikeItem`).
  bibtex.parse.sentenceCase = 'never';
  return core;
}

/** What a bibliography is exported as: BibTeX with classic field names, BibTeX with BibLaTeX's, or CSL-JSON. */
export type ExportFormat = BibliographyFormat | 'biblatex';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['bibtex', 'biblatex', 'csl-json'];

/**
 * CSL-JSON; BibTeX with the classic field names any BibTeX style reads (`journal`, `year`,
 * `address`); or BibTeX with BibLaTeX's (`journaltitle`, `date`, `location`). Every entry is
 * the paper's whole entry (see `cslItemOf`), under the paper's citation key, written so that
 * pandoc reads it back to the same item (see `bibtexEntries`).
 */
export async function exportBibliography(papers: readonly Paper[], format: ExportFormat): Promise<string> {
  const items = papers.map(cslItemOf);
  if (format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`;
  return bibtexEntries(items, format);
}

/** Reads a BibTeX or CSL-JSON bibliography back, e.g. one exported here. */
export async function parseBibliography(text: string): Promise<BibliographyEntry[]> {
  const { Cite } = await loadCitationJs();
  return new Cite(text).data.map((item: Record<string, unknown>) => bibliographyEntryOf(withLiteralNames(item)));
}
