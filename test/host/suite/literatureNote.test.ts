import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, EXTENSION_ID, extensionApi, plainHoverText, scratchNote, workspaceFile } from './host';

const settings = () => vscode.workspace.getConfiguration('literatureNotes');
const fixture = (name: string) => readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'attachments', name), 'utf8');
const onDisk = (name: string) => readFileSync(workspaceFile(name).fsPath, 'utf8');
/** Writes a workspace file straight to disk, as another program would, making its folders. */
function writeOnDisk(name: string, text: string): void {
  mkdirSync(path.dirname(workspaceFile(name).fsPath), { recursive: true });
  writeFileSync(workspaceFile(name).fsPath, text);
}
const remove = (name: string) => vscode.workspace.fs.delete(workspaceFile(name), { recursive: true }).then(undefined, () => undefined);
const WATCHED_MS = 15_000;

const NOTES = 'lit-notes';
const OWN_LIBRARY = 'refs-i22/mine.bib';
const ownEntry = (title: string, year: number) => `@article{mine2024,
  title = {${title}},
  author = {Okafor, Ngozi and Berg, Lars},
  journal = {Journal of Note Taking},
  year = {${year}},
  abstract = {We take notes on papers and keep them.},
  file = {:evil.sh:application/x-sh;Full Text:docs/mine.pdf:application/pdf}
}
`;
const LIBRARIES = ['hostile-papers.txt', OWN_LIBRARY, 'refs-i22/better-bibtex.bib', 'refs-i22/jabref.bib'];
const hasPaper = (key: string) => async () => Boolean(await (await extensionApi()).paperByKey(key));
const sidebarItem = async (key: string) => (await (await extensionApi()).sidebar()).flatMap((t) => t.papers).find((p) => String(p.description).split(' ')[0] === key);
const newNote = (key: string) => vscode.commands.executeCommand<vscode.Uri | undefined>('literatureNotes.newLiteratureNote', key);
/** What Update Metadata changed, and which parts were edited by hand. */
type Update = { edits: unknown[]; handEdited: string[] } | undefined;

