import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, extensionApi, scratchNote } from './host';

/** Presses Enter in the QuickPick once it shows results, until `done` says the pick landed. */
async function acceptFirstResult(done: () => boolean): Promise<void> {
  await eventually(async () => {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return done();
  }, 'the search QuickPick to accept its first result');
}

describe('search', () => {
  afterEach(closeAllEditors);

  it('puts a known title first when typed with typos or cut short', async () => {
    const api = await extensionApi();
    const [typo] = await api.search('achieving human levle robot table tenis');
    assert.equal(typo.paper.title, 'Achieving Human Level Competitive Robot Table Tennis');
    assert.ok(typo.terms.includes('tennis'), `matched terms ${typo.terms}`);
    const [cut] = await api.search('Tool Documentation Enab');
    assert.equal(cut.paper.key, 'tool-documentation-enables');
  });

  it('cites the first result in the active Markdown editor on Enter, as one undoable edit', async () => {
    const editor = await scratchNote('Robots play table tennis ');
    editor.selection = new vscode.Selection(0, 25, 0, 25);
    const searching = vscode.commands.executeCommand('literatureNotes.search', 'robot table tenis');
    await acceptFirstResult(() => editor.document.getText().includes('[@'));
    await searching;
    assert.equal(editor.document.getText(), 'Robots play table tennis [@achieving-human-level]');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'Robots play table tennis ');
  });

  it('cites right after a citation by joining its group', async () => {
    const editor = await scratchNote('Robots play [@limo]');
    editor.selection = new vscode.Selection(0, 19, 0, 19);
    const searching = vscode.commands.executeCommand('literatureNotes.search', 'robot table tenis');
    await acceptFirstResult(() => editor.document.getText().includes('@achieving'));
    await searching;
    assert.equal(editor.document.getText(), 'Robots play [@limo; @achieving-human-level]');
  });

  it('opens the paper in the abstract panel on Enter when no notes editor is active', async () => {
    const searching = vscode.commands.executeCommand('literatureNotes.search', 'less is more reasoning');
    const panelTab = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('LIMO'));
    await acceptFirstResult(() => Boolean(panelTab()));
    await searching;
    assert.ok(panelTab());
  });
});
