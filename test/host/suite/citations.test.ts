import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, scratchNote } from './host';

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
    assert.notEqual(vscode.window.activeTextEditor?.document, editor.document, 'the panel has focus');
    assert.equal(await insert('orca'), true);
    assert.equal(editor.document.getText(), 'Cite here: [@orca]');
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