describe('literature notes and papers’ files', () => {
  before(async () => {
    writeOnDisk(OWN_LIBRARY, ownEntry('Notes That Keep', 2024));
    writeOnDisk('refs-i22/better-bibtex.bib', fixture('better-bibtex.bib'));
    writeOnDisk('refs-i22/jabref.bib', fixture('jabref.bib'));
    await settings().update('notes.folder', NOTES, vscode.ConfigurationTarget.Workspace);
    await settings().update('libraries', LIBRARIES, vscode.ConfigurationTarget.Workspace);
    await eventually(hasPaper('mine2024'), 'the BibTeX files to load', WATCHED_MS);
    await eventually(hasPaper('Li2020'), 'the JabRef file to load', WATCHED_MS);
  });
  after(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('literatureNotes.filterByLiteratureNotes', 'all');
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    await settings().update('notes.folder', undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update('pdfFolders', undefined, vscode.ConfigurationTarget.Workspace);
    await remove('refs-i22');
    await remove(NOTES);
    await remove('pdfs-i22');
  });

  it('creates a note from the built-in template, saved and open, and reopens it without writing to it', async () => {
    const uri = await newNote('mine2024');
    assert.equal(uri?.fsPath, workspaceFile(`${NOTES}/mine2024.md`).fsPath);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, uri?.fsPath);
    assert.equal(editor?.document.isDirty, false, editor?.document.getText().slice(0, 100));
    const text = onDisk(`${NOTES}/mine2024.md`);
    assert.match(text, /^---\ntitle: "Notes That Keep"\nkey: "mine2024"\nauthors: \["Okafor, Ngozi","Berg, Lars"\]\nyear: 2024\nvenue: "Journal of Note Taking"\n/);
    assert.match(text, /\n\[@mine2024\]\n\n> We take notes on papers and keep them\.\n<!-- literature-notes:end -->\n/);

    // The user writes; asked again, the command opens the note as it is.
    await editor!.edit((edit) => edit.insert(editor!.document.positionAt(editor!.document.getText().length), 'My own thoughts, [@limo].\n'));
    await editor!.document.save();
    const written = onDisk(`${NOTES}/mine2024.md`);
    await closeAllEditors();
    assert.equal((await newNote('mine2024'))?.fsPath, uri?.fsPath);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri?.fsPath);
    assert.equal(onDisk(`${NOTES}/mine2024.md`), written);
  });

  it('makes a file name of a key a file name cannot hold, and the creation is undoable', async () => {
    const uri = await newNote('Anonymous:2010p7822');
    assert.equal(path.basename(uri!.fsPath), 'Anonymous_2010p7822.md');
    assert.match(onDisk(`${NOTES}/Anonymous_2010p7822.md`), /^key: "Anonymous:2010p7822"$/m);
    const made = onDisk(`${NOTES}/Anonymous_2010p7822.md`);
    await vscode.commands.executeCommand('undo');
    await eventually(() => !existsSync(uri!.fsPath), 'the note removed by undo');
    assert.equal((await newNote('Anonymous:2010p7822'))?.fsPath, uri?.fsPath);
    assert.equal(onDisk(`${NOTES}/Anonymous_2010p7822.md`), made);
  });

  it("makes a note from the user's template, and from the built-in one when the template cannot be read", async () => {
    writeOnDisk('templates-i22/paper.md', '# ${title}\n\nBy ${authors}, ${year}, in ${venue}. Made ${date}.\n\n## Related\n\n- ${related}\n\nCite as ${citation}; ${unknown} stays.\n');
    await settings().update('notes.template', 'templates-i22/paper.md', vscode.ConfigurationTarget.Workspace);
    try {
      const api = await extensionApi();
      const related = await api.related('limo', 5);
      await newNote('limo');
      const text = onDisk(`${NOTES}/limo.md`);
      const today = new Date();
      const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      assert.ok(text.startsWith(`# LIMO: Less is More for Reasoning\n\nBy , , in . Made ${date}.\n\n## Related\n\n`), text);
      assert.ok(text.includes(related.map((r) => `- ${r.paper.title} [@${r.paper.key}]`).join('\n')), text);
      assert.ok(text.endsWith('\n\nCite as [@limo]; ${unknown} stays.\n'), text);

      await settings().update('notes.template', 'templates-i22/missing.md', vscode.ConfigurationTarget.Workspace);
      await newNote('orca');
      assert.match(onDisk(`${NOTES}/orca.md`), /^---\ntitle: "Orca/);
    } finally {
      await settings().update('notes.template', undefined, vscode.ConfigurationTarget.Workspace);
      await remove('templates-i22');
    }
  });

  it('marks papers with a note in the sidebar, and lists only those with or without one', async () => {
    const item = await eventually(async () => {
      const found = await sidebarItem('mine2024');
      return found && String(found.description).includes('noted') ? found : undefined;
    }, 'the paper marked as noted', WATCHED_MS);
    assert.match(String(item.contextValue), /^paper\b.*\bnoted\b/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'notebook');
    assert.match(String(item.accessibilityInformation?.label), /has a literature note/);
    assert.equal(String((await sidebarItem('b-star'))?.description), 'b-star');

    try {
      await vscode.commands.executeCommand('literatureNotes.filterByLiteratureNotes', 'with');
      const noted = (await (await extensionApi()).sidebar()).flatMap((t) => t.papers.map((p) => String(p.description).split(' ')[0])).sort();
      assert.deepEqual(noted, ['Anonymous:2010p7822', 'limo', 'mine2024', 'orca']);
      await vscode.commands.executeCommand('literatureNotes.filterByLiteratureNotes', 'without');
      const without = (await (await extensionApi()).sidebar()).flatMap((t) => t.papers.map((p) => String(p.description)));
      assert.ok(without.includes('b-star') && !without.some((d) => d.startsWith('mine2024')));
    } finally {
      await vscode.commands.executeCommand('literatureNotes.filterByLiteratureNotes', 'all');
    }
    // A note deleted outside the editor unmarks its paper.
    await remove(`${NOTES}/orca.md`);
    await eventually(async () => String((await sidebarItem('orca'))?.description) === 'orca', 'the deleted note unmarked', WATCHED_MS);
  });

  it('updates the metadata from the library, keeping what the user wrote byte for byte', async () => {
    const name = `${NOTES}/mine2024.md`;
    const before = onDisk(name);
    const userPart = before.slice(before.indexOf('<!-- literature-notes:end -->'));
    writeOnDisk(OWN_LIBRARY, ownEntry('Notes That Keep, Revised', 2025));
    await eventually(async () => (await (await extensionApi()).paperByKey('mine2024'))?.year === 2025, 'the edited entry to load', WATCHED_MS);

    const editor = await vscode.window.showTextDocument(workspaceFile(name));
    const update = await vscode.commands.executeCommand<Update>('literatureNotes.updateNoteMetadata', workspaceFile(name));
    assert.deepEqual(update?.handEdited, []);
    const after = onDisk(name);
    assert.match(after, /^title: "Notes That Keep, Revised"$/m);
    assert.match(after, /^year: 2025$/m);
    assert.match(after, /^# Notes That Keep, Revised$/m);
    assert.equal(after.slice(after.indexOf('<!-- literature-notes:end -->')), userPart);
    assert.ok(userPart.includes('My own thoughts, [@limo].\n'));
    // One undoable step: undo brings back the note as it was.
    await vscode.commands.executeCommand('undo');
    await eventually(() => editor.document.getText() === before, 'the update undone');
    await vscode.commands.executeCommand('redo');
    await eventually(() => editor.document.getText() === after, 'the update redone');
    await editor.document.save();
  });

  it('leaves a front matter the user edited alone unless told to overwrite it', async () => {
    const name = `${NOTES}/mine2024.md`;
    writeOnDisk(name, onDisk(name).replace(/^tags: (.*)$/m, 'tags: ["to-read"]'));
    const document = await vscode.workspace.openTextDocument(workspaceFile(name));
    await eventually(() => document.getText().includes('to-read'), 'the hand edit seen by the editor', WATCHED_MS);
    writeOnDisk(OWN_LIBRARY, ownEntry('Notes That Keep, Third Edition', 2026));
    await eventually(async () => (await (await extensionApi()).paperByKey('mine2024'))?.year === 2026, 'the edited entry to load', WATCHED_MS);

    const kept = await vscode.commands.executeCommand<Update>('literatureNotes.updateNoteMetadata', workspaceFile(name), { overwriteHandEdited: false });
    assert.deepEqual(kept?.handEdited, ['front matter']);
    let text = onDisk(name);
    assert.match(text, /^tags: \["to-read"\]$/m);
    assert.match(text, /^year: 2025$/m);
    assert.match(text, /^# Notes That Keep, Third Edition$/m, 'the region is still updated');

    await vscode.commands.executeCommand('literatureNotes.updateNoteMetadata', workspaceFile(name), { overwriteHandEdited: true });
    text = onDisk(name);
    assert.match(text, /^year: 2026$/m);
    assert.doesNotMatch(text, /to-read/);
    assert.ok(text.includes('My own thoughts, [@limo].\n'));
  });

  it('offers the note beside the library entry on go to definition, and links it in hovers', async () => {
    await newNote('mine2024');
    const editor = await scratchNote('See [@mine2024].\n');
    const at = new vscode.Position(0, 7);
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, at);
    const uris = targets.map((t) => ('targetUri' in t ? t.targetUri : t.uri).fsPath);
    assert.ok(uris.includes(workspaceFile(OWN_LIBRARY).fsPath), uris.join(', '));
    assert.ok(uris.includes(workspaceFile(`${NOTES}/mine2024.md`).fsPath), uris.join(', '));
    const hover = (await (await extensionApi()).provideHover(editor.document.uri, at))!;
    const markdown = hover.contents[0] as vscode.MarkdownString;
    assert.match(markdown.value, /\[Literature Note\]\(command:literatureNotes\.newLiteratureNote\?/);
    assert.deepEqual((markdown.isTrusted as { enabledCommands: string[] }).enabledCommands.sort(), ['literatureNotes.newLiteratureNote', 'literatureNotes.openPaper', 'literatureNotes.openPdf', 'literatureNotes.showRelated']);
    assert.doesNotMatch(plainHoverText([hover]), /Open PDF/, 'no file, no Open PDF');
  });

  it('finds every file a Better BibTeX export names: relative, ~ and Windows forms, escaped colons and semicolons', async () => {
    const api = await extensionApi();
    writeOnDisk("refs-i22/files/Anonymous:2010p7822/MobileHCI '10 2010 Pielot.pdf", '%PDF-1.4\n');
    const pielot = await api.paperFiles('Anonymous:2010p7822');
    assert.deepEqual(pielot.found, [workspaceFile("refs-i22/files/Anonymous:2010p7822/MobileHCI '10 2010 Pielot.pdf").fsPath]);
    assert.ok(pielot.tried.includes(path.join(homedir(), "BBTTEST/MobileHCI '10 2010 Pielot.pdf")), pielot.tried.join('\n'));
    assert.deepEqual((await api.paperFiles('Beck:2017')).tried, [path.join(homedir(), 'BBTTEST/Beck and Stolterman - 2017 - Reviewing the Big Questions Literature; Or, Shoul.pdf')]);
    assert.deepEqual((await api.paperFiles('wainwright-2007-GraphicalModelsExponential')).tried, [path.join(homedir(), 'BBTTEST/storage/Baltes_Staudinger_2000_Wisdom.pdf')]);
    const branzel = await api.paperFiles('Branzel:2013bw');
    assert.equal(branzel.tried.filter((p) => p.startsWith(workspaceFile('refs-i22/files/Branzel:2013bw').fsPath)).length, 16);

    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>('literatureNotes.openPdf', 'Anonymous:2010p7822');
    assert.equal(opened?.fsPath, pielot.found[0]);
    await eventually(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined;
      return input?.uri?.fsPath === opened?.fsPath;
    }, 'the PDF open in a tab');
  });

  it('finds the files of a JabRef file, skips web addresses and never offers a program', async () => {
    const api = await extensionApi();
    const aziz = (await api.themes()).flatMap((t) => t.papers).find((p) => p.key.startsWith('Aziz2009'))!.key;
    const draft = `refs-i22/JabRef/${aziz}_draft.pdf`;
    writeOnDisk(draft, '%PDF-1.4\n');
    assert.deepEqual((await api.paperFiles(aziz)).found, [workspaceFile(draft).fsPath]);
    assert.deepEqual(await api.paperFiles('Li2020'), { found: [], tried: [] });

    writeOnDisk('refs-i22/evil.sh', '#!/bin/sh\necho never\n');
    mkdirSync(workspaceFile('refs-i22/docs/mine.pdf').fsPath, { recursive: true });
    const mine = await api.paperFiles('mine2024');
    assert.deepEqual(mine.found, [], 'a script is never a candidate, a folder named .pdf is not a file');
    assert.ok(!mine.tried.some((p) => p.endsWith('evil.sh')));
    assert.equal(await vscode.commands.executeCommand('literatureNotes.openPdf', 'mine2024'), undefined);
  });

  it('finds a paper’s file by its key in the PDF folders, and marks the paper in the sidebar', async () => {
    writeOnDisk('pdfs-i22/limo.pdf', '%PDF-1.4\n');
    await settings().update('pdfFolders', ['pdfs-i22'], vscode.ConfigurationTarget.Workspace);
    const api = await extensionApi();
    assert.deepEqual((await api.paperFiles('limo')).found, [workspaceFile('pdfs-i22/limo.pdf').fsPath]);
    const item = await eventually(async () => {
      const found = await sidebarItem('limo');
      return found && /\bpdf\b/.test(String(found.contextValue)) ? found : undefined;
    }, `the paper marked as having a file: ${String((await sidebarItem('limo'))?.contextValue)}`, WATCHED_MS);
    assert.match(String(item.accessibilityInformation?.label), /has a PDF/);
  });
});
