import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { referencesSectionText } from '../../../src/core/notes/referencesSection';
import { closeAllEditors, eventually, extensionApi, scratchNote, workspaceFile, type TestedApi } from './host';

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);

/** The view as `[group, count, [[label, description], …]]`, for comparing at a glance. */
async function citedView(api: TestedApi) {
  return (await api.citedInNote()).map(({ group, children }) => [labelOf(group), group.description, children.map((c) => [labelOf(c), c.description])]);
}

/** Waits until `probe` gives `expected` (the view and status bar follow the editor asynchronously), else shows the difference. */
async function settlesTo<T>(probe: () => Promise<T>, expected: T, what: string): Promise<void> {
  let last: T | undefined;
  try {
    await eventually(async () => isDeepStrictEqual((last = await probe()), expected), what);
  } catch {
    assert.deepEqual(last, expected, what);
  }
}

/** The item of a cited paper or key, by its description's key. */
async function citedItem(api: TestedApi, key: string): Promise<vscode.TreeItem> {
  const items = (await api.citedInNote()).flatMap((g) => g.children);
  const item = items.find((i) => String(i.description).startsWith(`${key} ·`) || labelOf(i) === `@${key}`);
  assert.ok(item, `${key} is in the view`);
  return item;
}

const click = (item: vscode.TreeItem) => vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));

describe('cited in this note', () => {
  let api: TestedApi;
  let themeCount: number;
  const title = async (key: string) => (await api.paperByKey(key))!.title;
  before(async () => {
    api = await extensionApi();
    themeCount = (await api.themes()).length;
  });
  afterEach(closeAllEditors);

  it('lists the papers the note cites by theme, in order of first citation, with counts, and unknown keys apart', async () => {
    await vscode.window.showTextDocument(workspaceFile('notes.md'));
    await settlesTo(() => citedView(api), [
      ['Reasoning', '4', [
        [await title('limo'), 'limo · 3×'],
        [await title('orca'), 'orca · 1×'],
        [await title('b-star'), 'b-star · 1×'],
        [await title('complexity-based-prompting'), 'complexity-based-prompting · 1×'],
      ]],
      ['Robot learning', '1', [[await title('achieving-human-level'), 'achieving-human-level · 1×']]],
      ['Not in the library', '1', [['@no-such-paper', '1×']]],
    ], 'the view of notes.md');
    const status = await api.coverageStatus();
    assert.equal(status?.text, `$(book) 5 papers · 2/${themeCount} themes`);
    assert.match(status.tooltip, /5 papers from 2 of the library's \d+ themes, and 1 key not in the library/);
  });

  it('selects a paper’s first citation when clicked, in the note’s editor, even with a library file active beside it', async () => {
    const note = await vscode.window.showTextDocument(workspaceFile('notes.md'), { viewColumn: vscode.ViewColumn.One });
    await eventually(async () => (await api.citedInNote()).length > 0, 'the view of notes.md');
    await vscode.window.showTextDocument(workspaceFile('hostile-papers.txt'), { viewColumn: vscode.ViewColumn.Two });
    // Long enough for the view to have emptied, had it followed the library file: it keeps the note.
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const [key, needle, offset] of [['orca', '@orca', 1], ['limo', '[@limo]', 2], ['no-such-paper', '[@no-such-paper]', 2]] as const) {
      assert.equal(await click(await citedItem(api, key)), true);
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor, note, `${key} is shown in the note's own editor`);
      const start = note.document.positionAt(note.document.getText().indexOf(needle) + offset);
      assert.deepEqual([editor.selection.start, editor.selection.end], [start, start.translate(0, key.length)], key);
    }
  });

  it('follows the note as it is edited, and says when it cites nothing', async () => {
    const editor = await scratchNote('Nothing cited yet.');
    await settlesTo(() => citedView(api), [], 'an empty view');
    await settlesTo(async () => (await api.coverageStatus())?.text, `$(book) 0 papers · 0/${themeCount} themes`, 'the status of a note citing nothing');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 18), ' See [@limo] and [@limo].'));
    await settlesTo(() => citedView(api), [['Reasoning', '1', [[await title('limo'), 'limo · 2×']]]], 'the view after an edit');
    await settlesTo(async () => (await api.coverageStatus())?.text, `$(book) 1 paper · 1/${themeCount} themes`, 'the status after an edit');
  });

  it('leaves out what the References section lists, as the bibliography commands do', async () => {
    const orca = (await api.paperByKey('orca'))!;
    await scratchNote(`See [@limo].\n\n${referencesSectionText([orca])}`);
    await settlesTo(() => citedView(api), [['Reasoning', '1', [[await title('limo'), 'limo · 1×']]]], 'the view without the listed paper');
  });

  it('hides the status bar item and empties the view when no Markdown note is open', async () => {
    await vscode.window.showTextDocument(workspaceFile('notes.md'));
    await eventually(async () => (await api.coverageStatus()) !== undefined, 'the status of notes.md');
    await closeAllEditors();
    await vscode.window.showTextDocument(workspaceFile('hostile-papers.txt'));
    await settlesTo(() => api.coverageStatus(), undefined, 'no status for a library file');
    await settlesTo(() => citedView(api), [], 'an empty view for a library file');
  });

  it('shows the themes the note covers; choosing one selects its first citation', async () => {
    const note = await vscode.window.showTextDocument(workspaceFile('notes.md'));
    await eventually(async () => (await api.coverageStatus()) !== undefined, 'the status of notes.md');
    note.selection = new vscode.Selection(0, 0, 0, 0);
    let done = false;
    const shown = vscode.commands.executeCommand('literatureNotes.showCoverage').then(() => (done = true));
    // The first item is the first covered theme; accepting it once the pick is up ends the command.
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 100));
      return done;
    }, 'the coverage pick to be accepted');
    await shown;
    const start = note.document.positionAt(note.document.getText().indexOf('[@limo]') + 2);
    assert.deepEqual([note.selection.start, note.selection.end], [start, start.translate(0, 4)]);
  });
});
