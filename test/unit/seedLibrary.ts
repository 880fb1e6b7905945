import { readFileSync } from 'node:fs';
import { PaperLibrary } from '../../src/core/model/library';
import type { LibrarySource } from '../../src/core/formats/libraryContent';
import { readThemeDefinitions } from '../../src/node/libraryFiles';
import type { PaperEntry } from '../../src/core/model/paper';
import { parseSeedText } from '../../src/core/formats/seedFormat';
import type { ThemeDefinition } from '../../src/core/search/themes';

/** Shared fixtures: the shipped seed papers, read once. */
export const SEED_FILE = 'seeds/000_245d823ccd7859e3.txt';
export const seedSource: LibrarySource = { file: SEED_FILE, bytes: readFileSync(SEED_FILE) };
export const seedEntries: readonly PaperEntry[] = parseSeedText(seedSource.bytes.toString(), SEED_FILE).entries;
export const seedThemes: readonly ThemeDefinition[] = readThemeDefinitions('seeds/themes.json').themes;

let seedLibrary: PaperLibrary | undefined;
/** Built at once from the parsed seeds, for tests that need the library before they start. */
export function loadSeedLibrary(): PaperLibrary {
  return (seedLibrary ??= PaperLibrary.fromContent({ sources: [seedSource], entries: seedEntries, diagnostics: [] }, { themes: seedThemes }));
}

export { seedFormat } from '../bench/generateLibrary';
export { withTypo } from '../bench/queries';
