import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, extensionApi, workspaceFile } from './host';

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);

describe('sidebar', () => {
  it('shows every paper under exactly one theme, with counts, keys and abstract tooltips', async () => {
    const api = await extensionApi();
    const tree = await api.sidebar();
    const themes = await api.themes();
    const papers = themes.flatMap((t) => t.papers);
    assert.ok(tree.length >= 6 && tree.length <= 13, `${tree.length} themes`);
    assert.ok(papers.length >= 93, 'the 92 seed papers and the fixture workspace library');

    const seen = new Map<string, string>();
    for (const { theme, papers: items } of tree) {
      assert.equal(theme.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.equal(theme.description, String(items.length));
      assert.ok(theme.iconPath instanceof vscode.ThemeIcon);
      for (const item of items) {
        const key = String(item.description);
        assert.ok(!seen.has(key), `${key} under both ${seen.get(key)} and ${labelOf(theme)}`);
        seen.set(key, labelOf(theme)!);
        const paper = await api.paperByKey(key);
        assert.equal(labelOf(item), paper?.title);
        assert.equal(item.contextValue, 'paper');
        assert.deepEqual(item.command?.arguments, [key]);
        assert.equal(item.command?.command, 'literatureNotes.openPaper');
        assert.ok(item.tooltip instanceof vscode.MarkdownString);
      }
    }
    assert.deepEqual([...seen.keys()].sort(), papers.map((p) => p.key).sort());
    assert.ok(!tree.some((t) => /cluster|unsorted/i.test(labelOf(t.theme)!)), 'themes have real names');
  });

  it('renders a hostile title and abstract in the tooltip as text, not markup', async () => {
    const api = await extensionApi();
    const [hit] = await api.search('hostile harmful');
    assert.match(hit.paper.title, /<script>/);
    const item = (await api.sidebar()).flatMap((t) => t.papers).find((p) => p.description === hit.paper.key)!;
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.doesNotMatch(tooltip, /<script>|<img|\]\(command:/);
    assert.match(tooltip, /&lt;script&gt;|\\<script\\>/);
    assert.ok(!(item.tooltip as vscode.MarkdownString).isTrusted);
  });

  it('reloads the library on request and keeps every paper', async () => {
    const api = await extensionApi();
    const before = (await api.themes()).flatMap((t) => t.papers).length;
    const count = await vscode.commands.executeCommand<number>('literatureNotes.reloadLibrary');
    assert.equal(count, before);
  });
});

describe('sidebar with no papers', () => {
  const settings = () => vscode.workspace.getConfiguration('literatureNotes');
  after(async () => {
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    await settings().update('includeSeedPapers', undefined, vscode.ConfigurationTarget.Global);
    const api = await extensionApi();
    await eventually(async () => (await api.themes()).flatMap((t) => t.papers).length >= 93, 'the library to come back');
  });

  it('says which file failed and where, then that the library is empty, and shows no themes', async () => {
    const api = await extensionApi();
    await vscode.workspace.fs.writeFile(workspaceFile('empty.txt'), new Uint8Array());
    await settings().update('includeSeedPapers', false, vscode.ConfigurationTarget.Global);
    await settings().update('libraries', ['empty.txt'], vscode.ConfigurationTarget.Workspace);
    const failed = await eventually(async () => {
      const problem = await api.problem();
      return problem?.kind === 'failed' ? problem : undefined;
    }, 'the library to fail');
    assert.match(failed.message, /empty\.txt:1: error: the file is empty/);
    assert.deepEqual(await api.sidebar(), []);

    await settings().update('libraries', [], vscode.ConfigurationTarget.Workspace);
    const empty = await eventually(async () => {
      const problem = await api.problem();
      return problem?.kind === 'empty' ? problem : undefined;
    }, 'the library to be empty');
    assert.match(empty.message, /No library files/);
  });
});
