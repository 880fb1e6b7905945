// Feature: the Abstract panel, a webview showing a paper, its abstract and related papers.
import vscode = require('vscode');
import { SNIPPET_STYLES } from '../core/notes/citationSnippet';
import type { Paper } from '../core/model/paper';
import { paperLinks } from '../core/model/paperLinks';
import { publicationDetails, venueLine } from '../core/model/paperPreview';
import { paperFiles } from '../host/paperFiles';
import { affects, citationStyle } from '../host/settings';
import { parsePanelState, parseWebviewMessage, type HostMessage, type PaperView, type RelatedView, type WebviewMessage } from '../shared/panelMessages';
import type { FeatureDeps } from './deps';
import { createNonce, panelHtml, panelTitle } from './panelHtml';
import { paperArgument } from './paperArgument';

const ABSTRACT_VIEW_TYPE = 'literatureNotes.abstract';
const RELATED_LIMIT = 8;

/**
 * The Abstract panel: one webview beside the notes showing a paper, its abstract and related
 * papers, with Insert Citation, Copy Key, its literature note and Open PDF. Opened by
 * `literatureNotes.openPaper` (a key, a sidebar node, or a pick) and restored after a window reload.
 */
export function registerAbstractPanel(deps: FeatureDeps): vscode.Disposable[] {
  const panel = new AbstractPanel(deps.extensionUri, deps);
  deps.testHooks.panel = panel;
  return [
    panel,
    vscode.commands.registerCommand('literatureNotes.openPaper', async (argument?: unknown) => {
      const paper = await paperArgument(deps.library, argument, 'Paper to open');
      if (paper) await panel.show(paper);
    }),
    vscode.window.registerWebviewPanelSerializer(ABSTRACT_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state) => panel.restore(webviewPanel, parsePanelState(state)?.key),
    }),
    deps.library.onDidChange(() => panel.refresh()),
    deps.literatureNotes.onDidChange(() => panel.refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => affects(event, 'citation.style') && panel.refresh()),
  ];
}

