import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, extensionApi, scratchNote, workspaceFile } from './host';

const settings = () => vscode.workspace.getConfiguration('literatureNotes');

/** Our diagnostics of a note, once they are exactly `count` (they settle after a pause in typing). */
function unknownKeys(document: vscode.TextDocument, count: number): Promise<vscode.Diagnostic[]> {
  return eventually(() => {
    const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Literature Notes');
    return ours.length === count ? ours : undefined;
  }, `${count} unknown-key diagnostics`);
}

const keysOf = (document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]) => diagnostics.map((d) => document.getText(d.range));

/** Our quick fixes on a diagnostic, in the order offered (the command does not say which diagnostic an action fixes). */
async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a) => /^(Replace with @|Search the library for )/.test(a.title));
}

describe('unknown citation keys', () => {
  before(extensionApi);
  afterEach(closeAllEditors);

  it('are reported as problems naming the key, on the key, and none for known keys or in code', async () => {
    const { document } = await scratchNote(
      'As [@limo; @lmio, p. 3] and @{no such key} say.\n\n`[@in-code]` me@mail.org\n\n```\n[@fenced]\n```\n\n[-@robot-table-tennis]',
    );
    const diagnostics = await unknownKeys(document, 3);
    assert.deepEqual(keysOf(document, diagnostics), ['lmio', 'no such key', 'robot-table-tennis']);
    const [first] = diagnostics;
    assert.equal(first.message, 'Unknown citation key "@lmio": not in the library');
    assert.equal(first.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(first.code, 'unknown-citation-key');
    assert.deepEqual(first.range, new vscode.Range(0, 12, 0, 16));
  });

  it('are still found around malformed front matter, unclosed brackets and an unclosed fence', async () => {
    const { document } = await scratchNote('---\ntitle: [broken\n\nSee [@limo and [@nope\n\n[@also-missing\n\n```\n[@fenced-forever]');
    assert.deepEqual(keysOf(document, await unknownKeys(document, 2)), ['nope', 'also-missing']);
  });

  it('follow the note as it is edited, and go when it is closed', async () => {
    const editor = await scratchNote('See [@lmio].');
    const { document } = editor;
    await unknownKeys(document, 1);
    await editor.edit((e) => e.replace(new vscode.Range(0, 6, 0, 10), 'limo'));
    await unknownKeys(document, 0);
    await editor.edit((e) => e.insert(new vscode.Position(0, 12), ' And [@orac; @b-str].'));
    assert.deepEqual(keysOf(document, await unknownKeys(document, 2)), ['orac', 'b-str']);
    await closeAllEditors();
    await unknownKeys(document, 0);
  });

  it('leave a key being typed unmarked until the cursor leaves it', async () => {
    const editor = await scratchNote('See ');
    editor.selection = new vscode.Selection(0, 4, 0, 4);
    await editor.edit((e) => e.insert(new vscode.Position(0, 4), '@lim'));
    editor.selection = new vscode.Selection(0, 8, 0, 8);
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the pause in typing
    assert.deepEqual(await unknownKeys(editor.document, 0), []);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.deepEqual(keysOf(editor.document, await unknownKeys(editor.document, 1)), ['lim']);
  });

  it('offer the closest keys as quick fixes, best first, and replace the key with the one chosen', async () => {
    const { document } = await scratchNote('As [@lmio, p. 3] shows.');
    const [diagnostic] = await unknownKeys(document, 1);
    const fixes = await quickFixes(document, diagnostic);
    assert.match(fixes[0].title, /^Replace with @limo \(LIMO: Less is More for Reasoning\)$/);
    assert.ok(fixes.every((f) => f.kind?.value === vscode.CodeActionKind.QuickFix.value));
    assert.ok(await vscode.workspace.applyEdit(fixes[0].edit!));
    assert.equal(document.getText(), 'As [@limo, p. 3] shows.');
    await unknownKeys(document, 0);
  });

  it('offer a paper found by the words of the key, and a search of the library for them', async () => {
    const { document } = await scratchNote('[@robot-table-tennis]');
    const [diagnostic] = await unknownKeys(document, 1);
    const fixes = await quickFixes(document, diagnostic);
    assert.equal(fixes[0].title, 'Replace with @achieving-human-level (Achieving Human Level Competitive Robot Table Tennis)');
    const search = fixes.at(-1)!;
    assert.equal(search.title, 'Search the library for "robot table tennis"');
    assert.deepEqual([search.command?.command, search.command?.arguments], ['literatureNotes.search', ['robot table tennis']]);

    // The search runs with the key's words and cites the paper chosen at the cursor, in the group there.
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 21, 0, 21);
    const searching = vscode.commands.executeCommand(search.command!.command, ...search.command!.arguments!);
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return document.getText().includes('@achieving-human-level');
    }, 'the search to cite its first result');
    await searching;
    assert.equal(document.getText(), '[@robot-table-tennis; @achieving-human-level]');
  });

  it('follow the severity setting at once, and can be turned off', async () => {
    const { document } = await scratchNote('[@nope]');
    assert.equal((await unknownKeys(document, 1))[0].severity, vscode.DiagnosticSeverity.Warning);
    try {
      await settings().update('diagnostics.severity', 'error', vscode.ConfigurationTarget.Global);
      await eventually(async () => (await unknownKeys(document, 1))[0].severity === vscode.DiagnosticSeverity.Error, 'errors');
      await settings().update('diagnostics.severity', 'off', vscode.ConfigurationTarget.Global);
      await unknownKeys(document, 0);
    } finally {
      await settings().update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
    }
    await unknownKeys(document, 1);
  });

  it('are checked again when the library changes', async () => {
    const { document } = await scratchNote('[@zebra] and [@nope]');
    await unknownKeys(document, 2);
    const extra = 'extra-papers.txt';
    await vscode.workspace.fs.writeFile(workspaceFile(extra), new TextEncoder().encode('Papers added in a test\n\nZEBRA: Zero-shot Evaluation of Broad Reasoning Abilities\n\nAn abstract about zebras and broad reasoning abilities, long enough to read as one.\n'));
    try {
      await settings().update('libraries', ['hostile-papers.txt', extra], vscode.ConfigurationTarget.Workspace);
      assert.deepEqual(keysOf(document, await unknownKeys(document, 1)), ['nope']);
    } finally {
      await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    }
    await unknownKeys(document, 2);
  });
});
