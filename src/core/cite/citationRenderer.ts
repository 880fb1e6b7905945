// Formats citations and references in a CSL style with citeproc-js: one engine for hovers, the panel, the preview, Insert Bibliography and the CLI.
import type CSL from 'citeproc';
import { citeModules } from './cite';
import type { CitationCluster, CitedItem } from './citationSyntax';
import type { CitationStyle } from './citationStyle';
import type { CslData } from './noteMetadata';
import { typesetMathSymbols } from '../formats/texSymbols';

/** `html` for the preview and the panel, `markdown` for notes and hovers, `text` for the terminal and tests. */
export type CiteFormat = 'text' | 'html' | 'markdown';

export interface RenderedReference {
  readonly key: string;
  /** The formatted entry, in the format asked for; in HTML without its wrapper, to be placed by the caller. */
  readonly entry: string;
}

export interface RenderedCitations {
  /** Each cluster formatted, in the order given. */
  readonly citations: readonly string[];
  /** The cited papers' entries, in the style's order. */
  readonly references: readonly RenderedReference[];
  /** Cited keys that have no item, each once, in order of first citation. */
  readonly unknownKeys: readonly string[];
}

/** Where citeproc finds locale XML by language tag (`en-US`); undefined when there is none. */
export type LocaleSource = (lang: string) => string | undefined;

const FORMAT_NAMES: Record<CiteFormat, string> = { text: 'literatureNotesText', html: 'literatureNotesHtml', markdown: 'literatureNotesMarkdown' };

/**
 * Formats a note's citations in one CSL style and locale. The citeproc engine is made once
 * (reading a style takes long) and given the items anew on each call. Never throws for
 * any item or citation: what citeproc cannot format is left as pandoc leaves an unknown key.
 */
export class CitationRenderer {
  private items = new Map<string, CslData>();
  private readonly engine: CSL.Engine;
  /** The last call's input and result: a note re-rendered as it is typed mostly cites the same. */
  private last?: { readonly signature: string; readonly result: RenderedCitations };

  constructor(
    readonly style: CitationStyle,
    readonly lang: string,
    locales: LocaleSource,
  ) {
    defineOutputFormats();
    const sys = {
      // citeproc asks for `en-US`, and falls back on its own when given nothing.
      retrieveLocale: (tag: string) => locales(tag),
      retrieveItem: (id: string) => this.items.get(id),
    };
    this.engine = new (citeModules().CSL.Engine)(sys, style.xml, lang, true);
    this.engine.opt.development_extensions.wrap_url_and_doi = true;
  }

  /**
   * The clusters formatted, and the references of every known key they cite. `itemOf` gives
   * a key's CSL item, or undefined for a key not in the library, which is cited as pandoc
   * cites it: `key?`, in bold in HTML and Markdown, in the style's citation brackets.
   */
  render(clusters: readonly CitationCluster[], itemOf: (key: string) => CslData | undefined, format: CiteFormat): RenderedCitations {
    const known = new Map<string, CslData>();
    const unknown = new Set<string>();
    for (const cluster of clusters) {
      for (const { key } of cluster.items) {
        if (known.has(key) || unknown.has(key)) continue;
        const item = itemOf(key);
        if (item) known.set(key, { ...withMathTypeset(item), id: key });
        else unknown.add(key);
      }
    }
    const signature = JSON.stringify([format, clusters, [...known.values()], [...unknown]]);
    if (this.last?.signature === signature) return this.last.result;
    this.items = known;
    // Emptied first, so that items changed since the last call are read again.
    this.engine.updateItems([]);
    // In first-cited order: numeric styles number the references so.
    this.engine.updateItems([...known.keys()]);
    this.engine.setOutputFormat(FORMAT_NAMES[format]);
    const citations = clusters.map((cluster) => this.cluster(cluster, known, format));
    const result = { citations, references: this.references(format), unknownKeys: [...unknown] };
    this.last = { signature, result };
    return result;
  }

  private cluster(cluster: CitationCluster, known: ReadonlyMap<string, CslData>, format: CiteFormat): string {
    const items = cluster.items.filter((i) => known.has(i.key));
    const missing = cluster.items.filter((i) => !known.has(i.key)).map((i) => unknownKeyText(i.key, format));
    const { prefix, suffix, delimiter } = this.style.layout;
    if (!items.length) return `${escapeFor(format, prefix)}${missing.join(escapeFor(format, delimiter))}${escapeFor(format, suffix)}`;
    let text: string;
    try {
      if (cluster.inText && !this.style.numeric && items.length === cluster.items.length) {
        // `@key [p. 3]`: the author, then the rest of the citation, as pandoc writes it.
        const [first, ...rest] = items;
        const author = this.engine.makeCitationCluster([{ ...citeprocItem(first), 'author-only': true }]);
        const others = this.make([{ ...first, suppressAuthor: true }, ...rest]);
        text = author ? `${author} ${others}` : others;
      } else {
        text = this.make(items);
      }
    } catch {
      text = '';
    }
    if (!missing.length) return text;
    // As pandoc does: the unknown keys inside the style's brackets, after the known ones.
    const close = suffix && text.endsWith(escapeFor(format, suffix)) ? text.length - escapeFor(format, suffix).length : text.length;
    return `${text.slice(0, close)}${escapeFor(format, delimiter)}${missing.join(escapeFor(format, delimiter))}${text.slice(close)}`;
  }

