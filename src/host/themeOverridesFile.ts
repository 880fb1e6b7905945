// Reads and writes the workspace's theme overrides file.
import vscode = require('vscode');
import { RefusedFile } from '../node/textFile';
import { readBoundedText } from './workspaceFiles';
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
    const read = uri && (await textOrRefusal(uri));
    this.readText = read?.text;
    if (!uri || !read) return { overrides: NO_THEME_OVERRIDES, diagnostics: [] };
    const file = uri.scheme === 'file' ? uri.fsPath : uri.toString();
    if (read.refused !== undefined) return { overrides: NO_THEME_OVERRIDES, diagnostics: [{ file, line: 1, severity: 'error', message: read.refused }] };
    return parseThemeOverrides(read.text!, file);
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

/** An overrides file holds a few names per theme and paper: far less than this. */
const MAX_OVERRIDES_BYTES = 4 << 20;

/**
 * The file's text; undefined when there is none, or the workspace is not trusted (the file is
 * the workspace's own, which Restricted Mode keeps from the extension).
 */
async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  return (await textOrRefusal(uri))?.text;
}

async function textOrRefusal(uri: vscode.Uri): Promise<{ text?: string; refused?: string } | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  try {
    // A file on disk straight from it: every library load reads this file, once or twice, and
    // through VS Code's file system API that took long in a busy host (see test/bench/README.md).
    return { text: await readBoundedText(uri, MAX_OVERRIDES_BYTES) };
  } catch (error) {
    // A named pipe, a device or a huge file is said so; no file is no overrides.
    return error instanceof RefusedFile ? { refused: `the theme overrides file was not read: ${error.message}` } : undefined;
  }
}
