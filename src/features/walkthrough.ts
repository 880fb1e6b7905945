// The Get Started walkthrough's command. VS Code itself opens the walkthrough the first time it
// sees the extension (unless workbench.welcomePage.walkthroughs.openOnInstall is off).
import vscode = require('vscode');

/** `<publisher>.<name>#<contributes.walkthroughs[].id>` in package.json. */
const WALKTHROUGH = 'literature-notes.literature-notes#gettingStarted';

export function registerWalkthrough(): vscode.Disposable[] {
  return [vscode.commands.registerCommand('literatureNotes.showWalkthrough', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false))];
}
