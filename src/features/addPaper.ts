// Feature: Add Paper, which appends a paper to a library file as one undoable edit.
import * as path from 'node:path';
import vscode = require('vscode');
import { appendBibtexEntry, appendSeedEntry, seedTitleProblem, type LibraryAppend } from '../core/formats/libraryAppend';
import type { Paper } from '../core/model/paper';
import { findLibraryFiles, libraryLocations } from '../host/libraryLocations';
import type { FeatureDeps } from './deps';
import { notificationText } from '../core/model/untrustedText';

/** A paper to add: a title and abstract for a seed-format `.txt` file, or a BibTeX entry for a `.bib` one. */
type NewPaper = { readonly title: string; readonly abstract: string } | { readonly bibtex: string };

const FORMATS = {
  seed: { extension: 'txt', label: 'Seed format (title, blank line, abstract)' },
  bibtex: { extension: 'bib', label: 'BibTeX' },
} as const;

const formatOf = (paper: NewPaper) => ('bibtex' in paper ? FORMATS.bibtex : FORMATS.seed);

/**
 * Add Paper…: a title and abstract, or a pasted BibTeX entry, appended to a library file the
 * user picks (or a new one, then added to the libraries setting) as one edit they can undo.
 * The file is saved, so the library loads it as any change to a library file.
 */
