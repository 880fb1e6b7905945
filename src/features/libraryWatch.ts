// Feature: watches the library files and reloads the library when they change.
import * as path from 'node:path';
import vscode = require('vscode');
import { FileChangeWatch } from '../node/fileChangeWatch';
import { holdsLibraryFiles, libraryLocations, type LibraryLocation } from '../host/libraryLocations';
import { affects, themeDefinitionsFile } from '../host/settings';
import type { FeatureDeps } from './deps';

/**
 * Watches the configured library files and globs: an edit, a new file or a deleted one
 * reloads the library (only the files that changed are parsed again), and with it the views,
 * hovers and Problems. Watchers follow the settings, the workspace folders and trust. The
 * files the library was read from are watched by Node's watcher too, which tells sooner.
 */
export function registerLibraryWatch({ library }: FeatureDeps): vscode.Disposable[] {
  let watchers: vscode.Disposable[] = [];
  const reloadSoon = () => library.reloadSoon();
  const unwatch = () => watchers.forEach((w) => w.dispose());
  const watch = () => {
    unwatch();
    watchers = libraryLocations().flatMap((location) => {
      const watcher = vscode.workspace.createFileSystemWatcher(location.pattern);
      return [watcher, watcher.onDidCreate(reloadSoon), watcher.onDidChange(reloadSoon), watcher.onDidDelete(reloadSoon), ...watchFolders(location)];
    });
    watchers.push(...watchDefinitions());
  };
  // The user's theme definitions: an edit that changes them themes the library afresh by them.
  const watchDefinitions = () => {
    const file = themeDefinitionsFile();
    if (!file) return [];
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    return [watcher, watcher.onDidCreate(reloadSoon), watcher.onDidChange(reloadSoon), watcher.onDidDelete(reloadSoon)];
  };
  // Events for files written into a folder just made, or in one moved in whole, are often lost
  // (inotify watches a new folder only once told of it): a new folder is looked into. A folder
  // deleted and made again in one burst of events comes as a change.
  const watchFolders = (location: LibraryLocation) =>
    location.folders.flatMap((folders) => {
      const watcher = vscode.workspace.createFileSystemWatcher(folders, false, false, true);
      const lookInto = (folder: vscode.Uri) => library.reloadSoon(() => holdsLibraryFiles(folder, location));
      return [watcher, watcher.onDidCreate(lookInto), watcher.onDidChange(lookInto)];
    });
  // The settings' own reload is Reload Library's; folders and trust change what they resolve to.
  const rewatchAndReload = () => {
    watch();
    reloadSoon();
  };
  watch();
  const filesRead = new FileChangeWatch(reloadSoon);
  return [
    library.onDidChange(() => filesRead.watchFiles(library.files)),
    filesRead,
    vscode.workspace.onDidChangeConfiguration((event) => affects(event, 'libraries', 'themeDefinitions') && watch()),
    vscode.workspace.onDidChangeWorkspaceFolders(rewatchAndReload),
    vscode.workspace.onDidGrantWorkspaceTrust(rewatchAndReload),
    { dispose: unwatch },
  ];
}
