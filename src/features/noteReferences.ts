// Feature: Insert Bibliography, a References section at the end of the note.
import vscode = require('vscode');
import { keyCitation } from '../core/cite/citationSyntax';
import { citationsOutsideReferences, citedPapers, withReferencesSection, type FormattedReferences } from '../core/notes/referencesSection';
import type { NoteCitation } from '../core/notes/noteScanner';
import type { CitationFormatting } from '../host/citationFormatting';
import { noteName } from '../host/activeNote';
import { applyNoteEdit } from '../host/noteEdit';
import type { FeatureDeps } from './deps';
import { noteArgument } from './noteArgument';
import { notificationText } from '../core/model/untrustedText';

/**
 * The References of a note in its citation style (its front matter's, else the settings'):
 * every key it cites that the library or its own bibliography has, in the style's order.
 * Undefined, with the reason, when the style cannot be used.
 */
function formattedReferences(formatting: CitationFormatting, note: vscode.TextDocument, text: string, found: readonly NoteCitation[]): FormattedReferences | { problem: string } {
  const made = formatting.citingOf(text, note.uri);
  if (!('citing' in made)) return { problem: made.problem };
  const keys = [...new Set(citationsOutsideReferences(text, found).map((c) => c.key))];
  const rendered = made.citing.renderer.render(
    keys.map(keyCitation),
    made.citing.itemOf,
    'markdown',
  );
  return { formatted: rendered.references.map((r) => r.entry) };
}

/** Insert Bibliography: a References section at the end of the note, in its citation style, updated in place when run again. */
export function registerNoteReferences({ citations, notes, formatting }: FeatureDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('literatureNotes.insertBibliography', async (argument?: unknown) => {
      const note = await noteArgument(notes, argument, 'to list the papers it cites');
      if (!note) return false;
      await formatting.readBibliographies(note.getText(), note.uri);
      const found = await citations.of(note);
      // Read right after the scan, with no await between: the text the citations were found in.
      const text = note.getText();
      const formatted = formattedReferences(formatting, note, text, found);
      const papers = citedPapers(text, found);
      if ('problem' in formatted) void vscode.window.showWarningMessage(notificationText(`Literature Notes: ${formatted.problem} The References list keys and titles instead.`));
      if ('problem' in formatted ? !papers.length : !formatted.formatted.length) {
        void vscode.window.showInformationMessage(notificationText(`Literature Notes: ${noteName(note)} cites no paper of the library or of its bibliography, so it has no References to list.`));
        return false;
      }
      const result = withReferencesSection(text, 'problem' in formatted ? papers : formatted);
      if (result.kind === 'refused') {
        void vscode.window.showWarningMessage(notificationText(`Literature Notes: ${result.reason}`));
        return false;
      }
      return result.kind === 'unchanged' || applyNoteEdit(note, result);
    }),
  ];
}
