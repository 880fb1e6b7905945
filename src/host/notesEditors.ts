// Which Markdown editor the user was last in, for inserting citations.
import vscode = require('vscode');

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
   * Puts `text` at every cursor of the notes editor, replacing selections, as one undoable
   * edit. With no notes editor it says so and offers to open or create one.
   */
  async insert(text: string): Promise<boolean> {
    const editor = this.target ?? (await this.askForNotes());
    if (!editor) return false;
    const done = await editor.edit((edit) => editor.selections.forEach((s) => edit.replace(s, text)));
    if (done) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    return done;
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
