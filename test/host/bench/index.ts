/**
 * `npm run bench:host`: what diagnostics, completion and hovers cost inside the extension host,
 * on the seed library, then loading, hovering, completing and searching a generated library
 * (largeLibrary.ts); freshSession.ts then times the next start in a second session. Prints
 * figures; asserts nothing about time. The host loads this file as it would the test suite
 * (`--extensionTestsPath`), through `runTests.ts --bench`.
 */
import * as vscode from 'vscode';
import { partialCitationAt } from '../../../src/core/notes/citationContext';
import { papersForTypedKey } from '../../../src/core/search/keyCompletion';
import { PaperLibrary } from '../../../src/core/model/library';
import { NoteScanner } from '../../../src/core/notes/noteScanner';
import { UnknownCitationFinder } from '../../../src/core/notes/unknownCitations';
import { unknownKeyDiagnostics } from '../../../src/features/citationDiagnostics';
import { closeAllEditors, eventually, extensionApi, scratchNote, seedLibrary } from '../suite/host';
import { type Figure, print, timed } from './figures';
import { largeLibraryBench } from './largeLibrary';

const LINES = 2000;
/** One citation in ten names a key the library does not have. */
const UNKNOWN_EVERY = 10;

/**
 * A long note: 500 paragraphs of three lines and a blank one, each citing a paper in one of
 * pandoc's forms, one in ten unknown; every 25th block a fence with a citation in it instead,
 * every 25th paragraph a group of two. So: 2,000 lines and 500 citations outside code.
 */
function generatedNote(keys: readonly string[]): string {
  const lines: string[] = [];
  for (let block = 0; lines.length < LINES; block++) {
    const key = block % UNKNOWN_EVERY === UNKNOWN_EVERY - 1 ? `missing-${block}` : keys[(block * 7) % keys.length];
    const forms = [`[@${key}]`, `[see @${key}, p. ${block}]`, `@${key} says`, `[-@${key}]`];
    const cite = block % 25 === 12 ? `[@${keys[block % keys.length]}; @${key}]` : forms[block % forms.length];
    if (block % 25 === 24) lines.push('```', `[@${key}] in code ${block}`, '```', '');
    else lines.push(`Paragraph ${block} reads ${cite} on how models`, 'learn to reason from few examples, and what the', `evidence says about it, block ${block}.`, '');
  }
  return lines.slice(0, LINES).join('\n');
}

/**
 * The diagnostics of the long note computed directly: afresh, and as after each keystroke;
 * and afresh against an empty library, where every key is unknown, the worst case.
 */
async function diagnosticsFigures(library: PaperLibrary, text: string): Promise<Figure[]> {
  const severity = vscode.DiagnosticSeverity.Warning;
  const found = unknownKeyDiagnostics(new UnknownCitationFinder(), text, library, severity).length;
  const empty = await PaperLibrary.fromSources([], { themes: [] });
  const typing = new UnknownCitationFinder();
  // Each run edits a different paragraph, as typing through the note would.
  const edited = (i: number) => {
    const at = text.indexOf(`Paragraph ${(i * 37 + 100) % 400}`);
    return `${text.slice(0, at)}x${text.slice(at)}`;
  };
  const notes: string[] = [];
  const scanner = new NoteScanner(library.papers);
  return [
    await timed(`diagnostics, whole note afresh (${found} unknown keys)`, 50, () => unknownKeyDiagnostics(new UnknownCitationFinder(), text, library, severity)),
    await timed('diagnostics after a keystroke in a paragraph', 200, (i) => unknownKeyDiagnostics(typing, notes[i], library, severity), (i) => (notes[i] = edited(i))),
    await timed('diagnostics, whole note afresh, no key in the library', 20, () => unknownKeyDiagnostics(new UnknownCitationFinder(), text, empty, severity)),
    await timed('for comparison: a whole-note scan (NoteScanner.scan)', 10, () => scanner.scan(text)),
  ];
}

/** From an edit of the open note to its Problems naming the key typed, in the real extension (debounce included). */
async function editToProblems(editor: vscode.TextEditor): Promise<Figure> {
  const { uri } = editor.document;
  const named = (key: string) => vscode.languages.getDiagnostics(uri).some((d) => d.message.includes(`"@${key}"`));
  return timed(
    'edit to Problems updated, long note (250 ms pause in typing included)',
    10,
    (i) => eventually(() => named(`typed-${i}`), 'the new key in Problems'),
    // At the start of odd blocks, which are paragraphs (a key before a fence would break it).
    (i) => editor.edit((edit) => edit.insert(new vscode.Position(4 * (2 * i + 1), 0), `[@typed-${i}] `)),
  );
}

