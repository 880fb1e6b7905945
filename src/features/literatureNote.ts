// Literature notes and papers' files: New Literature Note, Update Metadata of a note, and Open PDF.
import * as path from 'node:path';
import vscode = require('vscode');
import type { Paper } from '../core/model/paper';
import { BUILT_IN_TEMPLATE, noteKeyOf, renderLiteratureNote, updateLiteratureNote, type MetadataUpdate } from '../core/notes/literatureNote';
import { settingFolder } from '../host/literatureNoteFolder';
import { paperFiles } from '../host/paperFiles';
import { notesTemplateSetting } from '../host/settings';
import type { FeatureDeps } from './deps';
import { noteArgument } from './noteArgument';
import { paperArgument } from './paperArgument';
import { notificationText } from '../core/model/untrustedText';
import { readBoundedText } from '../host/workspaceFiles';

/** How many related papers `${related}` cites. */
const RELATED_IN_NOTE = 5;
/** A template is a page or two; anything far larger is not one. */
const MAX_TEMPLATE_BYTES = 256 * 1024;

/** Update Metadata's second argument, for scripts and keybindings: the answer to its question, given in advance. */
export interface UpdateOptions {
  /** Overwrite parts edited by hand (true) or keep them (false), without asking. */
  readonly overwriteHandEdited?: boolean;
}

export function registerLiteratureNotes(deps: FeatureDeps): vscode.Disposable[] {
  const { library } = deps;
  return [
    vscode.commands.registerCommand('literatureNotes.newLiteratureNote', async (argument?: unknown) => {
      const paper = await paperArgument(library, argument, 'Paper to write a literature note about');
      return paper && openLiteratureNote(deps, paper);
    }),
    vscode.commands.registerCommand('literatureNotes.updateNoteMetadata', async (argument?: unknown, options?: UpdateOptions) => {
      const document = await noteArgument(deps.notes, argument, 'made by New Literature Note to update its metadata');
      return document && updateMetadata(deps, document, options ?? {});
    }),
    vscode.commands.registerCommand('literatureNotes.openPdf', async (argument?: unknown) => {
      const paper = argument === undefined ? await paperOfActiveNote(deps) : await paperArgument(library, argument, 'Paper whose file to open');
      return paper && openPaperFile(paper);
    }),
  ];
}

/**
 * Opens the paper's literature note, first making it from the template when there is none.
 * An existing note is never written to. The new note is one undoable edit, saved as made.
 * Resolves to the note's Uri, or undefined when no note could be opened.
 */
async function openLiteratureNote({ library, literatureNotes, log }: FeatureDeps, paper: Paper): Promise<vscode.Uri | undefined> {
  const uri = literatureNotes.noteUri(paper.key);
  if (!uri) {
    void vscode.window.showWarningMessage('Literature Notes: open a folder first; literature notes are made in a folder of the workspace (the "Notes: Folder" setting).');
    return undefined;
  }
  if (!(await exists(uri))) {
    const loaded = await library.relatedReady(await library.ready());
    const related = loaded.relatedTo(paper, RELATED_IN_NOTE).map((r) => r.paper);
    const text = renderLiteratureNote(await noteTemplate(log), { paper, related, date: today() });
    // One workspace edit makes the file with its text: saved as made, and undone (the file
    // removed) by Undo. `ignoreIfExists`: a note made meanwhile is never overwritten.
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: false }))) {
      void vscode.window.showErrorMessage(notificationText(`Literature Notes: could not create ${uri.fsPath}.`));
      return undefined;
    }
    literatureNotes.noteMade(paper.key);
  }
  return showNote(uri);
}

