import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, extensionApi, plainHoverText, scratchNote } from './host';

/**
 * The preview's HTML for a note, as VS Code's Markdown preview renders it, our plugin included.
 * Given a document, the preview keeps its tokens by URI and version, which a new untitled note
 * can share with one closed before; given text, it parses it afresh (but knows no file for it).
 */
const render = (document: vscode.TextDocument | string) => vscode.commands.executeCommand<string>('markdown.api.render', document);

/** A note's own entries, in its front matter as pandoc reads them. */
const FRONT_MATTER = `---
references:
- id: vaswani2017
  type: paper-conference
  title: Attention is all you need
  author:
  - family: Vaswani
    given: Ashish
  - family: Shazeer
    given: Noam
  - family: Parmar
    given: Niki
  container-title: Advances in Neural Information Processing Systems
  issued: 2017
- id: smith2004
  type: article-journal
  title: "A study of <script>alert(1)</script> things"
  author:
  - family: Smith
    given: John
  issued: 2004
  URL: "javascript:alert(1)"
`;

/** A note saved in a folder of its own: a URI no other note had, so the preview has no tokens kept for it. */
async function savedNote(text: string, name = 'note.md'): Promise<vscode.TextDocument> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'literature-notes-preview-')), name);
  writeFileSync(file, text);
  return vscode.workspace.openTextDocument(vscode.Uri.file(file));
}

const NOTE = `${FRONT_MATTER}---

# Notes

Attention [@vaswani2017, p. 3] and [see @smith2004; @limo]. @vaswani2017 says so; [-@smith2004] too.
An unknown one: [@no-such-paper]. Code is not cited: \`[@vaswani2017]\`.
`;

