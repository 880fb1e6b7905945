// Feature: unknown citation keys reported in the Problems panel as the user types.
import vscode = require('vscode');
import type { LibraryView } from '../core/model/libraryView';
import { UnknownCitationFinder } from '../core/notes/unknownCitations';
import { citationRange } from '../host/noteCitations';
import { isNote } from '../host/notesEditors';
import { affects, unknownKeySeverity } from '../host/settings';
import type { FeatureDeps } from './deps';

/** What marks our diagnostics, so that the quick fixes know them. */
export const UNKNOWN_KEY = { source: 'Literature Notes', code: 'unknown-citation-key' } as const;
/** A problem with the note's front matter: a bibliography file missing or unreadable, a field of the wrong kind. */
export const NOTE_METADATA = { source: 'Literature Notes', code: 'note-front-matter' } as const;

/** Long enough for a key to be typed out, short enough to feel immediate. */
const DEBOUNCE_MS = 250;

/** A Problems entry for each citation in `text` whose key is not in the library. */
export function unknownKeyDiagnostics(finder: UnknownCitationFinder, text: string, library: LibraryView, severity: vscode.DiagnosticSeverity, noteHasKey: (key: string) => boolean = () => false): vscode.Diagnostic[] {
  return finder
    .find(text, (key) => library.paperByKey(key) !== undefined || noteHasKey(key))
    .map((citation) => {
      const diagnostic = new vscode.Diagnostic(citationRange(citation), `Unknown citation key "@${citation.key}": not in the library`, severity);
      diagnostic.source = UNKNOWN_KEY.source;
      diagnostic.code = UNKNOWN_KEY.code;
      return diagnostic;
    });
}

/**
 * Unknown citation keys in open notes, as Problems: checked when a note opens, as it is
 * edited (once typing pauses), when the library changes and when the severity setting does.
 */
/** A Problems entry at each front-matter line whose bibliography file or field cannot be used. */
function frontMatterDiagnostics(problems: readonly { line: number; message: string }[]): vscode.Diagnostic[] {
  return problems.map(({ line, message }) => {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(line - 1, 0, line - 1, Number.MAX_SAFE_INTEGER), message, vscode.DiagnosticSeverity.Warning);
    diagnostic.source = NOTE_METADATA.source;
    diagnostic.code = NOTE_METADATA.code;
    return diagnostic;
  });
}

export function registerCitationDiagnostics({ library, formatting }: FeatureDeps): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('literatureNotes');
  const finder = new UnknownCitationFinder();
  const pending = new Map<vscode.TextDocument, ReturnType<typeof setTimeout>>();
  /** Notes with a key left unmarked because it was being typed; checked again when the cursor moves. */
  const heldBack = new Set<vscode.TextDocument>();

  const cancel = (document: vscode.TextDocument) => {
    clearTimeout(pending.get(document));
    pending.delete(document);
  };
  const check = async (document: vscode.TextDocument) => {
    cancel(document);
    if (!isNote(document)) return;
    const severity = unknownKeySeverity();
    // The note's own bibliography files, read before its keys are checked against them.
    await formatting.readBibliographies(document.getText(), document.uri);
    const loaded = await library.ready();
    if (document.isClosed) return;
    const text = document.getText();
    const frontMatter = frontMatterDiagnostics(formatting.bibliographyProblems(text, document.uri));
    if (severity === undefined) return collection.set(document.uri, frontMatter);
    const found = unknownKeyDiagnostics(finder, text, loaded, severity, formatting.noteHasKey(text, document.uri));
    // A key the cursor is at the end of is still being typed: it is marked once the cursor leaves it.
    const cursor = vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor.selection : undefined;
    const typing = cursor?.isEmpty ? found.find((d) => d.range.end.isEqual(cursor.active)) : undefined;
    if (typing) heldBack.add(document);
    else heldBack.delete(document);
    collection.set(document.uri, [...frontMatter, ...(typing ? found.filter((d) => d !== typing) : found)]);
  };
  const checkSoon = (document: vscode.TextDocument) => {
    cancel(document);
    pending.set(
      document,
      setTimeout(() => void check(document), DEBOUNCE_MS),
    );
  };
  const checkAll = () => vscode.workspace.textDocuments.forEach((document) => void check(document));

  checkAll();
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument((document) => void check(document)),
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => contentChanges.length > 0 && checkSoon(document)),
    vscode.window.onDidChangeTextEditorSelection(({ textEditor }) => heldBack.has(textEditor.document) && checkSoon(textEditor.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      cancel(document);
      heldBack.delete(document);
      collection.delete(document.uri);
    }),
    library.onDidChange(checkAll),
    // Bibliography files read, or the style settings changed.
    formatting.onDidChange(checkAll),
    vscode.workspace.onDidChangeConfiguration((event) => affects(event, 'diagnostics.severity') && checkAll()),
    { dispose: () => [...pending.keys()].forEach(cancel) },
  ];
}
