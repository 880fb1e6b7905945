import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pickItem } from '../../../src/features/paperSearch';
import { SEARCH_BIBTEX } from '../../unit/searchFixtures';
import { closeAllEditors, eventually, extensionApi, plainHoverText, scratchNote, workspaceFile } from './host';

const settings = () => vscode.workspace.getConfiguration('literatureNotes');
const LIBRARY = 'search-refs.bib';
/** File events reach the watcher late on a busy machine. */
const WATCHED_MS = 15_000;
const hasPaper = (key: string) => async () => Boolean(await (await extensionApi()).paperByKey(key));
const keysOf = (results: readonly { paper: { key: string } }[]) => results.map((r) => r.paper.key);

/** Our diagnostics of a note, once there are `count`. */
function unknownKeys(document: vscode.TextDocument, count: number): Promise<vscode.Diagnostic[]> {
  return eventually(() => {
    const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Literature Notes');
    return ours.length === count ? ours : undefined;
  }, `${count} unknown-key diagnostics`);
}

describe('search by every word, authors, years and keys', () => {
  before(async () => {
    await vscode.workspace.fs.writeFile(workspaceFile(LIBRARY), new TextEncoder().encode(SEARCH_BIBTEX));
    await settings().update('libraries', ['hostile-papers.txt', LIBRARY], vscode.ConfigurationTarget.Workspace);
    await eventually(hasPaper('hinton2006fast'), 'the BibTeX file to load', WATCHED_MS);
  });
  after(async () => {
    await closeAllEditors();
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceFile(LIBRARY)).then(undefined, () => undefined);
    await eventually(async () => !(await hasPaper('hinton2006fast')()), 'the library to be as it was', WATCHED_MS);
  });
  afterEach(closeAllEditors);

  it('finds the papers whose abstracts name a benchmark, and none other first', async () => {
    const api = await extensionApi();
    const found = await api.search('GSM8K', 3);
    assert.deepEqual(keysOf(found).sort(), ['complexity-based-prompting', 'smart', 'system-2-mathematical']);
    assert.ok(found.every((r) => r.terms.includes('gsm8k')), 'the matched word is named');
  });

  it('finds a paper by author and year, and applies filters typed in the query', async () => {
    const api = await extensionApi();
    assert.equal((await api.search('hinton 2006', 1))[0].paper.key, 'hinton2006fast');
    assert.equal((await api.search('Schölkopf', 1))[0].paper.key, 'scholkopf2002learning');
    assert.equal((await api.search('10.1162/neco.2006.18.7.1527', 1))[0].paper.key, 'hinton2006fast');
    assert.deepEqual(keysOf(await api.search('author:hinton year:2005..2010')), ['salakhutdinov2009deep', 'hinton2006fast']);
    assert.deepEqual(keysOf(await api.search('boltzmann year:2009')), ['salakhutdinov2009deep']);
  });

  it('shows who and when in the search results', async () => {
    const api = await extensionApi();
    const [hit] = await api.search('deep belief nets', 1);
    assert.match(String(pickItem(hit).description), /^Hinton et al\. 2006 · hinton2006fast · /);
  });

  it('completes a key from author and year run together, or author and title words, and shows who and when', async () => {
    for (const [typed, key] of [
      ['@hinton06', 'hinton2006fast'],
      ['[@hinton boltz', 'salakhutdinov2009deep'],
      ['@dblp:journals/corr/smi', 'DBLP:journals/corr/Smith18'],
    ]) {
      const editor = await scratchNote(`See ${typed}`);
      const end = editor.document.positionAt(editor.document.getText().length);
      editor.selection = new vscode.Selection(end, end);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end, typed.endsWith(' ') ? ' ' : undefined);
      const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
      const first = ours[0]?.label as vscode.CompletionItemLabel;
      assert.equal(first?.label, key, typed);
      if (key === 'hinton2006fast') assert.match(String(first.description), /^Hinton et al\. 2006 · /);
      await closeAllEditors();
    }
  });

  it('suggests a key differing in case or by two letters swapped, in quick fixes and the hover', async () => {
    const editor = await scratchNote('As [@dblp:journals/corr/smith18] and [@smtih_2018] show.\n');
    const { document } = editor;
    const [lower, swapped] = await unknownKeys(document, 2);
    const fixes = async (diagnostic: vscode.Diagnostic) =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)).filter((a) =>
        a.title.startsWith('Replace with @'),
      );
    assert.match((await fixes(lower))[0].title, /^Replace with @DBLP:journals\/corr\/Smith18 /);
    assert.match((await fixes(swapped))[0].title, /^Replace with @smith_2018 /);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, swapped.range.start.translate(0, 2));
    assert.match(plainHoverText(hovers), /smtih_2018.*not in the library[\s\S]*Did you mean @smith_2018/);
  });
});