async function showNote(uri: vscode.Uri): Promise<vscode.Uri> {
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

/** The user's template when set and readable, else the built-in one; a template that cannot be read is reported. */
async function noteTemplate(log: vscode.LogOutputChannel): Promise<string> {
  const setting = notesTemplateSetting();
  if (!setting) return BUILT_IN_TEMPLATE;
  const uri = settingFolder(setting);
  try {
    if (!uri) throw new Error('a relative path needs an open folder');
    // Bounded: a named pipe or a link to a device is refused, not waited on or read forever.
    return (await readBoundedText(uri, MAX_TEMPLATE_BYTES)).replace(/^\uFEFF/, '');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn(`Literature note template ${setting}: ${reason}`);
    void vscode.window.showWarningMessage(notificationText(`Literature Notes: the note template "${setting}" could not be read (${reason}); the built-in template was used.`));
    return BUILT_IN_TEMPLATE;
  }
}

/**
 * Rewrites the note's front matter and marked region from the library, as one undoable edit,
 * and saves. Parts the user edited by hand are asked about; the rest of the note is never touched.
 */
async function updateMetadata({ library, log }: FeatureDeps, document: vscode.TextDocument, options: UpdateOptions): Promise<MetadataUpdate | undefined> {
  const name = path.basename(document.uri.path);
  const text = document.getText();
  const key = noteKeyOf(text);
  if (key === undefined) {
    void vscode.window.showWarningMessage(notificationText(`Literature Notes: ${name} is not a literature note: its front matter names no "key:".`));
    return undefined;
  }
  const loaded = await library.relatedReady(await library.ready());
  const paper = loaded.paperByKey(key);
  if (!paper) {
    void vscode.window.showWarningMessage(notificationText(`Literature Notes: ${name} is about "${key}", which is not in the library; nothing was changed.`));
    return undefined;
  }
  const related = loaded.relatedTo(paper, RELATED_IN_NOTE).map((r) => r.paper);
  const rendered = renderLiteratureNote(await noteTemplate(log), { paper, related, date: createdDate(text) ?? today() });
  let update = updateLiteratureNote(text, rendered);
  if (update.found.length === 0) {
    void vscode.window.showWarningMessage(notificationText(`Literature Notes: ${name} has no part the library wrote (a front matter with "literature-notes-hash", or the region between the literature-notes markers); nothing was changed.`));
    return update;
  }
  if (update.handEdited.length) {
    const overwrite = options.overwriteHandEdited ?? (await askOverwrite(name, update.handEdited));
    if (overwrite === undefined) return undefined;
    if (overwrite) update = updateLiteratureNote(text, rendered, update.handEdited);
  }
  if (update.edits.length === 0) {
    vscode.window.setStatusBarMessage(`$(check) ${name}: metadata up to date`, 3000);
    return update;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const { start, end, newText } of update.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), newText);
  if (await vscode.workspace.applyEdit(edit)) await document.save();
  vscode.window.setStatusBarMessage(`$(check) ${name}: metadata updated from the library`, 3000);
  return update;
}

/** True to overwrite, false to keep the user's version, undefined to cancel. */
async function askOverwrite(name: string, parts: MetadataUpdate['handEdited']): Promise<boolean | undefined> {
  const what = parts.map((part) => (part === 'region' ? 'the marked metadata region' : 'the front matter')).join(' and ');
  const choice = await vscode.window.showWarningMessage(
    notificationText(`${name}: ${what} changed by hand since the library wrote it. Overwrite with the library's metadata, or keep your version?`),
    { modal: true },
    'Overwrite',
    'Keep Mine',
  );
  return choice === 'Overwrite' ? true : choice === 'Keep Mine' ? false : undefined;
}

/** The note's `created:` date, so an update does not move it to today. */
function createdDate(text: string): string | undefined {
  return /^created:[ \t]*"?(\d{4}-\d{2}-\d{2})"?[ \t]*$/m.exec(text.slice(0, 64 * 1024))?.[1];
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The paper of the literature note being edited, else the one the user picks. */
async function paperOfActiveNote({ library, notes }: FeatureDeps): Promise<Paper | undefined> {
  const key = notes.target && noteKeyOf(notes.target.document.getText());
  const paper = key === undefined ? undefined : (await library.ready()).paperByKey(key);
  return paper ?? paperArgument(library, undefined, 'Paper whose file to open');
}

/**
 * Opens the paper's file with `vscode.open`, so a PDF viewer extension can show it; with
 * several, the user picks one. With none it says which paths were tried.
 */
async function openPaperFile(paper: Paper): Promise<vscode.Uri | undefined> {
  const { found, tried } = await paperFiles(paper);
  if (found.length === 0) {
    const where = tried.length ? `tried ${tried.join(', ')}` : 'its library entry names no PDF, EPUB or HTML file, and no PDF folder is set ("PDF Folders" setting)';
    void vscode.window.showWarningMessage(notificationText(`Literature Notes: no file found for "${paper.key}": ${where}.`));
    return undefined;
  }
  const uri =
    found.length === 1
      ? found[0]
      : (await vscode.window.showQuickPick(
          found.map((file) => ({ label: path.basename(file.fsPath), description: file.fsPath, file })),
          { placeHolder: `Files of ${paper.title}` },
        ))?.file;
  if (uri) await vscode.commands.executeCommand('vscode.open', uri);
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
