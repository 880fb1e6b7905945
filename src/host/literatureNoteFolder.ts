// The folder of literature notes: where a paper's note is, and which papers have one, kept up to date as notes come and go.
import vscode = require('vscode');
import { fileNameOfKey } from '../core/formats/attachments';
import { affects, notesFolderSetting } from './settings';

/** A path from the settings as a folder: absolute as it is, else inside the first workspace folder (none without one). */
export function settingFolder(setting: string): vscode.Uri | undefined {
  if (/^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(setting)) return vscode.Uri.file(setting);
  const workspace = vscode.workspace.workspaceFolders?.[0];
  return workspace && vscode.Uri.joinPath(workspace.uri, ...setting.split(/[\\/]+/).filter(Boolean));
}

/**
 * Which papers have a literature note: the Markdown files of the notes folder, by name (a key
 * made a file name, see `fileNameOfKey`). Read once, then kept up to date by a file watcher.
 */
export class LiteratureNoteFolder implements vscode.Disposable {
  private names = new Set<string>();
  private watcher?: vscode.FileSystemWatcher;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a note is made or deleted, or the folder setting changes. */
  readonly onDidChange = this.changed.event;
  private scanned: Promise<void>;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.scanned = this.scan();
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affects(event, 'notes.folder')) this.scanned = this.scan();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => (this.scanned = this.scan())),
    ];
  }

  /** The notes folder, or undefined when a relative folder has no workspace folder to be in. */
  get folder(): vscode.Uri | undefined {
    return settingFolder(notesFolderSetting());
  }

  /** Where the paper with this key has, or would have, its note. */
  noteUri(key: string): vscode.Uri | undefined {
    const folder = this.folder;
    return folder && vscode.Uri.joinPath(folder, `${fileNameOfKey(key)}.md`);
  }

  /** Whether the paper with this key has a note, as the folder was last read. */
  hasNote(key: string): boolean {
    return this.names.has(`${fileNameOfKey(key)}.md`);
  }

  /** Once the folder has been read. */
  ready(): Promise<void> {
    return this.scanned;
  }

  /** Counts a note just written, before the watcher reports it. */
  noteMade(key: string): void {
    const name = `${fileNameOfKey(key)}.md`;
    if (this.names.has(name)) return;
    this.names.add(name);
    this.changed.fire();
  }

  private async scan(): Promise<void> {
    this.watcher?.dispose();
    const folder = this.folder;
    this.names = new Set();
    if (folder) {
      this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*.md'), false, true, false);
      const update = (uri: vscode.Uri, present: boolean) => {
        const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
        if (present === this.names.has(name)) return;
        if (present) this.names.add(name);
        else this.names.delete(name);
        this.changed.fire();
      };
      this.watcher.onDidCreate((uri) => update(uri, true));
      this.watcher.onDidDelete((uri) => update(uri, false));
      try {
        const entries = await vscode.workspace.fs.readDirectory(folder);
        for (const [name, type] of entries) if (type & vscode.FileType.File && name.toLowerCase().endsWith('.md')) this.names.add(name);
      } catch {
        // No folder yet: the first note makes it.
      }
    }
    this.changed.fire();
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
