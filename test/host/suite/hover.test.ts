import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, plainHoverText, scratchNote, workspaceFile } from './host';

/** The text of every hover at the `occurrence`-th place where `needle` starts, plus `offset`. */
async function hoverText(document: vscode.TextDocument, needle: string, offset = 0, occurrence = 0): Promise<string> {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} is in the note`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(at + offset));
  return plainHoverText(hovers);
}

describe('hovers', () => {
  let notes: vscode.TextDocument;
  before(async () => {
    await extensionApi();
    notes = await vscode.workspace.openTextDocument(workspaceFile('notes.md'));
  });
  after(closeAllEditors);

  const cases: [string, string, number, number, RegExp][] = [
    ['[@key]', '[@limo]', 2, 0, /LIMO: Less is More for Reasoning/],
    ['the @ of [@key]', '[@limo]', 1, 0, /LIMO: Less is More for Reasoning/],
    ['a key with a prefix and locator', '@orca, pp.', 3, 0, /Orca: Progressive Learning/],
    ['the second key of a group', '@b-star', 4, 0, /B-STaR: Monitoring/],
    ['a suppressed author [-@key]', '-@limo', 3, 0, /LIMO: Less is More/],
    ['an in-text @key', '@complexity-based-prompting says', 5, 0, /Complexity-Based Prompting for Multi-Step Reasoning/],
    ['an unknown key', '@no-such-paper', 3, 0, /no-such-paper.*not in the library/],
    ['a title written in the prose', 'Competitive Robot Table', 3, 0, /Achieving Human Level Competitive Robot Table Tennis/],
    ['a link whose text is a title', '[LIMO: Less', 3, 0, /LIMO: Less is More for Reasoning/],
  ];
  for (const [form, needle, offset, occurrence, expected] of cases) {
    it(`shows the paper on ${form}`, async () => {
      const text = await hoverText(notes, needle, offset, occurrence);
      assert.match(text, expected);
      if (!/not in the library/.test(text)) assert.match(text, /command:literatureNotes\.openPaper\?/);
    });
  }

  it('answers through the API as VS Code shows it: the provider the benchmark times alone', async () => {
    const at = notes.positionAt(notes.getText().indexOf('[@limo]') + 2);
    const direct = await (await extensionApi()).provideHover(notes.uri, at);
    assert.ok(direct);
    const shown = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', notes.uri, at);
    assert.equal(plainHoverText([direct]), plainHoverText(shown));
    assert.match(plainHoverText([direct]), /LIMO: Less is More for Reasoning/);
  });

  it('shows nothing inside inline code, fenced code or an e-mail address', async () => {
    for (const needle of ['`[@limo]`', '[@orca] inside a fence', 'someone@limo.org']) {
      const offset = needle.indexOf('@') + 1;
      assert.doesNotMatch(await hoverText(notes, needle, offset), /LIMO|Orca|not in the library/, needle);
    }
  });

  it('renders a hostile title as inert text, with only the extension’s own command links', async () => {
    const [hit] = await (await extensionApi()).search('hostile harmful');
    const note = await scratchNote(`See [@${hit.paper.key}].`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', note.document.uri, new vscode.Position(0, 7));
    const [content] = hovers.flatMap((h) => h.contents) as vscode.MarkdownString[];
    assert.match(content.value, /Hostile/);
    assert.doesNotMatch(content.value, /<script|<img|\]\(command:workbench/);
    // A real link is `](command:…`; the paper's escaped `\]\(command:…` is text.
    const commands = [...content.value.matchAll(/(?<!\\)\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.match(content.value, /\\\[command link\\\]/);
    assert.deepEqual([...new Set(commands)].sort(), ['literatureNotes.newLiteratureNote', 'literatureNotes.openPaper', 'literatureNotes.showRelated']);
    assert.equal(content.supportHtml, false);
  });

  it('can be turned off in the settings', async () => {
    const settings = vscode.workspace.getConfiguration('literatureNotes');
    await settings.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      assert.doesNotMatch(await hoverText(notes, '[@limo]', 2), /LIMO/);
    } finally {
      await settings.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
