/**
 * The Abstract panel's HTML shell: a pure function, so its Content-Security-Policy and
 * escaping are unit-tested without a webview. It holds no paper text but the escaped title;
 * the paper itself arrives by `postMessage` and is rendered as text by `webview/main.ts`.
 */
import { randomBytes } from 'node:crypto';
import { textPreview } from '../core/model/paperPreview';

export interface PanelHtmlOptions {
  /** `webview.cspSource`: where the panel may load its script, styles, fonts and images from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri` of dist/webview.js and dist/webview.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

/** 144 random bits, base64 without padding: a valid CSP nonce, new for every page. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Only our nonce'd script runs, and styles come only from our stylesheet or carry the nonce.
 * No 'unsafe-inline': the toolkit's components style themselves through constructable
 * stylesheets, which CSP does not govern; the one `<style>` FAST adds (to probe
 * `:focus-visible`) takes the nonce from the `csp-nonce` meta tag. Checked in Chromium.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, title } = options;
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
  <meta property="csp-nonce" content="${attr(nonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attr(styleUri)}">
  <title>${escapeHtml(title)}</title>
</head>
<body>
  <main id="root" aria-live="polite"><p class="placeholder">Loading the library…</p></main>
  <script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}

const TITLE_LENGTH = 40;

/** The tab title: the paper's title, cut at a word (ellipsis included) to fit `TITLE_LENGTH`. */
export function panelTitle(title: string): string {
  const text = title.replace(/\s+/g, ' ').trim();
  return text.length <= TITLE_LENGTH ? text : textPreview(text, TITLE_LENGTH - 1);
}
