// Feature: Export Bibliography of This Note, as BibTeX, BibLaTeX or CSL-JSON.
import * as path from 'node:path';
import vscode = require('vscode');
import { exportBibliography, type ExportFormat } from '../core/formats/bibliography';
import { withBibliographyField } from '../core/notes/frontMatter';
import type { Paper } from '../core/model/paper';
import { citedPapers } from '../core/notes/referencesSection';
import { noteName } from '../host/activeNote';
import { applyNoteEdit } from '../host/noteEdit';
import type { FeatureDeps } from './deps';
import { noteArgument } from './noteArgument';
import { notificationText } from '../core/model/untrustedText';

/** What a caller may decide instead of the user: the format, the file, and whether the front matter names it. */
interface ExportOptions {
  readonly format?: ExportFormat;
  readonly target?: vscode.Uri;
  readonly addToFrontMatter?: boolean;
}

const FORMATS: Record<ExportFormat, { readonly label: string; readonly detail: string; readonly extension: string }> = {
  bibtex: { label: 'BibTeX', detail: 'references.bib, classic field names: pandoc, BibTeX and BibLaTeX styles, most reference managers', extension: 'bib' },
  biblatex: { label: 'BibLaTeX', detail: "references.bib, BibLaTeX's field names (journaltitle, date, location): pandoc, biber", extension: 'bib' },
  'csl-json': { label: 'CSL-JSON', detail: "references.json: pandoc's native format, Zotero", extension: 'json' },
};

/**
 * Export Bibliography of This Note: the papers the note cites, as BibTeX, BibLaTeX or CSL-JSON, in a
 * file written as a workspace edit (undoable like any edit), and optionally named in the
 * note's front matter so that pandoc finds it.
 */
export function registerBibliographyExport({ citations, notes }: FeatureDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('literatureNotes.exportBibliography', async (argument?: unknown) => {
      const options = exportOptions(argument);
      const note = await noteArgument(notes, argument, 'to export the papers it cites');
      if (!note) return undefined;
      const found = await citations.of(note);
      const papers = citedPapers(note.getText(), found);
      if (!papers.length) {
        void vscode.window.showInformationMessage(notificationText(`Literature Notes: ${noteName(note)} cites no paper of the library, so no bibliography was written.`));
        return undefined;
      }
      const format = options.format ?? (await pickFormat());
      const target = format && (options.target ?? (await pickTarget(note, format)));
      if (!format || !target) return undefined;
      await writeBibliography(target, papers, format);
      await nameInFrontMatter(note, target, options.addToFrontMatter);
      const missing = [...new Set(found.filter((c) => !c.paper).map((c) => `@${c.key}`))];
      const left = missing.length ? `; not in the library, so left out: ${missing.join(', ')}` : '';
      void vscode.window.showInformationMessage(notificationText(`Literature Notes: ${papers.length} ${papers.length === 1 ? 'paper' : 'papers'} written to ${path.posix.basename(target.path)}${left}.`));
      return target;
    }),
  ];
}

/** No argument (the palette), a Uri (an editor menu), or options from a caller; anything else is a caller's mistake. */
function exportOptions(argument: unknown): ExportOptions {
  if (argument === undefined || argument instanceof vscode.Uri) return {};
  const invalid = (what: string) => new Error(`literatureNotes.exportBibliography: ${what}`);
  if (typeof argument !== 'object' || argument === null) throw invalid(`expected { format?, target?, addToFrontMatter? }, got ${JSON.stringify(argument)}`);
  const { format, target, addToFrontMatter, ...rest } = argument as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalid(`unknown option ${unknown.join(', ')}; the options are format, target and addToFrontMatter`);
  if (format !== undefined && !Object.hasOwn(FORMATS, String(format))) throw invalid(`format must be "bibtex", "biblatex" or "csl-json", not ${JSON.stringify(format)}`);
  if (target !== undefined && !(target instanceof vscode.Uri)) throw invalid('target must be a Uri');
  if (addToFrontMatter !== undefined && typeof addToFrontMatter !== 'boolean') throw invalid('addToFrontMatter must be true or false');
  return { format: format as ExportFormat | undefined, target, addToFrontMatter };
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items = Object.entries(FORMATS).map(([format, { label, detail }]) => ({ label, detail, format: format as ExportFormat }));
  return (await vscode.window.showQuickPick(items, { title: 'Export Bibliography of This Note', placeHolder: 'Format of the bibliography' }))?.format;
}

/** `references.bib` beside the note; beside an untitled note's workspace instead. */
function pickTarget(note: vscode.TextDocument, format: ExportFormat): Thenable<vscode.Uri | undefined> {
  const { label, extension } = FORMATS[format];
  const folder = note.isUntitled ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(note.uri, '..');
  return vscode.window.showSaveDialog({
    title: 'Export Bibliography of This Note',
    saveLabel: 'Export',
    filters: { [label]: [extension] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `references.${extension}`) } : {}),
  });
}

/** Replaces any file there and saves it; the edit stays in the file's undo history. */
async function writeBibliography(target: vscode.Uri, papers: readonly Paper[], format: ExportFormat): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { overwrite: true });
  edit.insert(target, new vscode.Position(0, 0), await exportBibliography(papers, format));
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Literature Notes could not write ${target.toString(true)}.`);
  await (await vscode.workspace.openTextDocument(target)).save();
}

/** Adds or updates `bibliography:` in the note's front matter when asked to, or when the user agrees. */
async function nameInFrontMatter(note: vscode.TextDocument, target: vscode.Uri, add: boolean | undefined): Promise<void> {
  if (add === false) return;
  const value = pathFromNote(note, target);
  const field = withBibliographyField(note.getText(), value);
  if (field.kind === 'unchanged') return;
  if (field.kind === 'refused') {
    void vscode.window.showWarningMessage(notificationText(`Literature Notes: the bibliography was written, but not named in the note. ${field.reason}`));
    return;
  }
  if (add === undefined) {
    const detail = 'pandoc then finds the papers when it renders the note with --citeproc.';
    if ((await vscode.window.showInformationMessage(notificationText(`Add "bibliography: ${value}" to the note's front matter?`), { modal: true, detail }, 'Add')) !== 'Add') return;
  }
  // The note may have changed while the question was open.
  const fresh = withBibliographyField(note.getText(), value);
  if (fresh.kind === 'edit') await applyNoteEdit(note, fresh);
}

/** As pandoc, run from the note's folder, finds the file: relative to it, or absolute for an untitled note. */
function pathFromNote(note: vscode.TextDocument, target: vscode.Uri): string {
  const related = !note.isUntitled && note.uri.scheme === target.scheme && note.uri.authority === target.authority;
  if (related) return path.posix.relative(path.posix.dirname(note.uri.path), target.path);
  return target.scheme === 'file' ? target.fsPath : target.toString();
}
