// The extension's settings, read fresh each time.
import * as path from 'node:path';
import vscode = require('vscode');
import { DEFAULT_MAX_LIBRARY_FILE_BYTES } from '../node/libraryFiles';
import { entriesBeforeTrust } from '../core/model/restrictedMode';
import { SNIPPET_STYLES, type SnippetStyle } from '../core/notes/citationSnippet';

/** The extension's settings, read fresh each time so a change applies at once. */
const section = () => vscode.workspace.getConfiguration('literatureNotes');

export function citationStyle(): SnippetStyle {
  const style = section().get<string>('citation.style', 'pandoc');
  return (SNIPPET_STYLES as readonly string[]).includes(style) ? (style as SnippetStyle) : 'pandoc';
}

export function citationTemplate(): string {
  return section().get<string>('citation.template', '${title} [@${key}]');
}

export function hoverEnabled(): boolean {
  return section().get<boolean>('hover.enabled', true);
}

/** Whether the papers shipped with the extension are part of the library. */
export function includeSeedPapers(): boolean {
  return section().get<boolean>('includeSeedPapers', true);
}

const DIAGNOSTIC_SEVERITIES: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** How unknown citation keys are reported in the Problems panel; undefined when turned off. */
export function unknownKeySeverity(): vscode.DiagnosticSeverity | undefined {
  const severity = section().get<string>('diagnostics.severity', 'warning');
  return severity === 'off' ? undefined : (DIAGNOSTIC_SEVERITIES[severity] ?? vscode.DiagnosticSeverity.Warning);
}

/**
 * The entries of `literatureNotes.libraries` (files or globs, seed format `.txt`, BibTeX
 * `.bib`, CSL-JSON `.json`), each with the local workspace folder it is relative to, as that
 * folder sees the setting. Only local folders: a virtual workspace has no paths to read.
 * With no local folder, relative entries have nothing to be relative to.
 */
export function configuredLibraries(): { readonly entry: string; readonly folder?: string }[] {
  const isEntry = (entry: unknown): entry is string => typeof entry === 'string' && entry.trim() !== '';
  if (!vscode.workspace.isTrusted) {
    // Restricted Mode: only the user's own files outside the workspace (see `entriesBeforeTrust`).
    const user = vscode.workspace.getConfiguration('literatureNotes').inspect<unknown[]>('libraries')?.globalValue;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    return entriesBeforeTrust(user, folders).map((entry) => ({ entry }));
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const entries = (scope?: vscode.Uri) => vscode.workspace.getConfiguration('literatureNotes', scope).get<unknown[]>('libraries', []).filter(isEntry);
  if (!folders.length) return entries().map((entry) => ({ entry }));
  return folders.flatMap((folder) => entries(folder.uri).map((entry) => ({ entry, folder: folder.uri.fsPath })));
}

/**
 * The user's theme definitions file, if set and the workspace is trusted: absolute, or resolved
 * against the first local workspace folder. A workspace's file is its own text, read only once trusted.
 */
export function themeDefinitionsFile(): string | undefined {
  const file = section().get<string>('themeDefinitions', '').trim();
  if (!file || !vscode.workspace.isTrusted) return undefined;
  if (path.isAbsolute(file)) return file;
  const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'file');
  return folder ? path.join(folder.uri.fsPath, file) : undefined;
}

/** The largest library file read, in bytes: the user's setting only, as a workspace's could lift the limit. */
export function maxLibraryFileBytes(): number {
  const megabytes = vscode.workspace.getConfiguration('literatureNotes').inspect<unknown>('maxLibraryFileSize')?.globalValue;
  return typeof megabytes === 'number' && megabytes > 0 ? Math.min(megabytes, 1024) * (1 << 20) : DEFAULT_MAX_LIBRARY_FILE_BYTES;
}

/** True when a configuration change touches the given settings of this extension. */
export function affects(event: vscode.ConfigurationChangeEvent, ...settings: string[]): boolean {
  return settings.some((s) => event.affectsConfiguration(`literatureNotes.${s}`));
}

/** The folder literature notes are made in, as set: relative to the first workspace folder, or absolute. */
export function notesFolderSetting(): string {
  return section().get<string>('notes.folder', 'literature').trim() || 'literature';
}

/** The user's literature note template file, if set: relative to the first workspace folder, or absolute. */
export function notesTemplateSetting(): string | undefined {
  return section().get<string>('notes.template', '').trim() || undefined;
}

/** Folders holding papers' files named by their keys (`<key>.pdf`), relative to the first workspace folder or absolute. */
export function pdfFoldersSetting(): string[] {
  return section()
    .get<unknown[]>('pdfFolders', [])
    .filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
    .map((entry) => entry.trim());
}
