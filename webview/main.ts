/**
 * The Abstract panel's webview: renders what the host posts, and posts back the user's
 * choices. Paper text is library content, so it only ever enters the page as text nodes
 * (`append` of strings, `textContent`), never as HTML.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider, vsCodeDropdown, vsCodeOption, type Dropdown } from '@vscode/webview-ui-toolkit';
import { paperLinks } from '../src/core/model/paperLinks';
import { metadataLine } from '../src/core/model/paperPreview';
import { parsePanelState, type FormattedView, type HostMessage, type PanelState, type PaperView, type RelatedView, type SnippetStyle, type WebviewMessage } from '../src/shared/panelMessages';
import './panel.css';

// Not vscode-badge nor vscode-tag: their template carries a style attribute, which the CSP blocks.
provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider(), vsCodeDropdown(), vsCodeOption());

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

const STYLE_LABELS: Record<SnippetStyle, string> = {
  pandoc: 'Pandoc',
  markdown: 'Markdown link',
  title: 'Title and pandoc',
  custom: 'Custom template',
};

/** The style the user picked here; it outlives paper changes, the configured one is the default. */
let chosenStyle = parsePanelState(vscode.getState())?.style;
let shownKey: string | undefined;
/** Set when the user followed a related paper, so focus moves to the new paper's heading. */
let followed = false;

type Child = Node | string;

/** An element; string children become text nodes, so nothing here is parsed as HTML. */
function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function showPaper(message: Extract<HostMessage, { type: 'showPaper' }>): void {
  const { paper, related, styles } = message;
  const style = chosenStyle && styles.includes(chosenStyle) ? chosenStyle : message.style;
  const samePaper = paper.key === shownKey;
  // A reload of the same paper keeps the reader's place: scroll position and focused control.
  const focused = samePaper ? (document.activeElement as HTMLElement | null)?.dataset.focus : undefined;
  shownKey = paper.key;
  vscode.setState({ key: paper.key, ...(chosenStyle && { style: chosenStyle }) });
  document.title = paper.title;

  const heading = h('h1', { tabindex: '-1' }, paper.title);
  const dropdown = styleDropdown(styles, style);
  const insert = h('vscode-button', { appearance: 'primary', 'data-focus': 'insert', 'aria-label': `Insert citation of ${paper.title} into the note` }, 'Insert Citation');
  const copy = h('vscode-button', { appearance: 'secondary', 'data-focus': 'copy', 'aria-label': `Copy citation key ${paper.key}` }, 'Copy Key');
  insert.addEventListener('click', () => vscode.postMessage({ type: 'insertCitation', key: paper.key, style: dropdown.value as SnippetStyle }));
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copyKey', key: paper.key }));
  const note = h('vscode-button', { appearance: 'secondary', 'data-focus': 'note' }, message.hasNote ? 'Open Note' : 'New Literature Note');
  note.addEventListener('click', () => vscode.postMessage({ type: 'literatureNote', key: paper.key }));
  const pdf = h('vscode-button', { appearance: 'secondary', 'data-focus': 'pdf' }, 'Open PDF');
  pdf.addEventListener('click', () => vscode.postMessage({ type: 'openPdf', key: paper.key }));

  const scroll = window.scrollY;
  root.replaceChildren(
    h('header', {}, heading, ...byline(paper), h('div', { class: 'meta' }, h('code', { class: 'key', title: 'Citation key', 'aria-label': `Citation key ${paper.key}` }, `@${paper.key}`), h('span', { class: 'tag', title: 'Theme', 'aria-label': `Theme ${paper.theme}` }, paper.theme), ...links(paper))),
    // Two groups that wrap as wholes, so a narrow panel never strands one button on a line.
    h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': 'Cite this paper' },
      h('span', { class: 'group' }, h('span', { class: 'label', 'aria-hidden': 'true' }, 'Style'), dropdown),
      h('span', { class: 'group' }, insert, copy),
    ),
    h('div', { class: 'actions', role: 'group', 'aria-label': 'Your notes and the paper' }, h('span', { class: 'group' }, note, ...(message.hasFiles ? [pdf] : []))),
    h('vscode-divider', { role: 'presentation' }),
    ...referenceSection(message.formatted),
    h('section', { 'aria-labelledby': 'abstract-heading' }, h('h2', { id: 'abstract-heading' }, 'Abstract'), abstractBlock(paper.abstract)),
    h('vscode-divider', { role: 'presentation' }),
    relatedSection(related),
  );
  window.scrollTo(0, samePaper ? scroll : 0);
  const refocus = focused && [...root.querySelectorAll<HTMLElement>('[data-focus]')].find((e) => e.dataset.focus === focused);
  if (refocus) refocus.focus();
  else if (followed) heading.focus();
  followed = false;
}

