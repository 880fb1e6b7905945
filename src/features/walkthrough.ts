// The Get Started walkthrough: a command that opens it, and opening it once, on the first activation.
import vscode = require('vscode');
import type { FeatureDeps } from './deps';

/** `contributes.walkthroughs[].id` in package.json. */
const WALKTHROUGH = 'gettingStarted';
const SHOW_WALKTHROUGH = 'literatureNotes.showWalkthrough';
/** Set once the walkthrough has opened by itself, so it does so once per user, not per window. */
const OPENED_KEY = 'literatureNotes.walkthroughOpened';

export function registerWalkthrough({ context }: FeatureDeps): vscode.Disposable[] {
  const open = () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH}`, false);
  // Not in the extension's own tests, whose editors it would share (an installed extension's tests
  // see it), nor for a user who asked VS Code not to open walkthroughs on install.
  const wanted = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true);
  if (wanted && !context.globalState.get<boolean>(OPENED_KEY) && context.extensionMode !== vscode.ExtensionMode.Test) {
    void context.globalState.update(OPENED_KEY, true).then(open);
  }
  return [vscode.commands.registerCommand(SHOW_WALKTHROUGH, open)];
}
