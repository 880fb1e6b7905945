import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, extensionApi, seedsFolder, workspaceFile } from './host';

const settings = () => vscode.workspace.getConfiguration('literatureNotes');
/** Public cryptography bibliographies (see test/fixtures/themes/README.md), as a user's library files. */
const FIXTURES = ['zkp.bib', 'libbib-crypto.bib'];
const LIBRARIES = ['hostile-papers.txt', ...FIXTURES.map((name) => `crypto/${name}`)];
const WATCHED_MS = 30_000;
// The extension runs from the repository, whose test fixtures sit beside its seeds.
const fixture = (name: string) => readFileSync(path.join(path.dirname(seedsFolder()), 'test/fixtures/themes', name));
const fieldOf = (file: string) => (file.includes(`${path.sep}crypto${path.sep}`) ? 'cryptography' : file.startsWith(seedsFolder()) ? 'machine learning' : 'other');
const isCrypto = (file: string) => fieldOf(file) === 'cryptography';

describe('themes found from the papers of a library of another field', () => {
  before(async () => {
    for (const name of FIXTURES) await vscode.workspace.fs.writeFile(workspaceFile(`crypto/${name}`), fixture(name));
    await settings().update('libraries', LIBRARIES, vscode.ConfigurationTarget.Workspace);
    await eventually(async () => Boolean(await (await extensionApi()).paperByKey('gmr1989')), 'the cryptography papers to load', WATCHED_MS);
  });
  after(async () => {
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceFile('crypto'), { recursive: true }).then(undefined, () => undefined);
    await eventually(async () => !(await (await extensionApi()).paperByKey('gmr1989')), 'the library to be as it was', WATCHED_MS);
  });

  it('shows the cryptography papers under cryptography themes named in their words, never beside the seed papers', async () => {
    const api = await extensionApi();
    const themes = await api.themes();
    const cryptoThemes = themes.filter((t) => t.papers.some((p) => isCrypto(p.file)));
    assert.ok(cryptoThemes.length >= 3, cryptoThemes.map((t) => t.theme).join(', '));
    // The workspace's hostile test papers are of no field: they may sit anywhere but in a shipped theme.
    for (const { theme, papers } of themes) {
      const fields = new Set(papers.map((p) => fieldOf(p.file)).filter((field) => field !== 'other'));
      assert.ok(fields.size <= 1, `${theme} mixes ${[...fields].join(' and ')}`);
      if (fields.has('machine learning')) assert.ok(papers.every((p) => fieldOf(p.file) === 'machine learning'), `${theme} holds the shipped papers and others`);
    }
    assert.ok(
      cryptoThemes.some((t) => /zero-knowledge/i.test(t.theme)),
      cryptoThemes.map((t) => t.theme).join(', '),
    );
    // The seed papers keep their curated themes.
    assert.equal((await api.paperByKey('limo'))?.theme, 'Reasoning');
    const labels = (await api.sidebarTree()).map((node) => String(typeof node.item.label === 'string' ? node.item.label : node.item.label?.label));
    for (const { theme } of cryptoThemes) assert.ok(labels.includes(theme), `${theme} in the sidebar`);
  });

  it('gives the same themes when Recompute Themes themes the library afresh', async () => {
    const api = await extensionApi();
    const before = (await api.themes()).map((t) => [t.theme, t.papers.map((p) => p.key)]);
    const loads = api.loads();
    await vscode.commands.executeCommand('literatureNotes.recomputeThemes');
    await eventually(() => api.loads() > loads || undefined, 'the recomputation', WATCHED_MS);
    assert.equal(await api.themesMadeBy(), 'elsewhere', 'found in the index thread');
    assert.deepEqual(
      (await api.themes()).map((t) => [t.theme, t.papers.map((p) => p.key)]),
      before,
    );
  });
});
