import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readLibrary } from '../../../src/core/formats/libraryContent';
import { readLibrarySources, seedLibraryFiles } from '../../../src/node/libraryFiles';
import { generatePapers, seedFormat } from '../../bench/generateLibrary';
import { closeAllEditors, eventually, extensionApi, plainHoverText, scratchNote, seedsFolder, workspaceFile } from './host';
import { CROSSREF_BIBTEX } from '../../unit/bibliographyFixtures';

const settings = () => vscode.workspace.getConfiguration('literatureNotes');
const write = (name: string, text: string) => vscode.workspace.fs.writeFile(workspaceFile(name), new TextEncoder().encode(text));
const remove = (name: string) => vscode.workspace.fs.delete(workspaceFile(name), { recursive: true }).then(undefined, () => undefined);

const LIBRARY = 'user-library.bib';
const LIBRARIES = ['hostile-papers.txt', LIBRARY, 'refs/*.bib'];
const ENTRY = `@article{itskey,
  author   = {M{\\"u}ller, Anna and Lee, Bo},
  title    = {Sparse Attention for Very Long Literature Reviews},
  journal  = {Journal of Reading Machines},
  year     = {2020},
  doi      = {10.1000/itskey},
  abstract = {We read long literature reviews with sparse attention and report what it misses.}
}
`;
const ADDED = `
@misc{addedlater,
  title = {An Entry Added While the Window Was Open},
  year  = {2024}
}
`;
const MALFORMED = `
@article{broken,
  title = {An Entry {With a Brace Left Open,
  year  = {2021}
}
`;

/** The library's problems on a file, as the Problems panel lists them. */
const problems = (name: string) => vscode.languages.getDiagnostics(workspaceFile(name)).filter((d) => d.source === 'Literature Notes');
const sidebarKeys = async () => (await (await extensionApi()).sidebar()).flatMap((t) => t.papers.map((p) => String(p.description)));
/** File events reach the watcher late on a busy machine: a change is waited for longer than the default. */
const WATCHED_MS = 15_000;
const hasPaper = (key: string) => async () => Boolean(await (await extensionApi()).paperByKey(key));
const lacksPaper = (key: string) => async () => !(await (await extensionApi()).paperByKey(key));

async function hoverOn(editor: vscode.TextEditor, needle: string): Promise<string> {
  const at = editor.document.positionAt(editor.document.getText().indexOf(needle));
  return plainHoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
}

