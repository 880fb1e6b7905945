// The Get Started walkthrough: its command, and opening it the first time the extension activates.
import vscode = require('vscode');
import type { FeatureDeps } from './deps';

/** `<publisher>.<name>#<contributes.walkthroughs[].id>` in package.json. */
const WALKTHROUGH = 'literature-notes.literature-notes#gettingStarted';
/** Set in globalState once the walkthrough has been opened for the user. */
const OPENED_KEY = 'walkthroughOpened';

export function registerWalkthrough(deps: FeatureDeps): vscode.Disposable[] {
  void openOnFirstActivation(deps).catch((error: unknown) => deps.log.warn(`Could not open the walkthrough: ${error instanceof Error ? error.message : String(error)}`));
  return [vscode.commands.registerCommand('literatureNotes.showWalkthrough', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false))];
}

/**
 * VS Code opens an extension's walkthrough only when the extension is installed from within the
 * window (the Extensions view); one installed otherwise (`code --install-extension`, a profile,
 * settings sync) would never greet its user. So the extension opens it once itself, beside the
 * note that activated it, leaving the note its focus. The user's setting that keeps walkthroughs
 * from opening on install is honoured, and a window running tests is no user's first hour.
 */
async function openOnFirstActivation({ globalState, extensionMode }: FeatureDeps): Promise<void> {
  if (globalState.get(OPENED_KEY) || extensionMode === vscode.ExtensionMode.Test) return;
  if (vscode.workspace.getConfiguration('workbench.welcomePage').get('walkthroughs.openOnInstall') === false) return;
  await globalState.update(OPENED_KEY, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, { toSide: vscode.window.activeTextEditor !== undefined });
}
