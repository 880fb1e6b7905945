import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, extensionApi, scratchNote } from './host';

const insert = (key: unknown, style?: string) => vscode.commands.executeCommand<boolean>('literatureNotes.insertCitation', key, style);

describe('citations', () => {
  afterEach(closeAllEditors);

  it('replaces the selection with a pandoc citation, and one undo restores the note', async () => {
    const editor = await scratchNote('As shown by REPLACE ME, less is more.');
    editor.selection = new vscode.Selection(0, 12, 0, 22);
    assert.equal(await insert('limo'), true);
    assert.equal(editor.document.getText(), 'As shown by [@limo], less is more.');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'As shown by REPLACE ME, less is more.');
  });

  it('writes every style, and the custom template from the settings', async () => {
    const api = await extensionApi();
    const limo = (await api.paperByKey('limo'))!;
    const editor = await scratchNote('');
    for (const [style, expected] of [
      ['pandoc', '[@limo]'],
      ['markdown', '[LIMO: Less is More for Reasoning](#limo)'],
      ['title', `${limo.title} [@limo]`],
    ]) {
      await editor.edit((e) => e.delete(new vscode.Range(0, 0, editor.document.lineCount, 0)));
      await insert('limo', style);
      assert.equal(editor.document.getText(), expected, style);
    }
    const settings = vscode.workspace.getConfiguration('literatureNotes');
    await settings.update('citation.template', '${key} (${theme})', vscode.ConfigurationTarget.Global);
    await settings.update('citation.style', 'custom', vscode.ConfigurationTarget.Global);
    try {
      await editor.edit((e) => e.delete(new vscode.Range(0, 0, editor.document.lineCount, 0)));
      await insert({ paper: limo }); // as from the sidebar's context menu
      assert.equal(editor.document.getText(), `limo (${limo.theme})`);
    } finally {
      await settings.update('citation.style', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('citation.template', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('inserts into the notes the user was last in, not into the panel that has focus', async () => {
    const editor = await scratchNote('Cite here: ');
    editor.selection = new vscode.Selection(0, 11, 0, 11);
    await vscode.commands.executeCommand('literatureNotes.openPaper', 'orca');
    // The first panel of a session can take more than the second openPaper waits for it.
    await eventually(() => vscode.window.activeTextEditor?.document !== editor.document, 'the panel to take the focus');
    assert.equal(await insert('orca'), true);
    assert.equal(editor.document.getText(), 'Cite here: [@orca]');
  });

  it('joins a pandoc citation to the group at the cursor, and sets a citation apart from a word', async () => {
    const editor = await scratchNote('As shown [@limo], and [@orca; @b-star] and words');
    const cases: [number, string, string][] = [
      [16, 'As shown [@limo; @achieving-human-level], and [@orca; @b-star] and words', 'right after a group'],
      [15, 'As shown [@limo; @achieving-human-level], and [@orca; @b-star] and words', 'inside a group, before its ]'],
      [28, 'As shown [@limo], and [@orca; @achieving-human-level; @b-star] and words', 'after an item in a group'],
      [48, 'As shown [@limo], and [@orca; @b-star] and words [@achieving-human-level]', 'after a word'],
    ];
    for (const [offset, expected, where] of cases) {
      const at = editor.document.positionAt(offset);
      editor.selection = new vscode.Selection(at, at);
      assert.equal(await insert('achieving-human-level'), true);
      assert.equal(editor.document.getText(), expected, where);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), 'As shown [@limo], and [@orca; @b-star] and words', `one undo, ${where}`);
    }
    // The cursor stands after the group it joined, ready to write on.
    editor.selection = new vscode.Selection(0, 16, 0, 16);
    await insert('achieving-human-level');
    assert.equal(editor.document.offsetAt(editor.selection.active), 'As shown [@limo; @achieving-human-level]'.length);
  });

  it('joins a citation inserted from the Abstract panel, and Escape there returns to the note', async () => {
    const api = await extensionApi();
    const editor = await scratchNote('See [@limo]');
    editor.selection = new vscode.Selection(0, 11, 0, 11);
    await vscode.commands.executeCommand('literatureNotes.openPaper', 'orca');
    // The first panel of a session can take more than the second openPaper waits for it.
    await eventually(() => vscode.window.activeTextEditor?.document !== editor.document, 'the panel to take the focus');
    await api.panelMessage({ type: 'insertCitation', key: 'orca', style: 'pandoc' });
    assert.equal(editor.document.getText(), 'See [@limo; @orca]');
    await api.panelMessage({ type: 'insertCitation', key: 'b-star', style: 'title' });
    const bStar = (await api.paperByKey('b-star'))!;
    assert.equal(editor.document.getText(), `See [@limo; @orca] ${bStar.title} [@b-star]`);
    await api.panelMessage({ type: 'returnToNote' });
    await eventually(() => vscode.window.activeTextEditor?.document === editor.document, 'the note to have focus again');
  });

  it('refuses an unknown key without touching the note', async () => {
    const editor = await scratchNote('unchanged');
    const version = editor.document.version;
    assert.equal(await insert('no-such-paper'), false);
    assert.equal(editor.document.getText(), 'unchanged');
    assert.equal(editor.document.version, version);
  });

  it('copies a citation key', async () => {
    const key = await vscode.commands.executeCommand<string>('literatureNotes.copyCitationKey', 'b-star');
    assert.equal(key, 'b-star');
    assert.equal(await vscode.env.clipboard.readText(), 'b-star');
  });
});
