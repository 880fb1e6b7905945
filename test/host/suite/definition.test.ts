import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, scratchNote, workspaceFile } from './host';

type Definition = vscode.Location | vscode.LocationLink;
const targetOf = (d: Definition) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetRange } : d);

/** The position `offset` characters into the first `needle` of a document. */
function positionOf(document: vscode.TextDocument, needle: string, offset: number): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${document.uri.path}`);
  return document.positionAt(at + offset);
}

/** The definitions this extension gives, in its library files (the built-in Markdown support adds its own for links). */
async function paperDefinitions(document: vscode.TextDocument, position: vscode.Position) {
  const found = await vscode.commands.executeCommand<Definition[]>('vscode.executeDefinitionProvider', document.uri, position);
  return found.map(targetOf).filter((d) => d.uri.path.endsWith('.txt'));
}

/**
 * The references this extension finds, each as `file:line: text`, sorted. The built-in Markdown
 * support adds its own, reading `[@key]` as a shortcut reference link: those hold the `@`,
 * a citation's range (the key, a title, a link's text) never does.
 */
async function citationReferences(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position);
  const lines = await Promise.all(
    references.map(async ({ uri, range }) => {
      const text = (await vscode.workspace.openTextDocument(uri)).getText(range).trim();
      return `${path.basename(uri.fsPath)}:${range.start.line + 1}: ${text}`;
    }),
  );
  return lines.filter((line) => !line.includes('@')).sort();
}

describe('go to definition and find references', () => {
  let notes: vscode.TextDocument;
  before(async () => {
    await extensionApi();
    notes = await vscode.workspace.openTextDocument(workspaceFile('notes.md'));
  });
  afterEach(closeAllEditors);

  const cases: [string, string, number, string][] = [
    ['a key', '[@limo]', 2, 'limo'],
    ['the @ of a key', '@orca, pp.', 0, 'orca'],
    ['a title written in the prose', 'Competitive Robot Table', 3, 'achieving-human-level'],
    ['a link whose text is a title', '[LIMO: Less', 3, 'limo'],
  ];
  for (const [form, needle, offset, key] of cases) {
    it(`goes from ${form} to the paper's title line in its library file`, async () => {
      const paper = (await (await extensionApi()).paperByKey(key))!;
      const definitions = await paperDefinitions(notes, positionOf(notes, needle, offset));
      assert.equal(definitions.length, 1, JSON.stringify(definitions));
      const [{ uri, range }] = definitions;
      assert.equal(uri.fsPath, paper.file);
      assert.match(path.basename(uri.fsPath), /^000_\w+\.txt$/, 'the shipped seeds file');
      assert.equal(range.start.line, paper.line - 1);
      assert.equal((await vscode.workspace.openTextDocument(uri)).lineAt(range.start.line).text, paper.title);
    });
  }

  it('goes to a paper of a configured library file, and nowhere from an unknown key', async () => {
    const [hit] = await (await extensionApi()).search('hostile harmful');
    const note = await scratchNote(`See [@${hit.paper.key}] and [@no-such-paper].`);
    const [definition] = await paperDefinitions(note.document, new vscode.Position(0, 7));
    assert.equal(definition.uri.fsPath, workspaceFile('hostile-papers.txt').fsPath);
    assert.equal(definition.range.start.line, hit.paper.line - 1);
    assert.deepEqual(await paperDefinitions(note.document, positionOf(note.document, 'no-such', 1)), []);
  });

  it('finds every citation of a paper in every note of the workspace, in any form, with its entry', async () => {
    const limo = (await (await extensionApi()).paperByKey('limo'))!;
    assert.deepEqual(await citationReferences(notes, positionOf(notes, '[@limo]', 2)), [
      `${path.basename(limo.file)}:${limo.line}: ${limo.title}`,
      'more-notes.md:3: limo',
      'more-notes.md:5: the LIMO paper',
      'notes.md:15: LIMO: Less is More for Reasoning',
      'notes.md:7: limo',
      'notes.md:8: limo',
    ]);
  });

  it('reads open notes as edited, not as saved, and finds an unknown key wherever it is cited', async () => {
    const more = await vscode.window.showTextDocument(workspaceFile('more-notes.md'));
    await more.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Unsaved: @orca and [@no-such-paper].\n\n'));
    const orca = await citationReferences(notes, positionOf(notes, '@orca', 1));
    assert.deepEqual(orca.filter((r) => r.includes('notes.md')), ['more-notes.md:1: orca', 'more-notes.md:5: orca', 'notes.md:8: orca']);
    const unknown = await citationReferences(notes, positionOf(notes, 'no-such-paper', 0));
    assert.deepEqual(unknown, ['more-notes.md:1: no-such-paper', 'notes.md:12: no-such-paper']);
  });
});