/** The paper formatted in the citation style of the settings: its in-text citation and its reference, as text. */
function referenceSection(formatted: FormattedView | undefined): HTMLElement[] {
  if (!formatted) return [];
  return [
    h(
      'section',
      { 'aria-labelledby': 'reference-heading', class: 'reference' },
      h('h2', { id: 'reference-heading' }, 'Reference'),
      h('p', { class: 'style', title: 'Citation style (literatureNotes.csl.style)' }, formatted.style, ' · ', h('span', { class: 'in-text', title: 'Cited in the text' }, formatted.inText)),
      h('p', { class: 'entry' }, formatted.reference),
    ),
  ];
}

/** Authors, year and venue, then editors, publisher and ISBN, as far as the library knows them; nothing for a seed-format paper. */
function byline(paper: PaperView): HTMLElement[] {
  const line = metadataLine(paper);
  return [...(line ? [h('p', { class: 'byline' }, line)] : []), ...(paper.details ? [h('p', { class: 'byline' }, paper.details)] : [])];
}

/** The DOI and URL, which the host opens in the browser once it has checked them. */
function links(paper: PaperView): HTMLElement[] {
  return paperLinks(paper).map(({ label, url }) => {
    const link = h('button', { type: 'button', class: 'link', title: url, 'aria-label': `Open ${label} in the browser`, 'data-focus': `link:${url}` }, label);
    link.addEventListener('click', () => vscode.postMessage({ type: 'openExternal', url }));
    return link;
  });
}

function styleDropdown(styles: readonly SnippetStyle[], selected: SnippetStyle): Dropdown {
  const dropdown = h('vscode-dropdown', { 'aria-label': 'Citation style', 'data-focus': 'style' }) as Dropdown;
  for (const style of styles) dropdown.append(h('vscode-option', { value: style, ...(style === selected && { selected: '' }) }, STYLE_LABELS[style]));
  dropdown.addEventListener('change', () => {
    chosenStyle = dropdown.value as SnippetStyle;
    if (shownKey) vscode.setState({ key: shownKey, style: chosenStyle });
  });
  return dropdown;
}

function abstractBlock(abstract: string): HTMLElement {
  return abstract.trim() ? h('p', { class: 'abstract' }, abstract) : h('p', { class: 'placeholder' }, 'The library has no abstract for this paper.');
}

function relatedSection(related: readonly RelatedView[]): HTMLElement {
  const heading = h('h2', { id: 'related-heading' }, 'Related Papers ', h('span', { class: 'badge' }, String(related.length)));
  if (!related.length) return h('section', { 'aria-labelledby': 'related-heading' }, heading, h('p', { class: 'placeholder' }, 'No related papers.'));
  const items = related.map((paper) => {
    const link = h('button', { type: 'button', class: 'link', 'aria-label': `Show related paper ${paper.title}`, 'data-focus': `related:${paper.key}` }, paper.title);
    link.addEventListener('click', () => {
      followed = true;
      vscode.postMessage({ type: 'openPaper', key: paper.key });
    });
    return h('li', {}, link, h('span', { class: 'theme' }, paper.theme));
  });
  return h('section', { 'aria-labelledby': 'related-heading' }, heading, h('ul', { class: 'related' }, ...items));
}

function showMissing(key: string): void {
  shownKey = key;
  root.replaceChildren(h('p', { class: 'placeholder' }, `The paper @${key} is no longer in the library.`));
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message?.type === 'showPaper') showPaper(message);
  else if (message?.type === 'paperMissing') showMissing(message.key);
});

// Escape goes back to the note, unless it closes the style list or VS Code's find widget first.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const dropdown = document.querySelector<Dropdown>('vscode-dropdown');
  if (dropdown?.open) return;
  vscode.postMessage({ type: 'returnToNote' });
});

vscode.postMessage({ type: 'ready' });
