import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { panelTitle } from '../../../src/features/panelHtml';
import { closeAllEditors, eventually, extensionApi, scratchNote } from './host';

const openPaper = (argument?: unknown) => vscode.commands.executeCommand('literatureNotes.openPaper', argument);

/** The Abstract panel's tabs: VS Code prefixes the view type of a webview tab, hence `endsWith`. */
const panelTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('literatureNotes.abstract'));

/** Waits until the panel is the one tab titled by `title`. */
function panelTitled(title: string): Promise<vscode.Tab> {
  return eventually(() => {
    const tabs = panelTabs();
    return tabs.length === 1 && tabs[0].label === panelTitle(title) ? tabs[0] : undefined;
  }, `one panel tab titled "${title}"`);
}

describe('abstract panel', () => {
  afterEach(closeAllEditors);

  it('opens a webview tab titled by the paper, beside the notes and with focus', async () => {
    const limo = (await (await extensionApi()).paperByKey('limo'))!;
    const notes = await scratchNote('notes');
    await openPaper('limo');
    // The command resolves once the panel is shown.
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'LIMO: Less is More for Reasoning');
    assert.equal(vscode.window.activeTextEditor, undefined, 'the panel, not the notes, has focus');
    const tab = await panelTitled(limo.title);
    assert.ok(tab.isActive);
    assert.notEqual(tab.group.viewColumn, notes.viewColumn);
  });

  it('reuses its one tab for the next paper, given a key or a sidebar node', async () => {
    const api = await extensionApi();
    const [first, second] = await api.related('limo', 2);
    await openPaper('limo');
    await panelTitled('LIMO: Less is More for Reasoning');
    await openPaper(first.paper.key);
    await panelTitled(first.paper.title);
    await openPaper({ kind: 'paper', paper: second.paper });
    await panelTitled(second.paper.title);
    assert.equal(panelTabs().length, 1);
  });

  it('shortens a long title for the tab', async () => {
    const paper = (await (await extensionApi()).paperByKey('robomatrix'))!;
    assert.ok(paper.title.length > 40);
    await openPaper('robomatrix');
    const tab = await panelTitled(paper.title);
    assert.ok(tab.label.length <= 40 && tab.label.endsWith('…'), tab.label);
    assert.ok(paper.title.startsWith(tab.label.slice(0, -1)));
  });

  it('titles a hostile paper with its text, which stays text', async () => {
    const [hit] = await (await extensionApi()).search('hostile harmful');
    assert.match(hit.paper.title, /<script>/);
    await openPaper(hit.paper.key);
    await panelTitled(hit.paper.title);
  });

  it('opens nothing for an unknown key', async () => {
    await openPaper('no-such-paper');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(panelTabs().length, 0);
  });

  it('opens a new panel once the old one is closed', async () => {
    await openPaper('limo');
    await panelTitled('LIMO: Less is More for Reasoning');
    await vscode.window.tabGroups.close(panelTabs());
    await eventually(() => panelTabs().length === 0, 'the panel to close');
    const orca = (await (await extensionApi()).paperByKey('orca'))!;
    await openPaper('orca');
    await panelTitled(orca.title);
  });
});
