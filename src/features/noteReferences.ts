// Feature: Insert Bibliography, a References section at the end of the note.
import vscode = require('vscode');
import { citedPapers, withReferencesSection } from '../core/notes/referencesSection';
import { noteName } from '../host/activeNote';
import { applyNoteEdit } from '../host/noteEdit';
import type { FeatureDeps } from './deps';
import { noteArgument } from './noteArgument';
import { notificationText } from '../core/model/untrustedText';

/** Insert Bibliography: a References section at the end of the note, updated in place when run again. */
export function registerNoteReferences({ citations, notes }: FeatureDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('literatureNotes.insertBibliography', async (argument?: unknown) => {
      const note = await noteArgument(notes, argument, 'to list the papers it cites');
      if (!note) return false;
      const found = await citations.of(note);
      // Read right after the scan, with no await between: the text the citations were found in.
      const text = note.getText();
      const papers = citedPapers(text, found);
      if (!papers.length) {
        void vscode.window.showInformationMessage(notificationText(`Literature Notes: ${noteName(note)} cites no paper of the library, so it has no References to list.`));
        return false;
      }
      const result = withReferencesSection(text, papers);
      if (result.kind === 'refused') {
        void vscode.window.showWarningMessage(notificationText(`Literature Notes: ${result.reason}`));
        return false;
      }
      return result.kind === 'unchanged' || applyNoteEdit(note, result);
    }),
  ];
}
