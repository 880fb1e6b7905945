import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'literature-notes.literature-notes';

/** The methods of the extension's API this test uses; async or not, `await` reads both. */
interface Api {
  paperByKey(key: string): unknown;
  searchable(): Promise<void>;
  relatedReady(): Promise<'restored' | 'made'>;
  related(key: string, limit: number): Promise<{ paper: { key: string } }[]>;
}

describe('activation', () => {
  it('loads the extension under development', () => {
    assert.ok(vscode.extensions.getExtension(extensionId), `${extensionId} is not installed`);
  });

  it('activates and serves the seed library through its API', async () => {
    const extension = vscode.extensions.getExtension<Api>(extensionId)!;
    const api = await extension.activate();
    assert.equal(extension.isActive, true);
    const paper = (await api.paperByKey('limo')) as { title: string } | undefined;
    assert.ok(paper, 'paperByKey("limo") found nothing');
    assert.match(paper.title, /^LIMO/);
    // What the benchmark waits on: both resolve once the index and related papers are made.
    await api.searchable();
    await api.relatedReady();
    const related = await api.related('limo', 3);
    assert.equal(related.length, 3);
    assert.ok(related.every(({ paper }) => paper.key !== 'limo'));
  });

  it('keeps related papers for the next load, which restores them instead of making them again', async () => {
    const api = await vscode.extensions.getExtension<Api>(extensionId)!.activate();
    await api.relatedReady();
    const before = await api.related('limo', 10);
    // Saved once made; the write is not awaited by anything the API offers, so give it a moment.
    const deadline = Date.now() + 10_000;
    let origin: string;
    do {
      await vscode.commands.executeCommand('literatureNotes.reloadLibrary');
      origin = await api.relatedReady();
    } while (origin !== 'restored' && Date.now() < deadline);
    assert.equal(origin, 'restored');
    assert.deepEqual(await api.related('limo', 10), before);
  });

  it('runs in a real VS Code with the test workspace open', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    assert.equal(folder.uri.path.split('/').pop(), 'workspace');
  });
});
