import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../../src/core/model/paper';
import { closeAllEditors, eventually, extensionApi, workspaceFile } from './host';

const addPaper = async (options: unknown) => vscode.commands.executeCommand<Paper | undefined>('literatureNotes.addPaper', options);
const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
const settings = () => vscode.workspace.getConfiguration('literatureNotes');

const EXISTING = 'My papers\n\nRobots That Cook\n\nWe study how robots learn to cook from videos of people cooking in their own kitchens.\n';
const ABSTRACT = 'We teach a robot arm to fold towels from a handful of videos.';
const MORE = 'It folds towels it has never seen, in a lab it has never been in.';

describe('add paper', () => {
  const seedFile = workspaceFile('added-papers.txt');
  const bibFile = workspaceFile('added-papers.bib');
  before(async () => {
    await write(seedFile, EXISTING);
    await settings().update('libraries', ['hostile-papers.txt', 'added-papers.txt'], vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await closeAllEditors();
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    for (const file of [seedFile, bibFile]) await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    const api = await extensionApi();
    await eventually(async () => !(await api.search('fold towels robot arm', 1)).some((r) => /Towels/.test(r.paper.title)), 'the added papers to be gone');
  });

  it('appends a title and abstract to a seed-format library as one undoable edit, and the library has it at once', async () => {
    const api = await extensionApi();
    const added = await addPaper({ title: ' Folding Towels\nfrom a Few Videos ', abstract: `${ABSTRACT}\n\n${MORE}`, file: 'added-papers.txt' });
    assert.ok(added);
    assert.equal(added.title, 'Folding Towels from a Few Videos');
    assert.equal(added.abstract, `${ABSTRACT} ${MORE}`, 'the abstract as one paragraph');
    assert.deepEqual(await api.paperByKey(added.key), added);
    const entry = `Folding Towels from a Few Videos\n\n${ABSTRACT} ${MORE}\n`;
    assert.equal(await read(seedFile), `${EXISTING}\n${entry}`, 'saved, one blank line after the paper before');

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, seedFile.fsPath, 'the library file is shown');
    assert.equal(editor.selection.active.line, added.line - 1, 'at the new entry');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), EXISTING, 'one undo takes the whole entry back');
    await editor.document.save();
    await eventually(async () => !(await api.paperByKey(added.key)), 'the library to drop the undone paper');
  });

  it('appends a pasted BibTeX entry with its own key to a new file, and adds that file to the libraries', async () => {
    const bibtex = '@article{towels2024,\n  title = {Folding Towels with Few Shots},\n  year = {2024},\n  abstract = {We fold towels.}\n}';
    const added = await addPaper({ bibtex: `\n${bibtex}\n`, file: bibFile });
    assert.equal(added?.key, 'towels2024');
    assert.equal(added.year, 2024);
    assert.equal(await read(bibFile), `${bibtex}\n`);
    assert.deepEqual(settings().inspect('libraries')?.workspaceValue, ['hostile-papers.txt', 'added-papers.txt', 'added-papers.bib']);
    const api = await extensionApi();
    assert.equal((await api.paperByKey('towels2024'))?.title, 'Folding Towels with Few Shots');
  });

  it('refuses an empty title or broken BibTeX and writes nothing, and rejects a caller’s wrong options', async () => {
    const before = await read(seedFile);
    assert.equal(await addPaper({ title: ' \n ', abstract: ABSTRACT, file: 'added-papers.txt' }), undefined);
    assert.equal(await addPaper({ bibtex: '@article{broken, title = {Open', file: bibFile }), undefined);
    assert.equal(await read(seedFile), before);
    await assert.rejects(addPaper({ title: 'Folding Towels', file: 'added-papers.bib' }), /a title and abstract go into a \.txt file/);
    await assert.rejects(addPaper({ title: 'Folding Towels', bibtex: '@misc{a, title={A}}' }), /either a title .* or a BibTeX entry/);
    await assert.rejects(addPaper({ title: 'Folding Towels', year: 2024 }), /unknown option year/);
    // A caller cannot write outside the workspace and the library files.
    await assert.rejects(addPaper({ title: 'Folding Towels', abstract: ABSTRACT, file: '../../outside-the-workspace.txt' }), /is neither in a workspace folder nor one of the library files/);
  });
});
