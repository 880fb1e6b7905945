// The markdown-it plugin that formats pandoc citations and adds the References: used by VS Code's Markdown preview and the CLI alike.
import type MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';
import { escapeHtml, type CiteFormat, type CitationRenderer, type RenderedReference } from './citationRenderer';
import { bracketCitationAt, citationMayStartAt, inTextCitationAt, type CitationCluster } from './citationSyntax';
import type { CslData, NoteMetadata } from './noteMetadata';

/** How one note cites: its style, where its keys' items come from, and its front matter. */
export interface NoteCiting {
  readonly renderer: CitationRenderer;
  itemOf(key: string): CslData | undefined;
  readonly metadata: NoteMetadata;
}

/** How the note being rendered cites, from its source and the render's `env`; undefined leaves its citations as written. */
export type NoteCitingOf = (source: string, env: unknown) => NoteCiting | undefined;

/** What a citation token carries once formatted. */
interface CitationMeta {
  readonly cluster: CitationCluster;
  formatted?: string;
  /** The first cited key that has an entry, to link the citation to. */
  linkTo?: string;
}

/** What the References token carries: the note's source and parse `env`, then what they format to. */
interface ReferencesMeta {
  readonly source: string;
  readonly env: unknown;
  references: readonly RenderedReference[];
  title?: string;
}

/** Each markdown-it's citing, for `plainTextOf`, which renders no HTML. */
const citingOfMd = new WeakMap<MarkdownIt, NoteCitingOf>();

/** `::: {#refs}` … `:::`, pandoc's place for the References, as markdown-it reads it: one paragraph. */
const REFS_DIV = /^:{3,}[ \t]*\{([^}\n]*)\}[ \t]*\n[ \t]*:{3,}[ \t]*$/;

/** Whether a paragraph is that div: its attributes name the id `refs`. */
const isRefsDiv = (content: string) => / ?#refs(?: |$)/.test(REFS_DIV.exec(content)?.[1] ?? '');

/** Set on a render's `env` to get the citations as plain text (the CLI's default) rather than HTML. */
export interface CitationEnv {
  citeFormat?: CiteFormat;
}

/**
 * Adds pandoc citations to markdown-it: an inline rule reads `[see @a, p. 3; @b]`, `[-@a]`,
 * `@a` and `@a [p. 3]` into citation tokens, and a core rule places a References token where
 * `::: {#refs}` is, else at the end. The citations are formatted when the tokens are
 * rendered, all at once (numbering and disambiguation need them all): VS Code's preview keeps
 * a note's tokens until it is edited, and the style, the library or a bibliography file may
 * change meanwhile. Nothing here throws into the render: a note whose citations cannot be
 * formatted shows them as written.
 */
export function markdownItCitations(md: MarkdownIt, citingOf: NoteCitingOf): void {
  citingOfMd.set(md, citingOf);
  md.inline.ruler.before('link', 'pandoc_citation', citationRule);
  md.core.ruler.push('pandoc_references', placeReferences);
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env) => {
    formatCitations(tokens, env, citingOf);
    return render(tokens, options, env);
  };
  md.renderer.rules.pandoc_citation = (tokens, index) => citationHtml(tokens[index]);
  md.renderer.rules.pandoc_references = (tokens, index) => referencesHtml(tokens[index].meta as ReferencesMeta);
}

function citationRule(state: StateInline, silent: boolean): boolean {
  // pandoc reads no citations inside a link's text.
  if ((state as StateInline & { linkLevel?: number }).linkLevel) return false;
  const at = state.pos;
  const char = state.src[at];
  const parsed =
    char === '[' ? bracketCitationAt(state.src, at) : char === '@' && state.src[at - 1] !== '-' && citationMayStartAt(state.src, at) ? inTextCitationAt(state.src, at) : undefined;
  if (!parsed || parsed.end > state.posMax) return false;
  if (!silent) {
    const token = state.push('pandoc_citation', 'span', 0);
    token.content = state.src.slice(at, parsed.end);
    token.meta = { cluster: parsed.cluster } satisfies CitationMeta;
  }
  state.pos = parsed.end;
  return true;
}

/** The References token, with the note's source for its front matter: where `::: {#refs}` is, else last. */
function placeReferences(state: StateCore): void {
  const refsAt = state.tokens.findIndex((token, i) => token.type === 'inline' && state.tokens[i - 1]?.type === 'paragraph_open' && isRefsDiv(token.content));
  if (refsAt < 0 && !citationTokens(state.tokens).length) return;
  const references = new state.Token('pandoc_references', 'div', 0);
  references.meta = { source: state.src, env: state.env, references: [] } satisfies ReferencesMeta;
  references.block = true;
  if (refsAt >= 0) state.tokens.splice(refsAt - 1, 3, references);
  else state.tokens.push(references);
}

function citationTokens(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token) => (token.type === 'inline' && token.children ? token.children.filter((t) => t.type === 'pandoc_citation') : []));
}