export class AbstractPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private key?: string;
  private listeners: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: FeatureDeps,
  ) {}

  /**
   * Focus moves to the panel, so Insert Citation is a Tab away (the insert still goes to the
   * notes). Resolves once the panel is shown, so callers see the focus moved.
   */
  async show(paper: Paper): Promise<void> {
    this.key = paper.key;
    const title = panelTitle(paper.title);
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal();
    } else {
      const options = { ...this.webviewOptions(), enableFindWidget: true, retainContextWhenHidden: false };
      this.adopt(vscode.window.createWebviewPanel(ABSTRACT_VIEW_TYPE, title, vscode.ViewColumn.Beside, options));
    }
    void this.refresh();
    await whenShown();
  }

  /** A panel VS Code brings back after a reload; a second one, or one with no paper, is closed. */
  restore(webviewPanel: vscode.WebviewPanel, key: string | undefined): void {
    if (this.panel || key === undefined) {
      webviewPanel.dispose();
      return;
    }
    this.key = key;
    this.adopt(webviewPanel);
    void this.refresh();
  }

  /** Sends the current paper; also the answer to the webview's `ready`, which it posts on every load. */
  async refresh(): Promise<void> {
    const { panel, key } = this;
    if (!panel || key === undefined) return;
    const library = await this.deps.library.relatedReady(await this.deps.library.ready());
    if (panel !== this.panel || key !== this.key) return; // another paper was asked for meanwhile
    const paper = library.paperByKey(key);
    panel.title = paper ? panelTitle(paper.title) : `@${key}`;
    const hasFiles = paper ? (await paperFiles(paper)).found.length > 0 : false;
    if (panel !== this.panel || key !== this.key) return;
    const related = paper ? library.relatedTo(paper, RELATED_LIMIT).map((r) => relatedView(r.paper)) : [];
    const hasNote = this.deps.literatureNotes.hasNote(key);
    const formatted = paper && this.deps.formatting.formattedPaper(paper, 'text');
    const message: HostMessage = paper
      ? { type: 'showPaper', paper: paperView(paper), related, style: citationStyle(), styles: SNIPPET_STYLES, hasNote, hasFiles, ...(formatted && !('problem' in formatted) ? { formatted } : {}) }
      : { type: 'paperMissing', key };
    // Lost if the page is still loading; its `ready` then asks again.
    void panel.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'literature.svg');
    // A restored panel comes back without its options, so they are set again.
    panel.webview.options = this.webviewOptions();
    const asUri = (file: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', file)).toString();
    panel.webview.html = panelHtml({ cspSource: panel.webview.cspSource, nonce: createNonce(), scriptUri: asUri('webview.js'), styleUri: asUri('webview.css'), title: panel.title });
    this.listeners = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => {
        this.listeners.forEach((l) => l.dispose());
        this.panel = undefined;
        this.key = undefined;
      }),
    ];
  }

  /** Scripts from dist/ only; command: URIs stay disabled (the default), so no text can run a command. */
  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')] };
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn(`Abstract panel: ignored a malformed message ${preview(raw)}`);
      return;
    }
    this.handle(message).catch((error: unknown) => this.deps.log.error(`Abstract panel: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.refresh();
      case 'returnToNote':
        return this.returnToNote();
      case 'openPaper':
        this.key = message.key;
        return this.refresh();
      case 'insertCitation':
        await vscode.commands.executeCommand('literatureNotes.insertCitation', message.key, message.style);
        return;
      case 'copyKey':
        await vscode.env.clipboard.writeText(message.key);
        vscode.window.setStatusBarMessage(`$(check) Copied citation key ${message.key}`, 3000);
        return;
      case 'openExternal':
        return this.openLink(message.url);
      case 'literatureNote':
        await vscode.commands.executeCommand('literatureNotes.newLiteratureNote', message.key);
        return;
      case 'openPdf':
        await vscode.commands.executeCommand('literatureNotes.openPdf', message.key);
        return;
    }
  }

  /** Focus back in the notes editor the user was last in, where Insert Citation put the citation. */
  private async returnToNote(): Promise<void> {
    const editor = this.deps.notes.target;
    if (editor) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  }

  /** A message as if the webview had posted it: for the host tests, which cannot press the panel's buttons. */
  post(message: unknown): Promise<void> {
    const parsed = parseWebviewMessage(message);
    return parsed ? this.handle(parsed) : Promise.reject(new Error(`malformed panel message ${preview(message)}`));
  }

  /** Only a link of the paper shown: a webview that was made to post another URL opens nothing. */
  private async openLink(url: string): Promise<void> {
    const paper = this.key === undefined ? undefined : (await this.deps.library.ready()).paperByKey(this.key);
    if (!paper || !paperLinks(paper).some((link) => link.url === url)) {
      this.deps.log.warn(`Abstract panel: ignored a link that is not the shown paper's: ${preview(url)}`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }
}

/**
 * Resolves once the panel's tab is the active one, or after a second at most. A new panel
 * reports itself active before VS Code has shown it, so the tabs are what tell.
 */
function whenShown(): Promise<void> {
  const shown = () => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputWebview && input.viewType.endsWith(ABSTRACT_VIEW_TYPE);
  };
  if (shown()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listeners.forEach((l) => l.dispose());
      resolve();
    };
    const timer = setTimeout(done, 1000);
    const check = () => shown() && done();
    const listeners = [vscode.window.tabGroups.onDidChangeTabGroups(check), vscode.window.tabGroups.onDidChangeTabs(check)];
  });
}

// The venue with volume, issue and pages, and the publication details, made here: the whole entry stays in the host.
const paperView = (paper: Paper): PaperView => {
  const { key, title, abstract, theme, authors, year, doi, url } = paper;
  const venue = venueLine(paper);
  const details = publicationDetails(paper);
  return { key, title, abstract, theme, authors, year, venue, doi, url, ...(details ? { details } : {}) };
};
const relatedView = ({ key, title, theme }: Paper): RelatedView => ({ key, title, theme });

/** A bounded, printable rendering of whatever the webview sent, for the log. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