describe("the user's own library files", () => {
  before(async () => {
    await write(LIBRARY, ENTRY);
    await settings().update('libraries', LIBRARIES, vscode.ConfigurationTarget.Workspace);
    await eventually(hasPaper('itskey'), 'the BibTeX file to load', WATCHED_MS);
  });
  after(async () => {
    await closeAllEditors();
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    await remove(LIBRARY);
    await remove('refs');
    await eventually(lacksPaper('itskey'), 'the library to be as it was', WATCHED_MS);
  });

  it('loads a BibTeX file with its own keys, and shows authors, year, venue and DOI in hovers and the sidebar', async () => {
    const api = await extensionApi();
    const paper = await api.paperByKey('itskey');
    assert.equal(paper?.title, 'Sparse Attention for Very Long Literature Reviews');
    assert.equal(paper?.file, workspaceFile(LIBRARY).fsPath);
    assert.deepEqual([paper?.authors, paper?.year], [['Müller, Anna', 'Lee, Bo'], 2020]);

    const editor = await scratchNote('As [@itskey] shows.\n');
    const hover = await hoverOn(editor, 'itskey');
    assert.match(hover, /Müller, Anna; Lee, Bo · 2020 · Journal of Reading Machines/);
    assert.match(hover, /\[DOI 10\.1000\/itskey\]\(https:\/\/doi\.org\/10\.1000\/itskey\)/);

    const item = (await api.sidebar()).flatMap((t) => t.papers).find((p) => p.description === 'itskey');
    assert.match((item?.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1'), /Müller, Anna; Lee, Bo · 2020/);
  });

  it('reads an entry with starred commands, inherits year and venue from its crossref, and shows volume, pages, editors and publisher', async () => {
    await write('refs/crossref.bib', CROSSREF_BIBTEX);
    await eventually(hasPaper('damgard:child'), 'the crossref file to load', WATCHED_MS);
    const paper = await (await extensionApi()).paperByKey('damgard:child');
    assert.equal(paper?.title, 'A Design Principle for “Hash” Functions, TeX and Math \\_x', 'decoded as pandoc reads it, the starred command read, the entry kept');
    assert.deepEqual([paper?.authors, paper?.year, paper?.venue], [['Damgård, Ivan'], 1989, 'Proceedings of Things'], 'year and venue from the crossref');
    const editor = await scratchNote('As [@damgard:child] shows.\n');
    const hover = await hoverOn(editor, 'damgard:child');
    assert.match(hover, /Damgård, Ivan · 1989 · Proceedings of Things 435: 416–427/);
    assert.match(hover, /Ed\. by Brassard, Gilles · Springer, New York/);
    await remove('refs/crossref.bib');
    await eventually(lacksPaper('damgard:child'), 'the crossref file to be gone', WATCHED_MS);
  });

  it('follows edits on disk: a new entry appears in the sidebar, a malformed one is a problem at its line', async () => {
    await write(LIBRARY, ENTRY + ADDED + MALFORMED);
    await eventually(async () => (await sidebarKeys()).includes('addedlater'), 'the added entry in the sidebar', WATCHED_MS);
    const brokenLine = (ENTRY + ADDED + MALFORMED).split('\n').indexOf('@article{broken,');
    const [problem] = await eventually(() => (problems(LIBRARY).length ? problems(LIBRARY) : undefined), 'a problem on the library file', WATCHED_MS);
    assert.equal(problem.range.start.line, brokenLine);
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problem.message, /malformed entry "broken"/);
    assert.ok(await hasPaper('itskey')(), 'the other entries still load');
    // Only the added entry was keyed, themed and indexed: the file's other entry is matched by content.
    const api = await extensionApi();
    assert.deepEqual(await api.indexState(), { restored: false, inIndexThread: true, updated: { added: 1, removed: 0 } });
    assert.equal((await api.search('An Entry Added While the Window', 1))[0]?.paper.key, 'addedlater');

    await write(LIBRARY, ENTRY);
    await eventually(lacksPaper('addedlater'), 'the entry to go with the edit', WATCHED_MS);
    await eventually(() => problems(LIBRARY).length === 0, 'the problem to clear once fixed', WATCHED_MS);
  });

  it('drops the papers of a deleted file, says the file is missing, and loads it again when it is back', async () => {
    await remove(LIBRARY);
    await eventually(lacksPaper('itskey'), 'the papers of the deleted file to go', WATCHED_MS);
    const [missing] = await eventually(() => (problems(LIBRARY).length ? problems(LIBRARY) : undefined), 'the missing file in Problems', WATCHED_MS);
    assert.match(missing.message, /cannot read the file: no such file/);
    assert.ok(await hasPaper('limo')(), 'nothing else is lost');

    await write(LIBRARY, ENTRY);
    await eventually(hasPaper('itskey'), 'the file to load again', WATCHED_MS);
    await eventually(() => problems(LIBRARY).length === 0, 'the problem to clear', WATCHED_MS);
  });

  it('picks up a file created later that a glob matches, and drops it when deleted', async () => {
    await write('refs/later.bib', '@book{laterbook,\n  title = {A Book Written After the Settings},\n  author = {Roe, Rita}\n}\n');
    await eventually(hasPaper('laterbook'), 'the new file the glob matches', WATCHED_MS);
    await write('refs/notes.md', '# Not a library file, though the folder is watched\n');
    await remove('refs/later.bib');
    await eventually(lacksPaper('laterbook'), 'the deleted file to go', WATCHED_MS);
  });

  it('picks up the files of a folder moved in whole, which the file watcher does not report', async () => {
    await remove('refs');
    await eventually(async () => !(await vscode.workspace.findFiles('refs/**')).length, 'the folder to go');
    // Made beside the workspace's glob and moved in with one rename, as unpacking an archive would.
    const packed = workspaceFile('.unpacking/refs').fsPath;
    mkdirSync(packed, { recursive: true });
    writeFileSync(path.join(packed, 'moved.bib'), '@book{movedbook,\n  title = {A Book Whose Folder Was Moved In}\n}\n');
    renameSync(packed, workspaceFile('refs').fsPath);
    await eventually(hasPaper('movedbook'), 'the file in the moved folder', WATCHED_MS);
    await remove('.unpacking');
  });

  it('reports a key two files share, and shows both papers', async () => {
    await write('refs/shared.bib', '@article{itskey,\n  title = {Another Paper That Calls Itself Itskey},\n  year = {2021}\n}\n');
    await eventually(async () => (await sidebarKeys()).filter((key) => key === 'itskey').length === 2, 'both papers in the sidebar', WATCHED_MS);
    const [shared] = await eventually(() => (problems('refs/shared.bib').length ? problems('refs/shared.bib') : undefined), 'the shared key in Problems', WATCHED_MS);
    assert.equal(shared.range.start.line, 0);
    assert.equal(shared.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(shared.message, /the key "itskey" is also that of .*user-library\.bib:1/);

    const editor = await scratchNote('See [@itskey].\n');
    assert.match(await hoverOn(editor, 'itskey'), /2 papers share this key: user-library\.bib:1, refs\/shared\.bib:1/);
    await remove('refs/shared.bib');
    await eventually(async () => (await sidebarKeys()).filter((key) => key === 'itskey').length === 1, 'one paper with the key again', WATCHED_MS);
  });

  it('loads once for a file written just before the setting names it, though its watcher then reports it', async () => {
    const api = await extensionApi();
    // Beside a library file already watched, whose folder's watcher hears of the new file too.
    const fresh = workspaceFile('fresh.bib').fsPath;
    try {
      await api.indexState();
      const before = api.loads();
      writeFileSync(fresh, '@article{freshkey,\n  title = {Written Just Before the Setting Named It}\n}\n');
      await settings().update('libraries', [...LIBRARIES, 'fresh.bib'], vscode.ConfigurationTarget.Workspace);
      await eventually(hasPaper('freshkey'), 'the new file', WATCHED_MS);
      // Long enough for a late event to settle (200 ms) and a needless load to run.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await api.indexState();
      assert.equal(api.loads() - before, 1);
      // A real change still reloads.
      writeFileSync(fresh, '@article{freshkey2,\n  title = {Written Again}\n}\n');
      await eventually(hasPaper('freshkey2'), 'the edit', WATCHED_MS);
      assert.equal(api.loads() - before, 2);
    } finally {
      await settings().update('libraries', LIBRARIES, vscode.ConfigurationTarget.Workspace);
      await remove('fresh.bib');
    }
    await eventually(lacksPaper('freshkey2'), 'the file to go with the setting', WATCHED_MS);
  });

  it('reads an edit of a large seed-format file in part, from what its file thread kept, as a whole read would', async () => {
    const api = await extensionApi();
    const file = workspaceFile('large-library.txt').fsPath;
    const { entries: seeds } = await readLibrary((await readLibrarySources(seedLibraryFiles(seedsFolder()))).sources);
    // Past a megabyte: smaller files are parsed whole at every change.
    const bytes = Buffer.from(seedFormat(generatePapers(seeds, 1500)));
    writeFileSync(file, bytes);
    const readAs = () => [...api.fileReads()].find(([read]) => read.endsWith('large-library.txt'))?.[1];
    const titles = async () => new Set((await api.themes()).flatMap((t) => t.papers.filter((p) => p.file.endsWith('large-library.txt')).map((p) => `${p.line} ${p.title}`)));
    // What reading the file whole gives, by line and title.
    const wholeRead = async () => new Set((await readLibrary([{ file, bytes: readFileSync(file) }])).entries.map((e) => `${e.line} ${e.title}`));
    try {
      await settings().update('libraries', [...LIBRARIES, 'large-library.txt'], vscode.ConfigurationTarget.Workspace);
      await eventually(async () => (await titles()).size === 1500, 'the large file', WATCHED_MS);
      await api.indexState();
      assert.equal(readAs(), 'whole');
      // Another program appends a paper, then renames one in the middle.
      appendFileSync(file, 'Pairing Socks by Colour with a Mobile Manipulator\n\nA mobile manipulator pairs socks from a laundry basket by their colour.\n');
      await eventually(async () => [...(await titles())].some((t) => t.endsWith(' Pairing Socks by Colour with a Mobile Manipulator')), 'the paper appended', WATCHED_MS);
      assert.equal(readAs(), 'edit');
      const text = readFileSync(file, 'utf8');
      const middle = text.indexOf('\n\n', text.length >> 1) + 2;
      writeFileSync(file, `${text.slice(0, middle)}Folding Towels Before the Socks\n\nWe fold towels first, and the socks wait.\n\n${text.slice(middle)}`);
      await eventually(async () => [...(await titles())].some((t) => t.endsWith(' Folding Towels Before the Socks')), 'the paper inserted', WATCHED_MS);
      assert.equal(readAs(), 'edit');
      assert.deepEqual(await titles(), await wholeRead());
    } finally {
      await settings().update('libraries', LIBRARIES, vscode.ConfigurationTarget.Workspace);
      rmSync(file, { force: true });
    }
  });

  it('watches an absolute file and an absolute glob outside the workspace, written by another program', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'literature-notes-library-'));
    // Node's fs rather than VS Code's: as a reference manager exporting its library would.
    const writeOutside = (name: string, text: string) => writeFileSync(path.join(folder, name), text);
    writeOutside('zotero.bib', '@article{zoterokey,\n  title = {Exported From a Reference Manager}\n}\n');
    try {
      await settings().update('libraries', [...LIBRARIES, path.join(folder, 'zotero.bib'), path.join(folder, '*.json')], vscode.ConfigurationTarget.Workspace);
      await eventually(hasPaper('zoterokey'), 'the absolute file', WATCHED_MS);
      writeOutside('zotero.bib', '@article{zoterokey2,\n  title = {Exported Again With Another Key}\n}\n');
      await eventually(hasPaper('zoterokey2'), 'the edit outside the workspace', WATCHED_MS);
      writeOutside('later.json', '[{ "id": "cslkey", "type": "article-journal", "title": "A CSL-JSON Item Written Later" }]');
      await eventually(hasPaper('cslkey'), 'the new file the absolute glob matches', WATCHED_MS);
    } finally {
      await settings().update('libraries', LIBRARIES, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(lacksPaper('cslkey'), 'the files outside to go with the setting', WATCHED_MS);
  });
});
