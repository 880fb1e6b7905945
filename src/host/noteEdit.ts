// Applies a core text edit to a note as one undoable edit.
import vscode = require('vscode');
import type { TextEdit } from '../core/notes/textEdit';

/** Applies a core edit to a note as one undoable step; false when the editor refused it. */
export function applyNoteEdit(document: vscode.TextDocument, edit: TextEdit): Thenable<boolean> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
  return vscode.workspace.applyEdit(workspaceEdit);
}
