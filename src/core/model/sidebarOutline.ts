// The sidebar's themes and counts saved at the end of a session, shown at the next start.
import { createHash } from 'node:crypto';
import type { LibraryFileStamp } from './fileStamps';
import type { ThemeGroup } from './libraryView';
import type { ThemeOverrides } from '../search/themeOverrides';
import type { ThemeDefinition } from '../search/themes';

/**
 * The sidebar's first level, themes and how many papers each has, saved after each load: the
 * next session shows it at once, while a large library takes a while to load. Only
 * shown if the library files are as they were (by size and modification time), and only
 * until the library itself is loaded, which then replaces it.
 */
export interface ThemeOutline {
  readonly theme: ThemeDefinition;
  readonly count: number;
}

/** Bump when the saved outline's shape changes. */
const OUTLINE_SCHEMA = 2;

/** What the outline was made from: the files found and their stamps, the theme definitions and overrides. */
export function outlineFingerprint(stamps: readonly LibraryFileStamp[], themes: readonly ThemeDefinition[], overrides: ThemeOverrides): string {
  const made = [OUTLINE_SCHEMA, stamps, themes, [...overrides.renames], [...overrides.moves]];
  return createHash('sha256').update(JSON.stringify(made)).digest('hex');
}

/** The outline of a loaded library, as saved text; keywords are left out, as the sidebar does not show them. */
export function saveOutline(groups: readonly ThemeGroup[], fingerprint: string): string {
  const themes = groups.map(({ theme: { name, icon, description, parent }, papers }) => ({ theme: { name, icon, description, parent, keywords: [] }, count: papers.length }));
  return JSON.stringify({ fingerprint, themes });
}

/** The saved outline, if made from the same fingerprint and well formed; else nothing. */
export function restoreOutline(text: string | undefined, fingerprint: string): ThemeOutline[] | undefined {
  try {
    const saved = JSON.parse(text ?? 'null') as { fingerprint?: unknown; themes?: unknown } | null;
    if (saved?.fingerprint !== fingerprint || !Array.isArray(saved.themes)) return undefined;
    const themes = saved.themes as ThemeOutline[];
    return themes.every(isThemeOutline) ? themes : undefined;
  } catch {
    return undefined; // a damaged outline is no outline
  }
}

function isThemeOutline(value: ThemeOutline | null): boolean {
  const theme = value?.theme;
  return (
    typeof theme?.name === 'string' &&
    (theme.icon === undefined || typeof theme.icon === 'string') &&
    (theme.description === undefined || typeof theme.description === 'string') &&
    (theme.parent === undefined || typeof theme.parent === 'string') &&
    Array.isArray(theme.keywords) &&
    Number.isSafeInteger(value?.count) &&
    value!.count > 0
  );
}
