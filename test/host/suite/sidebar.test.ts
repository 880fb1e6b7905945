import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { restoreOutline, saveOutline } from '../../../src/core/model/sidebarOutline';
import { ThemeTreeProvider, type PaperTreeNode } from '../../../src/features/paperTree';
import { eventually, extensionApi, seedLibrary, seedsFolder, workspaceFile } from './host';

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
    assert.deepEqual(
      tree.map((t) => labelOf(t.theme)!).filter((name) => /cluster/i.test(name)),
      [],
      'themes have real names',
    );
    // Unsorted holds only papers of the workspace's own files that fit no theme: the seed
    // papers' definitions describe every one of them.
    const unsorted = tree.find((t) => labelOf(t.theme) === 'Unsorted')?.papers ?? [];
    for (const item of unsorted) {
      const paper = await api.paperByKey(String(item.description));
      assert.ok(paper && !paper.file.startsWith(seedsFolder()), `${paper?.key} of ${paper?.file} unsorted`);
    }
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

describe('sidebar at the start of a session', () => {
  it("shows the last session's themes and counts at once, and a theme's papers once the library has loaded", async () => {
    const library = await seedLibrary();
    const groups = library.themeGroups();
    const provider = new ThemeTreeProvider();
    try {
      provider.setOutline(restoreOutline(saveOutline(groups, 'the same files'), 'the same files')!);
      const themes = await provider.getChildren();
      const rendered = (nodes: readonly PaperTreeNode[]) => nodes.map((node) => provider.getTreeItem(node)).map((item) => [labelOf(item), item.description, item.id]);
      const expected = groups.map(({ theme, papers }) => [theme.name, String(papers.length), `theme:${theme.name}`]);
      assert.deepEqual(rendered(themes), expected);

      let listed: PaperTreeNode[] | undefined;
      const opening = Promise.resolve(provider.getChildren(themes[1])).then((children) => (listed = children));
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(listed, undefined, 'an outlined theme lists nothing until the library has loaded');

      provider.setLibrary(library);
      const titles = (await opening).map((node) => labelOf(provider.getTreeItem(node)));
      assert.deepEqual(titles, groups[1].papers.map((p) => p.title));
      provider.setOutline([]);
      assert.deepEqual(rendered(await provider.getChildren()), expected, 'the library, once shown, is not replaced by an outline');
    } finally {
      provider.dispose();
    }
  });
});

describe('sidebar with thousands of papers in one theme', () => {
  const settings = () => vscode.workspace.getConfiguration('literatureNotes');
  const COUNT = 3000;
  /**
   * Every paper has the same words but for its number and the little word its title starts with
   * (a quarter start with "In"): alike, they are one theme found from their words.
   */
  const starts = ['As', 'At', 'By', 'For', 'From', 'How', 'In', 'In', 'In', 'On', 'Under', 'With'];
  const library = Array.from(
    { length: COUNT },
    (_, i) => `${starts[i % starts.length]} robot grasping with a humanoid hand, study ${i}\n\nA robot learns manipulation and grasping from ${i} demonstrations in the physical world.\n\n`,
  ).join('');

  after(async () => {
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    await settings().update('includeSeedPapers', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(workspaceFile('crowded-theme.txt'));
    const api = await extensionApi();
    await eventually(async () => (await api.themes()).flatMap((t) => t.papers).length >= 93, 'the library to come back', 20_000);
  });

  it('shows the theme as alphabetical ranges of at most a page each, through which every paper is reached once', async () => {
    const api = await extensionApi();
    await vscode.workspace.fs.writeFile(workspaceFile('crowded-theme.txt'), new TextEncoder().encode(`Generated papers\n\n${library}`));
    await settings().update('includeSeedPapers', false, vscode.ConfigurationTarget.Global);
    await settings().update('libraries', ['crowded-theme.txt'], vscode.ConfigurationTarget.Workspace);
    const [theme] = await eventually(async () => {
      const themes = await api.themes();
      return themes.length === 1 && themes[0].papers.length === COUNT ? themes : undefined;
    }, `the ${COUNT} papers in one theme`, 20_000);

    const [root] = await api.sidebarTree();
    assert.equal(root.item.description, String(COUNT));
    assert.ok(root.children.every((c) => c.item.contextValue === 'titles'), 'the theme lists ranges, not papers');
    const ids = new Set<string>();
    const papers: string[] = [];
    const visit = (node: (typeof root.children)[number]): number => {
      assert.ok(!ids.has(node.item.id!), `${node.item.id} twice`);
      ids.add(node.item.id!);
      assert.ok(node.children.length <= 200, `${labelOf(node.item)} has ${node.children.length} children`);
      if (node.item.contextValue === 'paper') {
        papers.push(String(node.item.description));
        return 1;
      }
      const below = node.children.reduce((n, child) => n + visit(child), 0);
      if (node.item.contextValue === 'titles') assert.match(labelOf(node.item)!, new RegExp(`^\\S.* \\(${below}\\)$`));
      return below;
    };
    assert.equal(visit(root), COUNT);
    assert.deepEqual(papers.sort(), theme.papers.map((p) => p.key).sort());
    assert.ok(
      root.children.some((range) => range.children.every((c) => c.item.contextValue === 'titles')),
      'the "In…" papers, more than a page, are split again',
    );
    // One node at a time, as the view expands them: the same children as the expanded tree.
    assert.deepEqual((await api.sidebarChildren([root.item.id!])).map((item) => item.id), root.children.map((c) => c.item.id));
    const split = root.children.find((range) => range.children.every((c) => c.item.contextValue === 'titles'))!;
    const below = await api.sidebarChildren([root.item.id!, split.item.id!]);
    assert.deepEqual(below.map(labelOf), split.children.map((c) => labelOf(c.item)));
    const [snapshot] = await api.sidebar();
    assert.equal(snapshot.papers.length, COUNT, 'the snapshot lists every paper under its theme');
  });
});
