/**
 * The packaged extension, installed from its `.vsix` into a clean profile as a user installs it:
 * proves that `.vscodeignore` and the bundles ship what the features need (seeds, workers, the
 * webview, the walkthrough's images) and that it works without the repository beside it.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, EXTENSION_ID, extensionApi, plainHoverText, scratchNote } from '../suite/host';

const extension = () => vscode.extensions.getExtension(EXTENSION_ID);

describe('the installed .vsix', () => {
  it('is the installed extension, not one under development', () => {
    const installed = extension();
    assert.ok(installed, `${EXTENSION_ID} is installed`);
    const extensionsDir = process.env.LITERATURE_NOTES_VSIX_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'the smoke test is told where the .vsix was installed');
    assert.equal(path.dirname(installed.extensionPath), path.resolve(extensionsDir));
    // Only what .vscodeignore lets through: no sources, tests or sample notes.
    for (const left of ['src', 'test', 'node_modules', 'seeds/sample-notes', 'media/screenshots']) {
      assert.equal(existsSync(path.join(installed.extensionPath, left)), false, `${left} is not shipped`);
    }
    const { walkthroughs } = (installed.packageJSON as { contributes: { walkthroughs: { steps: { media: { image: Record<string, string> } }[] }[] } }).contributes;
    const images = walkthroughs.flatMap((w) => w.steps.flatMap((s) => Object.values(s.media.image)));
    assert.ok(images.length >= 12);
    for (const image of images) assert.ok(existsSync(path.join(installed.extensionPath, image)), `${image} is shipped`);
  });

  it('loads the sidebar from the shipped seeds, and searches in its index thread', async () => {
    const api = await extensionApi();
    const sidebar = await api.sidebar();
    assert.ok(sidebar.length >= 6, `${sidebar.length} themes`);
    assert.ok(sidebar.reduce((sum, t) => sum + t.papers.length, 0) >= 90);
    const [first] = await api.search('achieving human levle robot table tenis');
    assert.equal(first.paper.key, 'achieving-human-level');
    assert.equal((await api.indexState()).inIndexThread, true, 'the index worker is shipped');
  });

  it('shows a hover on a citation, and the abstract panel for a paper', async () => {
    const editor = await scratchNote('As [@limo] shows.');
    const hovers = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 6));
      return plainHoverText(found).includes('LIMO: Less is More for Reasoning') ? found : undefined;
    }, 'a hover on [@limo]', 10_000);
    assert.ok(hovers.length > 0);
    await vscode.commands.executeCommand('literatureNotes.openPaper', 'limo');
    await eventually(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('LIMO')),
      'the abstract panel',
    );
  });
});