  /**
   * One cluster. As pandoc does, the style sorts the items unless one but the first has a
   * prefix (`[@a; also @b]`), where the order is the writer's.
   */
  private make(items: readonly CitedItem[]): string {
    const keepOrder = items.slice(1).some((i) => i.prefix !== '');
    const sorting = (this.engine as unknown as { citation_sort: { tokens: unknown[] } }).citation_sort;
    const tokens = sorting.tokens;
    if (keepOrder) sorting.tokens = [];
    try {
      return this.engine.makeCitationCluster(items.map(citeprocItem));
    } finally {
      sorting.tokens = tokens;
    }
  }

  private references(format: CiteFormat): RenderedReference[] {
    let made: ReturnType<CSL.Engine['makeBibliography']>;
    try {
      made = this.engine.makeBibliography();
    } catch {
      made = false;
    }
    if (!made) return [];
    const [meta, entries] = made;
    // In text and Markdown each entry is one line, as a paragraph of a note or of the terminal.
    return entries.map((entry, i) => ({ key: meta.entry_ids[i][0], entry: format === 'html' ? entry.trim() : oneLine(entry) }));
  }
}

/** Fields that name a place on the web, where a backslash is never math. */
const ADDRESS_FIELDS = new Set(['URL', 'DOI']);

/**
 * The item with the math symbols its text fields keep as TeX (as pandoc's reading does) printed
 * as pandoc's citeproc prints them: "C∅c∅", not "C\emptysetc\emptyset".
 */
function withMathTypeset(item: CslData): CslData {
  const entries = Object.entries(item);
  if (!entries.some(([field, value]) => typeof value === 'string' && value.includes('\\') && !ADDRESS_FIELDS.has(field))) return item;
  return Object.fromEntries(entries.map(([field, value]) => [field, typeof value === 'string' && !ADDRESS_FIELDS.has(field) ? typesetMathSymbols(value) : value])) as CslData;
}

/** Lines joined by spaces: a style's blocks (`display="block"`) would otherwise break an entry's paragraph. */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

function citeprocItem(item: CitedItem): CSL.CitationItem {
  return {
    id: item.key,
    ...(item.prefix ? { prefix: `${item.prefix} ` } : {}),
    ...(item.suffix ? { suffix: item.suffix } : {}),
    ...(item.locator !== undefined ? { locator: item.locator, label: item.label ?? 'page' } : {}),
    ...(item.suppressAuthor ? { 'suppress-author': true } : {}),
  };
}

function unknownKeyText(key: string, format: CiteFormat): string {
  if (format === 'html') return `<strong>${escapeHtml(key)}?</strong>`;
  if (format === 'markdown') return `**${escapeMarkdown(key)}?**`;
  return `${key}?`;
}

function escapeFor(format: CiteFormat, text: string): string {
  return format === 'html' ? escapeHtml(text) : format === 'markdown' ? escapeMarkdown(text) : text;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Escapes what Markdown would read as markup, so that a title stays text: a backslash before
 * emphasis, links, code and `@`; `<` and `>` as entities, so that no HTML can form (nor an
 * autolink), and `&` where it would start one. Light enough to leave a note readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~@]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Only web links become links: a `javascript:` URL in a library file stays text. */
function safeUrl(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

let defined = false;

/**
 * Our three output formats, defined once on citeproc's table: its own HTML with links
 * checked and quoted, and no wrapper on entries (the preview adds its own, with an id);
 * plain text; and Markdown, with every character that is markup escaped.
 */
function defineOutputFormats(): void {
  if (defined) return;
  defined = true;
  const formats = citeModules().CSL.Output.Formats;
  const html = formats.html;
  const text = formats.text;
  formats[FORMAT_NAMES.html] = {
    ...html,
    text_escape: (value: string | undefined) => (html.text_escape as (v: string) => string)(value ?? '').replace(/"/g, '&#34;'),
    '@bibliography/entry': (_state: unknown, str: string) => `${str}\n`,
    '@URL/true': (_state: unknown, str: string) => linkHtml(str, str),
    '@DOI/true': (_state: unknown, str: string) => linkHtml(doiUrl(str), str),
  };
  formats[FORMAT_NAMES.text] = { ...text };
  formats[FORMAT_NAMES.markdown] = {
    ...text,
    text_escape: (value: string | undefined) => escapeMarkdown(value ?? ''),
    '@font-style/italic': '*%%STRING%%*',
    '@font-style/oblique': '*%%STRING%%*',
    '@font-weight/bold': '**%%STRING%%**',
    '@vertical-align/sup': '<sup>%%STRING%%</sup>',
    '@vertical-align/sub': '<sub>%%STRING%%</sub>',
    '@URL/true': (_state: unknown, str: string) => linkMarkdown(str, str),
    '@DOI/true': (_state: unknown, str: string) => linkMarkdown(doiUrl(str), str),
  };
}

/**
 * Where a DOI or URL links to. citeproc marks URLs as DOIs too when it wraps them: a web
 * address is its own target, a bare DOI (`10.…`) goes through doi.org, anything else none.
 */
function doiUrl(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  return /^10\.\d/.test(value) ? `https://doi.org/${value}` : '';
}

/** `str` arrives escaped for HTML already: the link's target is read back from it. */
function linkHtml(escapedUrl: string, escapedText: string): string {
  const url = safeUrl(escapedUrl.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))));
  return url ? `<a href="${escapeHtml(url)}">${escapedText}</a>` : escapedText;
}

/** An autolink (`<https://…>`) or a link (`[10.1/x](https://doi.org/10.1/x)`) when the URL is a web one; else the escaped text. */
function linkMarkdown(escapedUrl: string, escapedText: string): string {
  const url = safeUrl(unescapeMarkdown(escapedUrl));
  if (!url) return escapedText;
  return escapedUrl === escapedText ? `<${url}>` : `[${escapedText}](${url.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}

function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_[\]|~@])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
