import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'literature-notes.literature-notes';

/** The methods of the extension's API this test uses; async or not, `await` reads both. */
interface Api {
  paperByKey(key: string): unknown;
  search(query: string, limit: number): Promise<{ paper: { key: string }; score: number }[]>;
  related(key: string, limit: number): Promise<{ paper: { key: string } }[]>;
  testing: {
    indexState(): Promise<{ restored: boolean; inIndexThread: boolean }>;
    relatedReady(): Promise<'restored' | 'made'>;
    themesMadeBy(): Promise<'cache' | 'update' | 'elsewhere' | 'here'>;
  };
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
    await api.testing.indexState();
    await api.testing.relatedReady();
    const related = await api.related('limo', 3);
    assert.equal(related.length, 3);
    assert.ok(related.every(({ paper }) => paper.key !== 'limo'));
  });

  it('keeps related papers for the next load, which restores them instead of making them again', async () => {
    const api = await vscode.extensions.getExtension<Api>(extensionId)!.activate();
    await api.testing.relatedReady();
    const before = await api.related('limo', 10);
    // Saved once made; the write is not awaited by anything the API offers, so give it a moment.
    const deadline = Date.now() + 10_000;
    let origin: string;
    do {
      await vscode.commands.executeCommand('literatureNotes.reloadLibrary');
      origin = await api.testing.relatedReady();
    } while (origin !== 'restored' && Date.now() < deadline);
    assert.equal(origin, 'restored');
    assert.deepEqual(await api.related('limo', 10), before);
  });

  it('searches in its index thread, and restores the index saved there at the next load', async () => {
    const api = await vscode.extensions.getExtension<Api>(extensionId)!.activate();
    assert.equal((await api.testing.indexState()).inIndexThread, true);
    const ranked = async () => (await api.search('robot table tenis', 5)).map((r) => [r.paper.key, r.score.toFixed(9)]);
    const before = await ranked();
    assert.equal(before[0][0], 'achieving-human-level');
    // The thread saves the index it built once built, without waiting for anything the API offers.
    const deadline = Date.now() + 10_000;
    let index: { restored: boolean; inIndexThread: boolean };
    do {
      await vscode.commands.executeCommand('literatureNotes.reloadLibrary');
      index = await api.testing.indexState();
    } while (!index.restored && Date.now() < deadline);
    assert.deepEqual(index, { restored: true, inIndexThread: true });
    assert.equal(await api.testing.themesMadeBy(), 'cache', 'themes restored with the keys, not found again');
    assert.deepEqual(await ranked(), before);
  });

  it('runs in a real VS Code with the test workspace open', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    assert.equal(folder.uri.path.split('/').pop(), 'workspace');
  });
});
