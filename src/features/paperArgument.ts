// Helper for commands: which paper a command is about.
import vscode = require('vscode');
import type { Paper } from '../core/model/paper';
import type { LibraryService } from '../host/libraryService';
import { notificationText } from '../core/model/untrustedText';

/**
 * The paper a command is about: a key (palette, links, other extensions), a sidebar node
 * (`{ paper }`), or, with no argument, the one the user picks. Unknown keys are reported.
 */
export async function paperArgument(library: LibraryService, argument: unknown, placeholder: string): Promise<Paper | undefined> {
  const loaded = await library.ready();
  const key = typeof argument === 'string' ? argument : keyOfNode(argument);
  if (key !== undefined) {
    const paper = loaded.paperByKey(key);
    if (!paper) void vscode.window.showWarningMessage(notificationText(`Literature Notes: no paper with the key "${key}" is in the library.`));
    return paper;
  }
  const items = loaded.papers.map((paper) => ({ label: paper.title, description: `${paper.key} · ${paper.theme}`, paper }));
  return (await vscode.window.showQuickPick(items, { placeHolder: placeholder, matchOnDescription: true }))?.paper;
}

function keyOfNode(argument: unknown): string | undefined {
  const key = (argument as { paper?: { key?: unknown } } | undefined)?.paper?.key;
  return typeof key === 'string' ? key : undefined;
}
