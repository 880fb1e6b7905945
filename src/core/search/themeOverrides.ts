// Reads and edits the user's theme renames and moves (`literature-notes.themes.json`).
// The ES module build: esbuild cannot follow the requires inside the package's default UMD build.
import { applyEdits, modify, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { LineIndex } from '../notes/lineIndex';
import { tooDeepAt, tooDeepMessage } from '../formats/jsonDepth';
import type { LibraryDiagnostic } from '../model/paper';
import { lineBreakOf } from '../notes/textEdit';
import type { ThemeDefinition } from './themes';

/** The file, at the top of the first workspace folder, that keeps the user's theme overrides. */
export const THEME_OVERRIDES_FILE = 'literature-notes.themes.json';

/** The user's own say over the themes: names of their choosing, and papers put under another theme. */
export interface ThemeOverrides {
  /** A theme's name as the definitions give it → the name shown instead. */
  readonly renames: ReadonlyMap<string, string>;
  /**
   * A citation key → the theme (as shown) its papers go under. By key, not file and line: a key
   * stays the same when library files are edited, reordered or moved, and it is what notes cite.
   */
  readonly moves: ReadonlyMap<string, string>;
}

export const NO_THEME_OVERRIDES: ThemeOverrides = { renames: new Map(), moves: new Map() };

type Section = keyof ThemeOverrides;
const SECTIONS: Record<Section, string> = { renames: '"theme": "new name"', moves: '"citation key": "theme"' };

/** What a new overrides file starts as, so that a reader who opens it knows what it is. */
const NEW_FILE = `{
  "$comment": "Literature Notes: your names for themes (renames) and the theme you put each paper under, by citation key (moves). Edit freely; the sidebar follows.",
  "renames": {},
  "moves": {}
}
`;

/** Reads the overrides file; a bad entry is reported at its line and skipped, the good ones kept. */
export function parseThemeOverrides(text: string, file: string): { overrides: ThemeOverrides; diagnostics: LibraryDiagnostic[] } {
  const diagnostics: LibraryDiagnostic[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const lines = new LineIndex(body);
  const report = (offset: number, severity: LibraryDiagnostic['severity'], message: string) =>
    diagnostics.push({ file, line: lines.positionAt(offset).line, severity, message });
  if (body.trim() === '') return { overrides: NO_THEME_OVERRIDES, diagnostics };

  // jsonc-parser recurses per level: thousands of levels would overflow the stack.
  const deep = tooDeepAt(body);
  if (deep !== undefined) {
    report(deep, 'error', tooDeepMessage('no theme was renamed and no paper moved'));
    return { overrides: NO_THEME_OVERRIDES, diagnostics };
  }
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true });
  if (!root || errors.length > 0) {
    const fault = errors[0] ? printParseErrorCode(errors[0].error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'no value';
    report(errors[0]?.offset ?? 0, 'error', `not valid JSON (${fault}); no theme was renamed and no paper moved`);
    return { overrides: NO_THEME_OVERRIDES, diagnostics };
  }
  if (root.type !== 'object') {
    report(root.offset, 'error', 'expected an object with "renames" and "moves"');
    return { overrides: NO_THEME_OVERRIDES, diagnostics };
  }
  const sections = { renames: new Map<string, string>(), moves: new Map<string, string>() };
  for (const [name, value] of properties(root)) {
    if (Object.hasOwn(SECTIONS, name.value)) readSection(name.value as Section, value, sections[name.value as Section], report);
    else if (!String(name.value).startsWith('$')) report(name.offset, 'warning', `"${name.value}" is not a field of the file ("renames", "moves"); ignored`);
  }
  return { overrides: sections, diagnostics };
}

function readSection(section: Section, node: Node | undefined, into: Map<string, string>, report: (offset: number, severity: LibraryDiagnostic['severity'], message: string) => void): void {
  if (node?.type !== 'object') {
    report(node?.offset ?? 0, 'error', `"${section}" should be an object of ${SECTIONS[section]} pairs; ignored`);
    return;
  }
  for (const [name, value] of properties(node)) {
    const from = String(name.value);
    const to = typeof value?.value === 'string' ? value.value.trim() : '';
    if (!from.trim() || !to) {
      report(name.offset, 'error', `"${section}": ${JSON.stringify(name.value)} should be a ${SECTIONS[section]} pair with neither empty; skipped`);
      continue;
    }
    if (into.has(from)) report(name.offset, 'warning', `"${section}": "${from}" is given twice; the last one counts`);
    into.set(from, to);
  }
}

/** The name and value nodes of an object's properties. */
function properties(object: Node): [Node, Node | undefined][] {
  return (object.children ?? []).map((property) => [property.children![0], property.children![1]]);
}

/** Each paper's theme after the overrides: where it was moved, else its assigned theme, renamed. */
export function applyThemeOverrides(keys: readonly string[], themes: readonly string[], overrides: ThemeOverrides): string[] {
  return themes.map((theme, i) => overrides.moves.get(keys[i]) ?? overrides.renames.get(theme) ?? theme);
}

/**
 * The themes to list after the overrides: the definitions under their new names (two renamed
 * to one name become one, the first's icon kept), sub-themes under their parent's new name,
 * then the new themes that only moves name.
 */
export function themeDefinitionsWithOverrides(definitions: readonly ThemeDefinition[], overrides: ThemeOverrides): ThemeDefinition[] {
  const byName = new Map<string, ThemeDefinition>();
  for (const definition of definitions) {
    const name = overrides.renames.get(definition.name) ?? definition.name;
    const parent = definition.parent === undefined ? {} : { parent: overrides.renames.get(definition.parent) ?? definition.parent };
    if (!byName.has(name)) byName.set(name, { ...definition, name, ...parent });
  }
  for (const name of overrides.moves.values()) if (!byName.has(name)) byName.set(name, { name, keywords: [] });
  return [...byName.values()];
}

/**
 * The overrides once the theme shown as `from` is called `to`; `papers` are the library's, with
 * the themes shown, and `isParent` says `from` is a theme of sub-themes (which holds no paper
 * itself). Papers moved to `from` follow it. A theme that only moves made, or that was already
 * renamed, needs no new rename: only one the definitions still name does.
 */
export function withThemeRenamed(overrides: ThemeOverrides, from: string, to: string, papers: readonly { key: string; theme: string }[], isParent = false): ThemeOverrides {
  const renames = new Map(overrides.renames);
  const moves = new Map(overrides.moves);
  const renamedToFrom = [...renames].filter(([, shown]) => shown === from);
  for (const [name] of renamedToFrom) renames.set(name, to);
  for (const [key, theme] of moves) if (theme === from) moves.set(key, to);
  if (renamedToFrom.length === 0 && (isParent || papers.some((p) => p.theme === from && !moves.has(p.key)))) renames.set(from, to);
  for (const [name, shown] of renames) if (name === shown) renames.delete(name);
  return { renames, moves };
}

export function withPaperMoved(overrides: ThemeOverrides, key: string, theme: string): ThemeOverrides {
  return { renames: overrides.renames, moves: new Map(overrides.moves).set(key, theme) };
}

/**
 * The overrides file's `text` (empty for a new file) with `change` made to its overrides, entry
 * by entry, so that the user's comments, order and layout stay and a commit shows only what
 * changed. Throws when the file is not valid JSON: writing into it would lose what the user meant.
 */
export function changeThemeOverridesText(text: string, change: (current: ThemeOverrides) => ThemeOverrides): string {
  let updated = text.trim() === '' ? NEW_FILE.replace(/\n/g, lineBreakOf(text)) : text;
  const { overrides: current, diagnostics } = parseThemeOverrides(updated, THEME_OVERRIDES_FILE);
  const broken = diagnostics.find((d) => d.severity === 'error');
  if (broken) throw new Error(`${THEME_OVERRIDES_FILE}:${broken.line}: ${broken.message}. Fix the file first.`);
  const next = change(current);
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: lineBreakOf(updated) };
  const set = (section: Section, name: string, value: string | undefined) => {
    updated = applyEdits(updated, modify(updated, [section, name], value, { formattingOptions }));
  };
  for (const section of Object.keys(SECTIONS) as Section[]) {
    for (const name of current[section].keys()) if (!next[section].has(name)) set(section, name, undefined);
    for (const [name, value] of next[section]) if (current[section].get(name) !== value) set(section, name, value);
  }
  return updated;
}