/**
 * Completion round trips (`vscode.executeCompletionItemProvider`) at the end of the note after
 * each of these; `plain words` offers no citation, so it times VS Code's own part of the trip.
 * Also what the provider computes, timed in the extension host alone.
 */
async function completionFigures(document: vscode.TextDocument, library: PaperLibrary, what: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const typed of ['plain words', '[@lim', '[@robot cooking', '@tabletenn']) {
    const text = document.getText();
    const line = document.lineAt(document.lineCount - 1);
    await vscode.window.activeTextEditor!.edit((e) => e.insert(line.range.end, `\n${typed}`));
    const position = document.lineAt(document.lineCount - 1).range.end;
    figures.push(
      await timed(`completion of ${typed}, ${what}`, 100, () =>
        vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, position, '@'),
      ),
      await timed(`  its lookup alone (what is typed, which papers)`, 100, () => {
        const partial = partialCitationAt(document.getText(), document.offsetAt(position));
        return partial && papersForTypedKey(library, partial.query, 50);
      }),
    );
    await vscode.window.activeTextEditor!.edit((e) => e.delete(new vscode.Range(document.positionAt(text.length), document.positionAt(document.getText().length))));
  }
  return figures;
}

async function hoverFigures(editor: vscode.TextEditor, what: string): Promise<Figure[]> {
  const { document } = editor;
  const position = document.positionAt(document.getText().indexOf('[@') + 3);
  const hover = () => vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
  const end = () => document.lineAt(document.lineCount - 1).range.end;
  const figures = [
    await timed(`hover on a citation, ${what}`, 100, hover),
    await timed(`hover after an edit (the note is scanned again), ${what}`, 20, hover, (i) => editor.edit((e) => e.insert(end(), i % 2 ? ' ' : '.'))),
  ];
  // The same hovers with no citation style to format in (the setting names no file): the hover as it was before styles.
  const settings = vscode.workspace.getConfiguration('literatureNotes');
  await settings.update('csl.style', 'no-such-style', vscode.ConfigurationTarget.Global);
  try {
    figures.push(await timed(`  the same hover, not formatted in a style, ${what}`, 100, hover));
  } finally {
    await settings.update('csl.style', undefined, vscode.ConfigurationTarget.Global);
  }
  return figures;
}

/**
 * The Markdown preview of a note (`markdown.api.render`, which runs our plugin in the extension
 * host, synchronously): as it renders the note again with its tokens kept (after the style or a
 * bibliography changes), and after a keystroke, when the note is parsed and formatted again. Either
 * holds the extension host for as long as it takes.
 */
async function previewFigures(editor: vscode.TextEditor, what: string): Promise<Figure[]> {
  const text = editor.document.getText();
  const edited = (i: number) => {
    const at = text.indexOf(`Paragraph ${(i * 37 + 100) % 400}`);
    return at < 0 ? `${text}${i}` : `${text.slice(0, at)}x${text.slice(at)}`;
  };
  const html = await vscode.commands.executeCommand<string>('markdown.api.render', editor.document);
  const cited = (html.match(/class="citation"/g) ?? []).length;
  return [
    await timed(`preview render, tokens kept (${cited} citations formatted), ${what}`, 20, () => vscode.commands.executeCommand('markdown.api.render', editor.document)),
    await timed(`preview render after a keystroke (parsed again), ${what}`, 20, (i) => vscode.commands.executeCommand('markdown.api.render', edited(i))),
  ];
}

export async function run(): Promise<void> {
  await extensionApi();
  const library = await seedLibrary();
  const text = generatedNote(library.papers.map((p) => p.key));
  const citations = new NoteScanner(library.papers).scan(text).filter((c) => c.form === 'pandoc').length;
  console.log(`Long note: ${text.split('\n').length} lines, ${citations} citations outside code; ${library.papers.length} seed papers.`);

  const figures = await diagnosticsFigures(library, text);
  const long = await scratchNote(text);
  await eventually(() => vscode.languages.getDiagnostics(long.document.uri).length > 0, 'the long note’s diagnostics', 20_000);
  figures.push(await editToProblems(long));
  figures.push(...(await completionFigures(long.document, library, 'long note')), ...(await hoverFigures(long, 'long note')), ...(await previewFigures(long, 'long note')));
  await closeAllEditors();

  const short = await scratchNote('# Reading notes\n\nAs [@limo] shows, a few hundred samples suffice; compare [see @orca, p. 3].\n');
  figures.push(...(await completionFigures(short.document, library, 'short note')), ...(await hoverFigures(short, 'short note')));
  await closeAllEditors();
  print(figures);
  await largeLibraryBench();
}
