/**
 * The messages between the extension host and the Abstract panel's webview, imported by
 * both sides. The webview is untrusted as far as the host is concerned: whatever it posts
 * goes through `parseWebviewMessage` before the host acts on it.
 */
import { SNIPPET_STYLES, type SnippetStyle } from '../core/notes/citationSnippet';
import type { PaperMetadata } from '../core/model/paper';
import { isExternalLink } from '../core/model/paperLinks';

export type { SnippetStyle };

/**
 * What the panel shows of a paper; all of it is library text, rendered as plain text. The
 * DOI and URL become links that the host opens only after `parseWebviewMessage` and a check
 * that they are the shown paper's own.
 */
export interface PaperView extends PaperMetadata {
  readonly key: string;
  readonly title: string;
  readonly abstract: string;
  readonly theme: string;
  /** Editors, edition, publisher, ISBN (see `publicationDetails`). */
  readonly details?: string;
}

export type RelatedView = Pick<PaperView, 'key' | 'title' | 'theme'>;

/** A paper formatted in a citation style: the style's title, the in-text citation and the reference, as plain text. */
export interface FormattedView {
  readonly style: string;
  readonly inText: string;
  readonly reference: string;
}

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  /** Escape in the panel: focus goes back to the note the user was writing. */
  | { readonly type: 'returnToNote' }
  | { readonly type: 'insertCitation'; readonly key: string; readonly style: SnippetStyle }
  | { readonly type: 'copyKey'; readonly key: string }
  | { readonly type: 'openPaper'; readonly key: string }
  | { readonly type: 'openExternal'; readonly url: string }
  /** New Literature Note, or Open Note when the paper has one. */
  | { readonly type: 'literatureNote'; readonly key: string }
  | { readonly type: 'openPdf'; readonly key: string };

/** Host → webview. */
export type HostMessage =
  | {
      readonly type: 'showPaper';
      readonly paper: PaperView;
      readonly related: readonly RelatedView[];
      /** The configured style, selected until the user picks another in the panel. */
      readonly style: SnippetStyle;
      readonly styles: readonly SnippetStyle[];
      /** Whether the paper has a literature note (the button opens it) and a file on disk (Open PDF is shown). */
      readonly hasNote: boolean;
      readonly hasFiles: boolean;
      /** The paper as the citation style of the settings formats it, in plain text; none when that style cannot be used. */
      readonly formatted?: FormattedView;
    }
  /** The shown paper left the library (a reload, or a restored panel whose paper is gone). */
  | { readonly type: 'paperMissing'; readonly key: string };

/** What the webview keeps with `setState`, so a restored panel knows its paper. */
export interface PanelState {
  readonly key: string;
  readonly style?: SnippetStyle;
}

/** Far above any generated key, far below anything that could hurt. */
export const MAX_KEY_LENGTH = 200;

export function isPaperKey(value: unknown): value is string {
  // No control characters: a key ends up in status messages and the log.
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY_LENGTH && !/[\u0000-\u001f\u007f]/.test(value);
}

export function isSnippetStyle(value: unknown): value is SnippetStyle {
  return typeof value === 'string' && (SNIPPET_STYLES as readonly string[]).includes(value);
}

/** The fields each webview message has besides `type`; any other field makes it malformed. */
const FIELDS: Record<WebviewMessage['type'], readonly string[]> = {
  ready: [],
  returnToNote: [],
  insertCitation: ['key', 'style'],
  copyKey: ['key'],
  openPaper: ['key'],
  openExternal: ['url'],
  literatureNote: ['key'],
  openPdf: ['key'],
};

/** A well-formed webview message, rebuilt from its own fields; anything else is undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !Object.hasOwn(FIELDS, type)) return undefined;
  const expected = ['type', ...FIELDS[type as WebviewMessage['type']]];
  const present = Object.keys(record);
  if (present.length !== expected.length || !present.every((name) => expected.includes(name))) return undefined;

  switch (type) {
    case 'ready':
    case 'returnToNote':
      return { type };
    case 'insertCitation':
      return isPaperKey(record.key) && isSnippetStyle(record.style) ? { type, key: record.key, style: record.style } : undefined;
    case 'copyKey':
    case 'openPaper':
    case 'literatureNote':
    case 'openPdf':
      return isPaperKey(record.key) ? { type, key: record.key } : undefined;
    case 'openExternal':
      return isExternalLink(record.url) ? { type, url: record.url } : undefined;
    default:
      return undefined;
  }
}

/** The state a restored panel was saved with, if it is one this extension wrote. */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { key, style } = value as Record<string, unknown>;
  if (!isPaperKey(key)) return undefined;
  return isSnippetStyle(style) ? { key, style } : { key };
}
