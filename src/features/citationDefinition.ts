// Feature: Go to Definition and Peek on a citation, to the paper's library entry.
import vscode = require('vscode');
import { citationRange } from '../host/noteCitations';
import { paperEntry } from '../host/paperEntry';
import type { FeatureDeps } from './deps';

/** Go to Definition and Peek on a citation key, a cited title or a title link: the paper's entry in its library file, and its literature note. */
export function registerCitationDefinition({ citations, literatureNotes, formatting }: FeatureDeps): vscode.Disposable[] {
  const provider: vscode.DefinitionProvider = {
    async provideDefinition(document, position) {
      const citation = await citations.at(document, position);
      if (!citation) return undefined;
      if (!citation.paper) {
        // A key of the note's own bibliography: its entry in the front matter or the file.
        const own = formatting.noteEntryLocation(document.getText(), document.uri, citation.key);
        return own && [{ originSelectionRange: citationRange(citation), targetUri: own.uri, targetRange: own.range }];
      }
      const entry = paperEntry(citation.paper);
      // A link, not a plain location, so that Ctrl+hover underlines the whole title, not one word.
      const links: vscode.LocationLink[] = [{ originSelectionRange: citationRange(citation), targetUri: entry.uri, targetRange: entry.range }];
      // The paper's literature note too, unless it is the note being read.
      const note = literatureNotes.hasNote(citation.paper.key) ? literatureNotes.noteUri(citation.paper.key) : undefined;
      if (note && note.toString() !== document.uri.toString()) links.push({ originSelectionRange: citationRange(citation), targetUri: note, targetRange: new vscode.Range(0, 0, 0, 0) });
      return links;
    },
  };
  return [vscode.languages.registerDefinitionProvider({ language: 'markdown' }, provider)];
}
