import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { PATHOLOGICAL_NOTES } from '../../unit/adversarial';
import { closeAllEditors, eventually, extensionApi, scratchNote, workspaceFile } from './host';

const settings = () => vscode.workspace.getConfiguration('literatureNotes');
const problems = (name: string) => vscode.languages.getDiagnostics(workspaceFile(name)).filter((d) => d.source === 'Literature Notes');
const hasPaper = (key: string) => async () => Boolean(await (await extensionApi()).paperByKey(key));
/** File events reach the watcher late on a busy machine. */
const WATCHED_MS = 20_000;

const FOLDER = 'hostile';
const FILES = {
  pipe: `${FOLDER}/pipe.bib`,
  zero: `${FOLDER}/zero.json`,
  deep: `${FOLDER}/deep.json`,
  good: `${FOLDER}/good.bib`,
};

describe('library files that are not what they seem', () => {
  before(async () => {
    const folder = workspaceFile(FOLDER).fsPath;
    mkdirSync(folder, { recursive: true });
    execFileSync('mkfifo', [workspaceFile(FILES.pipe).fsPath]);
    symlinkSync('/dev/zero', workspaceFile(FILES.zero).fsPath);
    writeFileSync(workspaceFile(FILES.deep).fsPath, `[\n${'['.repeat(6000)}`);
    writeFileSync(workspaceFile(FILES.good).fsPath, '@article{stillhere,\n  title = {A Paper Beside Hostile Files},\n  abstract = {It loads whatever is beside it.}\n}\n');
    await settings().update('libraries', ['hostile-papers.txt', ...Object.values(FILES)], vscode.ConfigurationTarget.Workspace);
    await eventually(hasPaper('stillhere'), 'the good file to load', WATCHED_MS);
  });
  after(async () => {
    await closeAllEditors();
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    rmSync(workspaceFile(FOLDER).fsPath, { recursive: true, force: true });
    rmSync(workspaceFile('literature-notes.themes.json').fsPath, { force: true });
    await eventually(async () => !(await hasPaper('stillhere')()), 'the library to be as it was', WATCHED_MS);
  });

  it('loads the other files and the shipped papers, and names each hostile file at its line in the Problems panel', async () => {
    const api = await extensionApi();
    assert.ok((await api.themes()).flatMap((t) => t.papers).length > 1, 'the shipped papers are kept');
    assert.equal((await api.paperByKey('stillhere'))?.title, 'A Paper Beside Hostile Files');
    const found = await eventually(
      () => {
        const each = Object.fromEntries(Object.entries(FILES).map(([name, file]) => [name, problems(file)]));
        return each.pipe.length && each.zero.length && each.deep.length ? each : undefined;
      },
      'a problem on each hostile file',
      WATCHED_MS,
    );
    assert.match(found.pipe[0].message, /a named pipe, not a regular file/);
    assert.match(found.zero[0].message, /a device, not a regular file/);
    assert.match(found.deep[0].message, /nested more than 256 levels deep/);
    assert.equal(found.deep[0].range.start.line, 1, 'at the line where it goes too deep');
    assert.deepEqual(problems(FILES.good), []);
  });

  it('reports a theme overrides file that leads to /dev/zero, rather than reading it forever, and keeps every paper', async () => {
    const overrides = workspaceFile('literature-notes.themes.json');
    symlinkSync('/dev/zero', overrides.fsPath);
    const library = await (await extensionApi()).themes();
    await vscode.commands.executeCommand('literatureNotes.reloadLibrary');
    const problem = await eventually(() => problems('literature-notes.themes.json')[0], 'a problem on the overrides file', WATCHED_MS);
    assert.match(problem.message, /the theme overrides file was not read: it is a device, not a regular file/);
    assert.equal((await (await extensionApi()).themes()).flatMap((t) => t.papers).length, library.flatMap((t) => t.papers).length);
  });
});

describe('notes that once hung hovers, completion and diagnostics', () => {
  after(closeAllEditors);

  // Those of a size an editor opens quickly; the unit tests and `npm run bench:notes` read them all.
  for (const name of ['one line of 80,000 [', '30 kB of *a_', 'lists nested 500 deep', '10,000 nested > quotes']) {
    it(`answers a hover and completion on ${name}, and lists its unknown keys`, async () => {
      const note = `${PATHOLOGICAL_NOTES[name]}\n\nSee [@no-such-paper-here] and [@limo].\n`;
      const editor = await scratchNote(note);
      const api = await extensionApi();
      const at = editor.document.positionAt(note.lastIndexOf('limo') + 1);
      const hover = await api.provideHover(editor.document.uri, at);
      assert.ok(hover, 'a hover on @limo');
      const end = editor.document.positionAt(note.lastIndexOf('limo') + 2);
      assert.ok((await api.provideCompletion(editor.document.uri, end))?.items.length, 'completion of @li…');
      const unknown = await eventually(
        () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.message.includes('no-such-paper-here')),
        'the unknown key to be listed',
        WATCHED_MS,
      );
      assert.equal(unknown.range.start.line, editor.document.positionAt(note.indexOf('no-such-paper-here')).line);
    });
  }
});
