import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID } from './host';

const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
  contributes: { commands: { command: string; category: string }[]; keybindings: { command: string; key: string }[] };
};

describe('contributions', () => {
  after(closeAllEditors);

  it('registers every contributed command, all under one category', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command, category } of manifest().contributes.commands) {
      assert.ok(registered.has(command), command);
      assert.equal(category, 'Literature Notes');
    }
  });

  it('uses keybindings that no default VS Code keybinding uses', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const defaults = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.ok(defaults.length > 10_000, 'the default keybindings are listed');
    for (const { key, command } of manifest().contributes.keybindings) {
      const clashes = [...defaults.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].filter(([, k, c]) => k === key && c !== command);
      assert.deepEqual(clashes.map(([, , c]) => c), [], `${key} for ${command}`);
    }
  });
});