/** Formats the citations and fills the References of a note's tokens, as its citing says now. */
function formatCitations(tokens: readonly Token[], renderEnv: unknown, citingOf: NoteCitingOf): void {
  const placed = tokens.find((t) => t.type === 'pandoc_references');
  if (!placed) return;
  const meta = placed.meta as ReferencesMeta;
  const citations = citationTokens(tokens).map((t) => t.meta as CitationMeta);
  for (const citation of citations) delete citation.formatted;
  meta.references = [];
  delete meta.title;
  try {
    // VS Code's preview gives the note's URI to the parse and the render alike; either will do.
    const env: unknown = { ...(meta.env as object | undefined), ...(renderEnv as object | undefined) };
    const citing = citingOf(meta.source, env);
    if (!citing) return;
    const format = (env as CitationEnv | undefined)?.citeFormat ?? 'html';
    const rendered = citing.renderer.render(
      citations.map((m) => m.cluster),
      (key) => citing.itemOf(key),
      format,
    );
    const listed = new Set(rendered.references.map((r) => r.key));
    citations.forEach((citation, i) => {
      citation.formatted = rendered.citations[i];
      const linkTo = citation.cluster.items.find((item) => listed.has(item.key))?.key;
      if (linkTo) citation.linkTo = linkTo;
      else delete citation.linkTo;
    });
    if (citing.metadata.suppressBibliography) return;
    meta.references = rendered.references;
    if (citing.metadata.referenceSectionTitle) meta.title = citing.metadata.referenceSectionTitle;
  } catch {
    // The citations stay as written: the preview of the rest of the note matters more.
  }
}

function citationHtml(token: Token): string {
  const meta = token.meta as CitationMeta;
  if (meta.formatted === undefined) return escapeHtml(token.content);
  const keys = meta.cluster.items.map((i) => i.key).join(' ');
  const inner = meta.linkTo ? `<a href="#${escapeHtml(referenceId(meta.linkTo))}">${meta.formatted}</a>` : meta.formatted;
  return `<span class="citation" data-cites="${escapeHtml(keys)}">${inner}</span>`;
}

/** The id of a key's entry in the References, as pandoc names it. */
export function referenceId(key: string): string {
  return `ref-${key}`;
}

function referencesHtml({ references, title }: ReferencesMeta): string {
  if (!references.length) return '';
  const heading = title ? `<h2 class="references-title">${escapeHtml(title)}</h2>\n` : '';
  const entries = references.map((r) => `<div id="${escapeHtml(referenceId(r.key))}" class="csl-entry" role="listitem">${r.entry}</div>\n`).join('');
  return `${heading}<div id="refs" class="references csl-bib-body" role="list" aria-label="${escapeHtml(title ?? 'References')}">\n${entries}</div>\n`;
}

/**
 * The note as plain text, citations and References formatted, from the plugin's tokens:
 * blocks apart by blank lines, lists and quotes marked, inline markup dropped. What the CLI
 * prints, and what the tests compare with `pandoc -t plain`.
 */
export function plainTextOf(md: MarkdownIt, source: string, env: CitationEnv = {}): string {
  const textEnv = { ...env, citeFormat: 'text' };
  const tokens = md.parse(source, textEnv);
  formatCitations(tokens, textEnv, citingOfMd.get(md) ?? (() => undefined));
  const blocks: string[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quote = 0;
  let pendingMarker = '';
  const push = (text: string) => {
    const indent = '  '.repeat(Math.max(0, lists.length - 1));
    const quoted = (line: string) => `${'> '.repeat(quote)}${line}`;
    const [first, ...rest] = text.split('\n');
    blocks.push([quoted(`${indent}${pendingMarker}${first}`), ...rest.map((l) => quoted(`${indent}${' '.repeat(pendingMarker.length)}${l}`))].join('\n'));
    pendingMarker = '';
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        pendingMarker = list?.ordered ? `${list.next++}. ` : '- ';
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'inline':
        push(inlineText(token.children ?? []));
        break;
      case 'fence':
      case 'code_block':
        push(token.content.replace(/\n$/, '').replace(/^/gm, '    '));
        break;
      case 'hr':
        push('------------------------------------------------------------------------');
        break;
      case 'pandoc_references': {
        const { references, title } = token.meta as ReferencesMeta;
        // A `::: {#refs}` with nothing to list leaves no block, as in pandoc.
        if (title) push(title);
        for (const r of references) push(r.entry);
        break;
      }
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

function inlineText(children: readonly Token[]): string {
  return children
    .map((t) => {
      if (t.type === 'pandoc_citation') return (t.meta as CitationMeta).formatted ?? t.content;
      if (t.type === 'softbreak' || t.type === 'hardbreak') return '\n';
      if (t.type === 'image') return inlineText(t.children ?? []);
      return t.type === 'text' || t.type === 'code_inline' ? t.content : '';
    })
    .join('');
}
