// Restricted Mode in the Papers view: what waits for trust, and a button to manage it.
import vscode = require('vscode');
import type { FeatureDeps } from './deps';

/** What the Papers view says while the workspace is not trusted. */
export const RESTRICTED_NOTICE = "Restricted Mode: this workspace's library files and theme overrides wait for trust. The shipped papers and your own absolute library files are shown.";

/**
 * Manage Workspace Trust, from the Papers view's title bar while the workspace is not trusted
 * (VS Code's own command, under a title of ours). The library loads again once trust is
 * granted (see `registerLibraryWatch`); the view's notice goes with the next load.
 */
export function registerWorkspaceTrust(_deps: FeatureDeps): vscode.Disposable[] {
  return [vscode.commands.registerCommand('literatureNotes.manageWorkspaceTrust', () => vscode.commands.executeCommand('workbench.trust.manage'))];
}
