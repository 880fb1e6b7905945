// Feature: Rename Theme and Move to Theme, kept in the workspace's overrides file.
import vscode = require('vscode');
import type { LibraryView } from '../core/model/libraryView';
import type { Paper } from '../core/model/paper';
import { THEME_OVERRIDES_FILE, withPaperMoved, withThemeRenamed } from '../core/search/themeOverrides';
import type { ThemeDefinition } from '../core/search/themes';
import type { FeatureDeps } from './deps';
import { paperArgument } from './paperArgument';
import { notificationText } from '../core/model/untrustedText';

/**
 * Rename Theme and Move to Theme, from the sidebar's context menus or the palette: the choice
 * goes into `literature-notes.themes.json` in the workspace, to read and commit, and the
 * library follows that file, whoever edits it.
 */
export function registerThemeOverrides({ library }: FeatureDeps): vscode.Disposable[] {
  const overridesFile = library.themeOverrides;
  const update = async (change: Parameters<typeof overridesFile.update>[0]) => {
    try {
      await overridesFile.update(change);
    } catch (error) {
      void vscode.window.showErrorMessage(notificationText(`Literature Notes: ${(error as Error).message}`));
      return false;
    }
    await library.reload();
    return true;
  };

  // Our own writes reload at once; the watcher then finds the file as read and does nothing.
  const reloadIfChanged = () => library.reloadSoon(() => overridesFile.changedSinceRead());
  let watcher: vscode.FileSystemWatcher | undefined;
  const watch = () => {
    watcher?.dispose();
    const folder = vscode.workspace.workspaceFolders?.[0];
    watcher = folder && vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, THEME_OVERRIDES_FILE));
    watcher?.onDidCreate(reloadIfChanged);
    watcher?.onDidChange(reloadIfChanged);
    watcher?.onDidDelete(reloadIfChanged);
  };
  watch();

  return [
    vscode.commands.registerCommand('literatureNotes.renameTheme', async (argument?: unknown, newName?: unknown) => {
      const loaded = await library.ready();
      const parents = [...new Set(loaded.themes.flatMap((t) => (t.parent === undefined ? [] : [t.parent])))];
      const from = themeNameOf(argument) ?? (await pickTheme([...parents.map((name) => ({ name, keywords: [], icon: 'folder-library' })), ...loaded.themes], 'Theme to rename'));
      if (typeof from !== 'string') return undefined;
      const isParent = parents.includes(from);
      if (!isParent && !loaded.themes.some((t) => t.name === from)) {
        void vscode.window.showWarningMessage(notificationText(`Literature Notes: there is no theme "${from}".`));
        return undefined;
      }
      const to = (typeof newName === 'string' ? newName : await askThemeName(loaded, `Rename Theme "${from}"`, from))?.trim();
      if (!to || to === from) return undefined;
      return (await update((current) => withThemeRenamed(current, from, to, loaded.papers, isParent))) ? to : undefined;
    }),
    vscode.commands.registerCommand('literatureNotes.movePaperToTheme', async (argument?: unknown, theme?: unknown) => {
      const paper = await paperArgument(library, argument, 'Paper to move to another theme');
      if (!paper) return undefined;
      const target = (typeof theme === 'string' ? theme : await pickTargetTheme(await library.ready(), paper))?.trim();
      if (!target) return undefined;
      if (target === paper.theme) return target;
      return (await update((current) => withPaperMoved(current, paper.key, target))) ? target : undefined;
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      watch();
      reloadIfChanged();
    }),
    { dispose: () => watcher?.dispose() },
  ];
}

/** A theme's name, a sidebar theme node (`{ group: { theme } }`), or a sidebar node of sub-themes (`{ kind: 'parent', name }`). */
function themeNameOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  const parent = argument as { kind?: unknown; name?: unknown } | undefined;
  if (parent?.kind === 'parent' && typeof parent.name === 'string') return parent.name;
  const name = (argument as { group?: { theme?: { name?: unknown } } } | undefined)?.group?.theme?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Stands for the picker's "New Theme…" item. */
const NEW_THEME = Symbol('new theme');

async function pickTheme(themes: readonly ThemeDefinition[], placeHolder: string, offerNew = false): Promise<string | typeof NEW_THEME | undefined> {
  const items: (vscode.QuickPickItem & { name: string | typeof NEW_THEME })[] = themes.map((t) => ({
    label: `$(${t.icon ?? 'symbol-folder'}) ${t.name}`,
    description: t.description,
    name: t.name,
  }));
  if (offerNew) items.push({ label: '$(add) New Theme…', alwaysShow: true, name: NEW_THEME });
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.name;
}

async function pickTargetTheme(loaded: LibraryView, paper: Paper): Promise<string | undefined> {
  const chosen = await pickTheme(
    loaded.themes.filter((t) => t.name !== paper.theme),
    `Move "${paper.title}" to`,
    true,
  );
  return chosen === NEW_THEME ? askThemeName(loaded, `Move "${paper.title}" to a New Theme`, '') : chosen;
}

/** A name for a theme; taking an existing one merges the two, so it says so before it is taken. */
function askThemeName(loaded: LibraryView, title: string, value: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    value,
    prompt: `Kept in ${THEME_OVERRIDES_FILE} in the workspace`,
    validateInput: (input) => {
      const name = input.trim();
      if (!name) return 'A theme needs a name.';
      if (name !== value && loaded.themes.some((t) => t.name === name)) {
        return { message: `"${name}" is already a theme: its papers and these will be one theme.`, severity: vscode.InputBoxValidationSeverity.Warning };
      }
      return undefined;
    },
  });
}
