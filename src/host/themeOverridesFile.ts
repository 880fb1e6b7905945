// Reads and writes the workspace's theme overrides file.
import { readFile } from 'node:fs/promises';
import vscode = require('vscode');
import type { LibraryDiagnostic } from '../core/model/paper';
import { changeThemeOverridesText, NO_THEME_OVERRIDES, parseThemeOverrides, THEME_OVERRIDES_FILE, type ThemeOverrides } from '../core/search/themeOverrides';

/**
 * The workspace's theme overrides file (`literature-notes.themes.json` in the first folder):
 * read by every library load, written when the user renames a theme or moves a paper.
 */
export class ThemeOverridesFile {
  /** The text the last load read (undefined: no file), to tell the user's edits from our own writes. */
  private readText?: string;

  get uri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, THEME_OVERRIDES_FILE);
  }

  async read(): Promise<{ overrides: ThemeOverrides; diagnostics: LibraryDiagnostic[] }> {
    const uri = this.uri;
    this.readText = uri && (await textOf(uri));
    if (!uri || this.readText === undefined) return { overrides: NO_THEME_OVERRIDES, diagnostics: [] };
    return parseThemeOverrides(this.readText, uri.scheme === 'file' ? uri.fsPath : uri.toString());
  }

  /** Whether the file is not as the last load read it: edited, created or deleted since. */
  async changedSinceRead(): Promise<boolean> {
    const uri = this.uri;
    return (uri && (await textOf(uri))) !== this.readText;
  }

  /** Makes `change` to the overrides as one edit of the file, which the user can undo, and saves it. */
  async update(change: (current: ThemeOverrides) => ThemeOverrides): Promise<void> {
    const uri = this.uri;
    if (!uri) throw new Error('Open a folder first: theme names and moves are kept in a file of the workspace.');
    const document = (await textOf(uri)) === undefined ? undefined : await vscode.workspace.openTextDocument(uri);
    const text = changeThemeOverridesText(document?.getText() ?? '', change);
    const edit = new vscode.WorkspaceEdit();
    if (document) edit.replace(uri, new vscode.Range(new vscode.Position(0, 0), document.positionAt(document.getText().length)), text);
    else edit.createFile(uri, { contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not write ${uri.toString(true)}.`);
    await (await vscode.workspace.openTextDocument(uri)).save();
  }
}

async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  try {
    // A file on disk straight from it: every library load reads this file, once or twice, and
    // through VS Code's file system API that took long in a busy host (see test/bench/README.md).
    return new TextDecoder().decode(uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // no file: no overrides
  }
}
