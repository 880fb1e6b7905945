// Feature: Go to Definition and Peek on a citation, to the paper's library entry.
import vscode = require('vscode');
import { citationRange } from '../host/noteCitations';
import { paperEntry } from '../host/paperEntry';
import type { FeatureDeps } from './deps';

/** Go to Definition and Peek on a citation key, a cited title or a title link: the paper's entry in its library file. */
export function registerCitationDefinition({ citations }: FeatureDeps): vscode.Disposable[] {
  const provider: vscode.DefinitionProvider = {
    async provideDefinition(document, position) {
      const citation = await citations.at(document, position);
      if (!citation?.paper) return undefined;
      const entry = paperEntry(citation.paper);
      // A link, not a plain location, so that Ctrl+hover underlines the whole title, not one word.
      return [{ originSelectionRange: citationRange(citation), targetUri: entry.uri, targetRange: entry.range }];
    },
  };
  return [vscode.languages.registerDefinitionProvider({ language: 'markdown' }, provider)];
}
