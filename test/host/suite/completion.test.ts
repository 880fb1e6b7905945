import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, extensionApi, scratchNote } from './host';

/** A note with `|` as the cursor, in an editor with the cursor there. */
async function noteWithCursor(marked: string): Promise<vscode.TextEditor> {
  const editor = await scratchNote(marked.replace('|', ''));
  const cursor = editor.document.positionAt(marked.indexOf('|'));
  editor.selection = new vscode.Selection(cursor, cursor);
  return editor;
}

/** The citation key items offered at the cursor, in the order the list shows them. */
async function keyItems(marked: string, resolve = 0, trigger = '@'): Promise<vscode.CompletionItem[]> {
  const editor = await noteWithCursor(marked);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active, trigger, resolve);
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
}

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const keysAt = async (marked: string) => (await keyItems(marked)).map(label);

describe('citation completion', () => {
  before(extensionApi);
  afterEach(closeAllEditors);

  it('offers keys with their title and theme, and the abstract beside them', async () => {
    const [limo] = (await keyItems('As [@lim|', 50)).filter((i) => label(i) === 'limo');
    const paper = (await (await extensionApi()).paperByKey('limo'))!;
    assert.deepEqual(limo.label, { label: 'limo', detail: ` ${paper.title}`, description: paper.theme });
    assert.equal(limo.insertText, 'limo');
    const documentation = (limo.documentation as vscode.MarkdownString).value.replace(/\\(.)/g, '$1');
    assert.ok(documentation.includes(paper.abstract.slice(0, 80).replace(/\s+/g, ' ')), documentation);
  });

  it('answers through the API with the keys VS Code lists: the provider the benchmark times alone', async () => {
    const editor = await noteWithCursor('As [@robot tab|');
    const direct = await (await extensionApi()).provideCompletion(editor.document.uri, editor.selection.active);
    assert.ok(direct?.items.length);
    const listed = (await keyItems('As [@robot tab|')).map(label);
    assert.deepEqual(direct.items.map(label), listed);
  });

  it('searches again when a space is typed inside [@…, and nowhere else', async () => {
    const [first] = (await keyItems('As [@robot |', 0, ' ')).map(label);
    assert.ok(first, 'a space inside [@robot offers keys');
    assert.deepEqual((await keyItems('Plain prose |', 0, ' ')).map(label), []);
    assert.deepEqual((await keyItems('As @limo says |', 0, ' ')).map(label), []);
  });

  it('completes after @ in every pandoc form', async () => {
    const cases: [string, string][] = [
      ['See @|', 'abilities-large-language'],
      ['As [@lim|', 'limo'],
      ['[see @or|, p. 33]', 'orca'],
      ['[@limo; @b-s|', 'b-star'],
      ['the author’s own [-@lim|', 'limo'],
      ['@comple| says', 'complexity-based-prompting'],
      ['[@{orc|}]', 'orca'],
    ];
    for (const [marked, first] of cases) assert.equal((await keysAt(marked))[0], first, marked);
  });

  it('finds a paper by title words, run together or with typos, not only by key prefix', async () => {
    assert.equal((await keysAt('[@robot cooking|')).at(0), 'skills-made-order');
    assert.equal((await keysAt('@tabletenn|')).at(0), 'achieving-human-level');
    assert.equal((await keysAt('[@robt cookin|')).at(0), 'skills-made-order');
  });

  it('offers nothing for a title in plain text, in code, in an e-mail address or for a locator', async () => {
    for (const marked of ['LIMO: Less is More for Reas|', '`[@lim|`', '```\n[@lim|\n```', 'me@lim|', '[@limo, p. 3|']) {
      assert.deepEqual(await keysAt(marked), [], marked);
    }
  });

  it('keeps working after malformed front matter, unclosed brackets and an unclosed fence', async () => {
    assert.equal((await keysAt('---\ntitle: [x\n\nAs [see [@lim|')).at(0), 'limo');
    assert.equal((await keysAt('As [@or|\n\n```\nnever closed')).at(0), 'orca');
  });

  it('writes only the key when a suggestion is accepted, replacing the words typed', async () => {
    const editor = await noteWithCursor('As [@robot cook|ing] shows.');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await eventually(async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return !editor.document.getText().includes('robot');
    }, 'the suggestion to be accepted');
    assert.equal(editor.document.getText(), 'As [@skills-made-order] shows.');
  });
});
