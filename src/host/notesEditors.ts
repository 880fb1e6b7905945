// Which Markdown editor the user was last in, for inserting citations.
import vscode = require('vscode');
import { citationInsertEdit, type CitationToInsert } from '../core/notes/citationJoin';

/** The documents the extension reads citations in and inserts them into. */
export const isNote = (document: vscode.TextDocument) => document.languageId === 'markdown';

/**
 * Remembers the Markdown editor the user was last in, so that a citation chosen in the
 * panel or the sidebar goes into the notes and not into whatever has focus now.
 */
export class NotesEditors implements vscode.Disposable {
  private last?: vscode.TextEditor;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => this.remember(editor));
  }

  /** The active Markdown editor, else the last one that is still visible. */
  get target(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && isNote(active.document)) return active;
    const last = this.last;
    if (!last || last.document.isClosed) return undefined;
    return vscode.window.visibleTextEditors.find((e) => e === last || e.document === last.document);
  }

  /**
   * Puts a citation at every cursor of the notes editor, replacing selections and joined to the
   * citations and words around each (see `citationInsertEdit`), as one undoable edit; each cursor
   * then stands after its citation. With no notes editor it says so and offers to open or create one.
   */
  async insert(citation: CitationToInsert): Promise<boolean> {
    const editor = this.target ?? (await this.askForNotes());
    if (!editor) return false;
    const { document } = editor;
    const text = document.getText();
    const edits = editor.selections
      .map((s) => citationInsertEdit(text, document.offsetAt(s.start), document.offsetAt(s.end), citation))
      .sort((a, b) => a.start - b.start)
      // Two cursors whose edits would overlap (both in one group) get one citation.
      .filter((edit, i, all) => i === 0 || all[i - 1].end <= edit.start);
    const done = await editor.edit((edit) => {
      for (const e of edits) edit.replace(new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
    });
    if (!done) return false;
    // The carets, in the edited note: each edit's own, shifted by what the edits before it added.
    let shift = 0;
    editor.selections = edits.map((e) => {
      const caret = document.positionAt(e.caret + shift);
      shift += e.newText.length - (e.end - e.start);
      return new vscode.Selection(caret, caret);
    });
    await vscode.window.showTextDocument(document, editor.viewColumn);
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (editor && isNote(editor.document)) this.last = editor;
  }

  private async askForNotes(): Promise<vscode.TextEditor | undefined> {
    const open = 'Open Notes…';
    const create = 'New Note';
    const choice = await vscode.window.showInformationMessage('No Markdown notes are open to insert the citation into.', open, create);
    if (choice === create) return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown' }));
    if (choice !== open) return undefined;
    const [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Markdown notes': ['md', 'markdown'] } })) ?? [];
    return file && vscode.window.showTextDocument(file);
  }
}
