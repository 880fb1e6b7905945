import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'literature-notes.literature-notes';

/** The methods of the extension's API this test uses; async or not, `await` reads both. */
interface Api {
  paperByKey(key: string): unknown;
  searchable(): Promise<void>;
  relatedReady(): Promise<void>;
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

  it('runs in a real VS Code with the test workspace open', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    assert.equal(folder.uri.path.split('/').pop(), 'workspace');
  });
});
