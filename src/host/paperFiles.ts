// A paper's files on disk: the attachments its library names and the files named by its key in the PDF folders.
import * as os from 'node:os';
import * as path from 'node:path';
import vscode = require('vscode');
import { attachmentCandidates, isOpenableAttachment, isWebAddress, keyedAttachmentNames, type PathStyle } from '../core/formats/attachments';
import type { LibraryView } from '../core/model/libraryView';
import type { Paper } from '../core/model/paper';
import type { LibraryService } from './libraryService';
import { settingFolder } from './literatureNoteFolder';
import { affects, pdfFoldersSetting } from './settings';

/** What a look for a paper's files found, and every path it tried, for the message when none is there. */
export interface PaperFiles {
  readonly found: readonly vscode.Uri[];
  readonly tried: readonly string[];
}

const style = (): PathStyle => ({ windows: process.platform === 'win32', home: os.homedir() });

/** The local folders of the `pdfFolders` setting, read once for many papers. */
function pdfFolderPaths(): string[] {
  return pdfFoldersSetting().flatMap((setting) => {
    const folder = settingFolder(setting);
    return folder?.scheme === 'file' ? [folder.fsPath] : [];
  });
}

/** The paths where a paper's files may be, likeliest first: only documents (PDF, EPUB, HTML), never a program. */
export function paperFileCandidates(paper: Paper, folders = pdfFolderPaths()): string[] {
  const fromLibrary = (paper.attachments ?? [])
    .filter((written) => !isWebAddress(written) && isOpenableAttachment(written))
    .flatMap((written) => attachmentCandidates(written, path.dirname(paper.file), style()));
  const fromFolders = folders.flatMap((folder) => keyedAttachmentNames(paper.key).map((name) => path.join(folder, name)));
  return [...new Set([...fromLibrary, ...fromFolders])];
}

/** The paper's files that exist as files (not folders), in the order of `paperFileCandidates`. */
export async function paperFiles(paper: Paper, folders = pdfFolderPaths()): Promise<PaperFiles> {
  const tried = paperFileCandidates(paper, folders);
  const exists = await Promise.all(tried.map((candidate) => isFile(vscode.Uri.file(candidate))));
  return { found: tried.filter((_, i) => exists[i]).map((candidate) => vscode.Uri.file(candidate)), tried };
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** The most papers whose files are looked for in the background after a load; the rest are looked for when asked. */
const INDEXED_PAPERS = 20_000;

/**
 * Which papers have a file, for the sidebar, which cannot wait for the disk: looked for in the
 * background after each load and when the PDF folders change, a few at a time.
 */
export class PaperFilesIndex implements vscode.Disposable {
  private withFiles = new Set<Paper>();
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(library: LibraryService) {
    this.subscriptions = [
      library.onDidChange((loaded) => void this.index(loaded)),
      vscode.workspace.onDidChangeConfiguration((event) => affects(event, 'pdfFolders') && library.current && void this.index(library.current)),
    ];
    if (library.current) void this.index(library.current);
  }

  /** Whether the paper had a file when last looked for; false until then. */
  hasFiles(paper: Paper): boolean {
    return this.withFiles.has(paper);
  }

  private async index(loaded: LibraryView): Promise<void> {
    const generation = ++this.generation;
    const found = new Set<Paper>();
    // The setting is read once per look, not once per paper.
    const folders = pdfFolderPaths();
    const papers = loaded.papers.filter((paper) => folders.length > 0 || paper.attachments?.length).slice(0, INDEXED_PAPERS);
    for (let i = 0; i < papers.length; i += 32) {
      const batch = papers.slice(i, i + 32);
      const files = await Promise.all(batch.map((paper) => paperFiles(paper, folders)));
      if (generation !== this.generation) return;
      batch.forEach((paper, j) => files[j].found.length && found.add(paper));
    }
    this.withFiles = found;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
