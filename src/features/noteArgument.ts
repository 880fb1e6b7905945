// Helper for commands: which note a command is about.
import vscode = require('vscode');
import type { NotesEditors } from '../host/notesEditors';
import { notificationText } from '../core/model/untrustedText';

/**
 * The note a command is about: the file an editor menu passes (a Uri), else the notes
 * editor's. With neither it says what to open.
 */
export async function noteArgument(notes: NotesEditors, argument: unknown, purpose: string): Promise<vscode.TextDocument | undefined> {
  if (argument instanceof vscode.Uri) return vscode.workspace.openTextDocument(argument);
  const document = notes.target?.document;
  if (!document) void vscode.window.showInformationMessage(notificationText(`Literature Notes: open a Markdown note ${purpose}.`));
  return document;
}