describe('the Markdown preview', function () {
  this.timeout(60_000);
  before(() => extensionApi());
  afterEach(closeAllEditors);

  it('renders every pandoc form as the style cites, linked to a References list at the end', async () => {
    const document = await savedNote(NOTE);
    const html = await render(document);
    assert.match(html, /<span class="citation" data-cites="vaswani2017"><a href="#ref-vaswani2017">\(Vaswani et al\., 2017, p\. 3\)<\/a><\/span>/);
    // The style sorts a group, as pandoc does when no key but the first has a prefix.
    assert.match(html, /data-cites="smith2004 limo"><a href="#ref-smith2004">\(<i>LIMO: Less Is More for Reasoning<\/i>, n\.d\.; see Smith, 2004\)<\/a>/);
    assert.match(html, />Vaswani et al\. \(2017\)<\/a>/);
    assert.match(html, />\(2004\)<\/a>/);
    assert.match(html, /data-cites="no-such-paper">\(<strong>no-such-paper\?<\/strong>\)<\/span>/);
    assert.match(html, /<code>\[@vaswani2017\]<\/code>/);
    const refs = html.slice(html.indexOf('<div id="refs"'));
    assert.ok(html.indexOf('<div id="refs"') > html.indexOf('Code is not cited'), 'the References come at the end');
    assert.deepEqual(
      [...refs.matchAll(/id="ref-([^"]+)"/g)].map((m) => m[1]),
      ['limo', 'smith2004', 'vaswani2017'],
    );
    assert.match(refs, /Vaswani, A\., Shazeer, N\., &#38; Parmar, N\. \(2017\)\. Attention is all you need\. <i>Advances in Neural Information Processing Systems<\/i>\./);
    // A title is text, and a javascript: URL is no link.
    assert.match(refs, /A study of &#60;script&#62;alert\(1\)&#60;\/script&#62; things/);
    assert.doesNotMatch(html, /<script>|href="javascript:/);
  });

  it('puts the References where the note has ::: {#refs}, and follows its csl: and reference-section-title:', async () => {
    const note = NOTE.replace('---\n\n# Notes', 'csl: ieee\nreference-section-title: Works Cited\n---\n\n# Notes').concat('\n::: {#refs}\n:::\n\n## Appendix\n\nAfter the list.\n');
    const html = await render(note);
    assert.match(html, /<a href="#ref-vaswani2017">\[1, p\. 3\]<\/a>/);
    assert.match(html, /<a href="#ref-smith2004">see \[2\], \[3\]<\/a>/);
    assert.match(html, /<a href="#ref-smith2004">\[2\]<\/a>/);
    assert.match(html, /<h2 class="references-title">Works Cited<\/h2>/);
    assert.ok(html.indexOf('<div id="refs"') < html.indexOf('After the list.'), 'the References are where ::: {#refs} was');
    assert.doesNotMatch(html, /:::/);
    assert.match(html, /<div class="csl-left-margin">\[1\]<\/div><div class="csl-right-inline">A\. Vaswani, N\. Shazeer, and N\. Parmar/);
  });

  it('reads a bibliography file the front matter names, relative to the note, and reports one that is missing', async () => {
    const document = await savedNote('---\nbibliography:\n- refs.bib\n- missing.bib\n---\n\nAs [@knuth1984, p. 99] shows.\n');
    writeFileSync(path.join(path.dirname(document.uri.fsPath), 'refs.bib'), '@article{knuth1984,\n  author = {Knuth, Donald E.},\n  title = {Literate Programming},\n  journal = {The Computer Journal},\n  year = {1984},\n  volume = {27},\n  pages = {97--111}\n}\n');
    // The file is read in the background on the first render; the preview renders again then.
    const html = await eventually(async () => {
      const rendered = await render(document);
      return rendered.includes('ref-knuth1984') ? rendered : undefined;
    }, 'the note rendered with its bibliography file read');
    assert.match(html, /\(Knuth, 1984, p\. 99\)/);
    // The title in sentence case, as pandoc prints it in APA.
    assert.match(html, /Knuth, D\. E\. \(1984\)\. Literate programming\. <i>The Computer Journal<\/i>, <i>27<\/i>, 97–111\./);
    const problems = await eventually(() => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Literature Notes');
      return found.some((d) => /missing\.bib does not exist/.test(d.message)) ? found : undefined;
    }, 'a problem for the missing bibliography');
    const missing = problems.find((d) => /missing\.bib/.test(d.message))!;
    assert.equal(missing.range.start.line, 3, 'on the line that names the file');
    // Go to Definition on the key: its entry in the file.
    const at = document.positionAt(document.getText().indexOf('@knuth1984') + 2);
    const [definition] = await vscode.commands.executeCommand<vscode.LocationLink[]>('vscode.executeDefinitionProvider', document.uri, at);
    assert.equal(definition.targetUri.fsPath, path.join(path.dirname(document.uri.fsPath), 'refs.bib'));
    assert.equal(definition.targetRange.start.line, 0);
  });

  it('formats the hover in the note\'s style: the in-text citation and the reference', async () => {
    const editor = await scratchNote(NOTE);
    const at = (needle: string) => editor.document.positionAt(editor.document.getText().indexOf(needle) + 2);
    const hover = async (needle: string) => plainHoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at(needle)));
    // A key of the note's own references, which the library does not have.
    const own = await hover('[@vaswani2017, p. 3]');
    assert.match(own, /from the note's bibliography/);
    assert.match(own, /American Psychological Association 7th edition/);
    assert.match(own, /\(Vaswani et al\., 2017\)/);
    assert.match(own, /Vaswani, A\., Shazeer, N\., & Parmar, N\. \(2017\)\. Attention is all you need\. \*Advances in Neural Information Processing Systems\*\./);
    assert.doesNotMatch(own, /<script/);
    // Go to Definition: the entry's `id:` line in the front matter.
    const [definition] = await vscode.commands.executeCommand<vscode.LocationLink[]>('vscode.executeDefinitionProvider', editor.document.uri, at('[@vaswani2017, p. 3]'));
    assert.equal(definition.targetRange.start.line, 2);
    // A library paper: its summary as before, then its formatted reference.
    const limo = await hover('@limo]');
    assert.match(limo, /LIMO: Less is More for Reasoning/);
    assert.match(limo, /\(\*LIMO: Less Is More for Reasoning\*, n\.d\.\)/);
  });

  it('completes the keys of the note\'s own bibliography, first', async () => {
    const editor = await scratchNote(`${NOTE}\nAnd [@vasw`);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.document.lineAt(editor.document.lineCount - 1).range.end);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.equal(labels[0], 'vaswani2017');
    const first = list.items[0].label as vscode.CompletionItemLabel;
    assert.deepEqual([first.detail, first.description], [' Attention is all you need', "note's bibliography"]);
  });

  it('formats in the style and locale of the settings, and again when they change', async () => {
    const settings = vscode.workspace.getConfiguration('literatureNotes');
    // Rendered first, so that the preview keeps its tokens: the change must show all the same.
    const document = await savedNote(NOTE);
    assert.match(await render(document), /\(Vaswani et al\., 2017, p\. 3\)/);
    try {
      await settings.update('csl.style', 'chicago-author-date', vscode.ConfigurationTarget.Global);
      await settings.update('csl.locale', 'de-DE', vscode.ConfigurationTarget.Global);
      const html = await render(document);
      assert.match(html, /\(Vaswani, Shazeer, und Parmar 2017, 3\)/);
      await settings.update('csl.style', 'no-such-style', vscode.ConfigurationTarget.Global);
      // A style that cannot be read leaves the citations as written.
      assert.match(await render(document), /\[@vaswani2017, p\. 3\]/);
    } finally {
      await settings.update('csl.style', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('csl.locale', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.match(await render(document), /\(Vaswani et al\., 2017, p\. 3\)/);
  });
});
