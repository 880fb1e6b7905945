// Feature: Find All References on a citation, across the workspace's notes.
import vscode = require('vscode');
import { citationRange } from '../host/noteCitations';
import { paperEntry } from '../host/paperEntry';
import { WorkspaceNotes } from '../host/workspaceNotes';
import type { FeatureDeps } from './deps';

/** Find All References on a citation: every citation of the same paper (or unknown key) in the workspace's notes. */
export function registerCitationReferences({ library, citations }: FeatureDeps): vscode.Disposable[] {
  const notes = new WorkspaceNotes(library, citations);
  const provider: vscode.ReferenceProvider = {
    async provideReferences(document, position, context, token) {
      const cited = await citations.at(document, position);
      if (!cited) return undefined;
      const references = (await notes.all(document, token)).flatMap(({ uri, citations: found }) =>
        found.filter((c) => c.key === cited.key).map((c) => new vscode.Location(uri, citationRange(c))),
      );
      return context.includeDeclaration && cited.paper ? [paperEntry(cited.paper), ...references] : references;
    },
  };
  return [vscode.languages.registerReferenceProvider({ language: 'markdown' }, provider)];
}