export function registerAddPaper({ library }: FeatureDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('literatureNotes.addPaper', async (argument?: unknown): Promise<Paper | undefined> => {
      const given = addPaperArgument(argument, library.files);
      const paper = given?.paper ?? (await askForPaper());
      const file = paper && (given?.file ?? (await pickLibraryFile(formatOf(paper))));
      if (!paper || !file) return undefined;

      const document = (await exists(file)) ? await vscode.workspace.openTextDocument(file) : undefined;
      const text = document?.getText() ?? '';
      const append: LibraryAppend = 'bibtex' in paper ? await appendBibtexEntry(text, file.fsPath, paper.bibtex) : appendSeedEntry(text, file.fsPath, paper.title, paper.abstract);
      if (append.kind === 'refused') {
        void vscode.window.showErrorMessage(notificationText(`Literature Notes: the paper was not added. ${append.reason}`));
        return undefined;
      }
      const edit = new vscode.WorkspaceEdit();
      if (!document) edit.createFile(file, { ignoreIfExists: true });
      edit.insert(file, document?.positionAt(append.edit.start) ?? new vscode.Position(0, 0), append.edit.newText);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Literature Notes could not write ${file.toString(true)}.`);
      const saved = await vscode.workspace.openTextDocument(file);
      await saved.save();

      await includeInLibraries(file);
      const added = (await library.reload('update')).papers.find((p) => path.resolve(p.file) === path.resolve(file.fsPath) && p.line === append.entry.line);
      // Shown at the new entry: the user sees what was written, and Undo is a keystroke away.
      const line = append.entry.line - 1;
      await vscode.window.showTextDocument(saved, { selection: new vscode.Range(line, 0, line, 0) });
      void vscode.window.showInformationMessage(notificationText(`Literature Notes: added "${append.entry.title}" to ${path.basename(file.fsPath)}${added ? ` as @${added.key}` : ''}.`));
      return added;
    }),
  ];
}

/** Options from a caller (`{ title, abstract, file }` or `{ bibtex, file }`); anything else is a caller's mistake. */
function addPaperArgument(argument: unknown, libraryFiles: readonly string[]): { paper: NewPaper; file?: vscode.Uri } | undefined {
  if (argument === undefined) return undefined;
  const invalid = (what: string) => new Error(`literatureNotes.addPaper: ${what}`);
  if (typeof argument !== 'object' || argument === null) throw invalid(`expected { title, abstract?, file? } or { bibtex, file? }, got ${JSON.stringify(argument)}`);
  const { title, abstract, bibtex, file, ...rest } = argument as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalid(`unknown option ${unknown.join(', ')}; the options are title, abstract, bibtex and file`);
  if ((title === undefined) === (bibtex === undefined)) throw invalid('give either a title (with an abstract) or a BibTeX entry');
  if ([title, abstract, bibtex].some((v) => v !== undefined && typeof v !== 'string')) throw invalid('title, abstract and bibtex must be strings');
  if (bibtex !== undefined && abstract !== undefined) throw invalid('a BibTeX entry has its abstract inside it');
  if (file !== undefined && typeof file !== 'string' && !(file instanceof vscode.Uri)) throw invalid('file must be a path or a Uri');
  const paper: NewPaper = bibtex !== undefined ? { bibtex: bibtex as string } : { title: title as string, abstract: (abstract as string | undefined) ?? '' };
  const uri = typeof file === 'string' ? vscode.Uri.file(resolveInWorkspace(file)) : file;
  // A caller writes only where the user keeps papers: not to any file it names (`../../.bashrc.txt`).
  if (uri && !vscode.workspace.getWorkspaceFolder(uri) && !libraryFiles.some((f) => path.resolve(f) === path.resolve(uri.fsPath))) {
    throw invalid(`${uri.fsPath} is neither in a workspace folder nor one of the library files`);
  }
  if (uri && path.extname(uri.path).toLowerCase() !== `.${formatOf(paper).extension}`) throw invalid(`${'bibtex' in paper ? 'a BibTeX entry goes' : 'a title and abstract go'} into a .${formatOf(paper).extension} file`);
  return { paper, file: uri };
}

async function askForPaper(): Promise<NewPaper | undefined> {
  const first = await vscode.window.showInputBox({
    title: 'Add Paper (1/2)',
    prompt: 'The title of the paper, or paste a BibTeX entry',
    placeHolder: 'Title, or @article{key, …}',
    validateInput: async (input) => (input.trim().startsWith('@') ? bibtexProblem(await withLineBreaks(input)) : seedTitleProblem(input)),
  });
  if (first === undefined) return undefined;
  if (first.trim().startsWith('@')) return { bibtex: await withLineBreaks(first) };
  const abstract = await vscode.window.showInputBox({ title: 'Add Paper (2/2)', prompt: `The abstract of "${first.trim()}", as one paragraph` });
  return abstract === undefined ? undefined : { title: first, abstract };
}

/** Why pasted BibTeX cannot be added, as the user pastes it; checked against the chosen file again. */
async function bibtexProblem(bibtex: string): Promise<string | undefined> {
  const append = await appendBibtexEntry('', 'pasted.bib', bibtex);
  return append.kind === 'refused' ? append.reason : undefined;
}

/**
 * An input box drops the line breaks of pasted text, which BibTeX needs (a `%` comment runs to
 * the end of its line); the clipboard still has them.
 */
async function withLineBreaks(typed: string): Promise<string> {
  const pasted = await vscode.env.clipboard.readText();
  return pasted.replace(/\s+/g, '') === typed.replace(/\s+/g, '') ? pasted : typed;
}

/** One of the configured library files of the format, or a new file. */
async function pickLibraryFile(format: (typeof FORMATS)[keyof typeof FORMATS]): Promise<vscode.Uri | undefined> {
  const files = (await findLibraryFiles(libraryLocations())).filter((file) => path.extname(file).toLowerCase() === `.${format.extension}`);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const items = files.map((file) => ({ label: path.basename(file), description: vscode.workspace.asRelativePath(file), uri: vscode.Uri.file(file) }));
  const newFile = { label: '$(new-file) New Library File…', alwaysShow: true, uri: undefined };
  const chosen = await vscode.window.showQuickPick([...items, newFile], { title: 'Add Paper', placeHolder: `Library file to add it to (.${format.extension})` });
  if (!chosen || chosen.uri) return chosen?.uri;
  return vscode.window.showSaveDialog({
    title: 'New Library File',
    saveLabel: 'Create',
    filters: { [format.label]: [format.extension] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `papers.${format.extension}`) } : {}),
  });
}

/** Adds the file to the workspace's `literatureNotes.libraries` unless an entry there already finds it. */
async function includeInLibraries(file: vscode.Uri): Promise<void> {
  const configured = await findLibraryFiles(libraryLocations());
  if (configured.some((f) => path.resolve(f) === path.resolve(file.fsPath))) return;
  const settings = vscode.workspace.getConfiguration('literatureNotes');
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  const target = folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const inspected = settings.inspect<string[]>('libraries');
  const current = (folder ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  const relative = folder && path.relative(folder.uri.fsPath, file.fsPath);
  const entry = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file.fsPath;
  await settings.update('libraries', [...current, entry], target);
}

/** A path as the libraries setting reads it: relative to the first workspace folder, or absolute. */
function resolveInWorkspace(file: string): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return path.isAbsolute(file) || !folder ? file : path.join(folder.uri.fsPath, file);
}

const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(
  () => true,
  () => false,
);
