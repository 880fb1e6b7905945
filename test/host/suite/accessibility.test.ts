import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, extensionApi, workspaceFile, type TestedApi } from './host';

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);
const spoken = (item: vscode.TreeItem) => item.accessibilityInformation?.label;

describe('accessibility', () => {
  let api: TestedApi;
  before(async () => {
    api = await extensionApi();
  });
  afterEach(closeAllEditors);

  it('names each theme with its paper count, and each paper with its title and key, in the sidebar', async () => {
    const sidebar = await api.sidebar();
    assert.ok(sidebar.length > 1);
    for (const { theme, papers } of sidebar) {
      assert.equal(spoken(theme), `${labelOf(theme)}, theme, ${papers.length === 1 ? '1 paper' : `${papers.length} papers`}`);
      for (const paper of papers) {
        // The description starts with the key (`limo`, `limo · noted`).
        const key = String(paper.description).split(' ')[0];
        assert.ok(spoken(paper)?.startsWith(`${labelOf(paper)}, ${key}`), `${spoken(paper)} names the title and key`);
      }
    }
  });

  it('names the cited themes, papers and unknown keys in Cited in This Note', async () => {
    await vscode.window.showTextDocument(workspaceFile('notes.md'));
    await eventually(async () => (await api.citedInNote()).length > 1, 'the view of notes.md');
    const groups = await api.citedInNote();
    const limo = (await api.paperByKey('limo'))!;
    const items = groups.flatMap((g) => g.children);
    const limoItem = items.find((i) => String(i.description).startsWith('limo '));
    assert.ok(limoItem);
    assert.match(spoken(limoItem) ?? '', new RegExp(`^${limo.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, key limo, cited (once|\\d+ times)$`));
    const themeGroup = groups.find((g) => labelOf(g.group) === limo.theme)!;
    assert.match(spoken(themeGroup.group) ?? '', new RegExp(`^${limo.theme}, theme, \\d+ papers? cited$`));
    const unknown = groups.find((g) => labelOf(g.group) === 'Not in the library')!;
    assert.equal(spoken(unknown.group), 'Not in the library, 1 key');
    assert.equal(spoken(unknown.children[0]), 'Key no-such-paper, not in the library, cited once');
  });

  it('reads the status bar item in words, not from its icon', async () => {
    await vscode.window.showTextDocument(workspaceFile('notes.md'));
    const status = await eventually(() => api.coverageStatus(), 'the status of notes.md');
    const themes = (await api.themes()).length;
    assert.equal(status.accessibility.role, 'button');
    assert.equal(status.accessibility.label, `Note coverage: 5 papers cited, 2 of ${themes} themes covered, and 1 key not in the library`);
  });
});
