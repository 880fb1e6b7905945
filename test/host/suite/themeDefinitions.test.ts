import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, extensionApi, seedsFolder, workspaceFile } from './host';

// The user's own theme definitions, named by the setting `literatureNotes.themeDefinitions`.

const settings = () => vscode.workspace.getConfiguration('literatureNotes');
const LIBRARY = 'own-themes/zkp.bib';
const DEFINITIONS = 'own-themes/my-themes.json';
const WATCHED_MS = 30_000;
const definitions = (name: string) => JSON.stringify({ themes: [{ name, keywords: ['zero-knowledge', 'zero knowledge', 'snark', 'snarks', 'zk-snark', 'proof', 'proofs', 'argument', 'arguments'] }] });
const write = (name: string, text: string) => vscode.workspace.fs.writeFile(workspaceFile(name), new TextEncoder().encode(text));
const themeOf = async (key: string) => (await (await extensionApi()).paperByKey(key))?.theme;
const problems = (name: string) => vscode.languages.getDiagnostics(workspaceFile(name)).filter((d) => d.source === 'Literature Notes');

describe('the user’s own theme definitions', () => {
  before(async () => {
    // A public cryptography bibliography (test/fixtures/themes/README.md), as a user's library file.
    await write(LIBRARY, readFileSync(path.join(path.dirname(seedsFolder()), 'test/fixtures/themes/zkp.bib')).toString());
    await write(DEFINITIONS, definitions('Zero knowledge'));
    await settings().update('libraries', ['hostile-papers.txt', LIBRARY], vscode.ConfigurationTarget.Workspace);
    await eventually(async () => (await themeOf('kilian1992')) !== undefined, 'the cryptography papers to load', WATCHED_MS);
  });

  after(async () => {
    await settings().update('themeDefinitions', undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceFile('own-themes'), { recursive: true }).then(undefined, () => undefined);
    await eventually(async () => (await themeOf('kilian1992')) === undefined && (await themeOf('limo')) === 'Reasoning', 'the library and its themes as they were', WATCHED_MS);
    // Made afresh, as the other suites expect it: updates keep the themes papers had meanwhile.
    await vscode.commands.executeCommand('literatureNotes.reloadLibrary');
  });

  it('name the papers their keywords describe, in place of the shipped definitions, and follow edits of the file', async () => {
    const api = await extensionApi();
    assert.notEqual(await themeOf('kilian1992'), 'Zero knowledge', 'not before the setting names the file');
    await settings().update('themeDefinitions', DEFINITIONS, vscode.ConfigurationTarget.Workspace);
    await eventually(async () => (await themeOf('kilian1992')) === 'Zero knowledge', 'the zero-knowledge papers under the user’s theme', WATCHED_MS);
    const themes = await api.themes();
    const own = themes.find((t) => t.theme === 'Zero knowledge')!;
    assert.ok(own.papers.length >= 5, `${own.papers.length} papers`);
    assert.ok(
      own.papers.every((p) => p.file.endsWith(path.join('own-themes', 'zkp.bib'))),
      'only the cryptography papers',
    );
    // The shipped definitions are not used: the shipped papers are themed from their own words.
    assert.ok(!themes.some((t) => t.theme === 'Reasoning'), themes.map((t) => t.theme).join(', '));

    await write(DEFINITIONS, definitions('Zero-knowledge arguments'));
    await eventually(async () => (await themeOf('kilian1992')) === 'Zero-knowledge arguments', 'the edited name', WATCHED_MS);

    await write(DEFINITIONS, '{ "themes": [ { "name": "Broken", ');
    const [problem] = await eventually(() => (problems(DEFINITIONS).length ? problems(DEFINITIONS) : undefined), 'the malformed file reported', WATCHED_MS);
    assert.ok(problem.message.length > 0);
    assert.ok((await themeOf('kilian1992')) !== undefined, 'the library still loads');
  });
});
