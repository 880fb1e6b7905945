/**
 * `npm run screenshots`: opens the real workbench (code-server, the extension installed, a copy
 * of seeds/sample-notes/) in a light and a dark theme, drives the features as a user would —
 * mouse and keyboard, command palette — and writes media/screenshots/<feature>-<theme>.png.
 * A shot that cannot be taken is reported and the script exits 1; the others are still written.
 * `npm run screenshots -- <shot>…` retakes only the shots named (the keys of `shots`);
 * `npm run screenshots -- --walkthrough` takes the walkthrough's images instead, into media/walkthrough/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { delay, launchBrowser, linkExtension, openWorkbench, startCodeServer, tempDir } from './codeServer';
import { repoRoot } from './install';

const outDir = path.join(repoRoot, 'media/screenshots');
const walkthroughDir = path.join(repoRoot, 'media/walkthrough');
/** The README's screenshots that are also walkthrough images. */
const README_SHOTS = { sidebar: true, search: true, hover: true, completion: true };
/** The walkthrough's images (`<image>-<theme>.png`, as package.json names them) and the shot each is. */
const walkthroughImages: Record<string, string> = {
  library: 'library',
  themes: 'sidebar',
  search: 'search',
  hover: 'hover',
  write: 'completion',
  export: 'export',
};
const themes = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;
const note = 'reasoning-with-few-examples.md';

type Shot = (page: Page) => Promise<void>;

/** Each shot starts from a fresh copy of the sample notes, the note open in the editor, and leaves whatever it opened behind. */
const shots: Record<string, Shot> = {
  async sidebar(page) {
    await showSidebar(page);
    await expandRow(page.locator('.sidebar .monaco-list-row', { hasText: /^Reasoning/ }).first());
    await page.locator('.sidebar .monaco-list-row', { hasText: 'LIMO: Less is More for Reasoning' }).first().waitFor();
    await moveMouseAway(page);
  },
  async search(page) {
    await runCommand(page, 'Literature Notes: Search Papers');
    await page.keyboard.type('robot table tenis', { delay: 30 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Table Tennis' }).first().waitFor();
  },
  async panel(page) {
    await runCommand(page, 'Literature Notes: Open Paper');
    await page.keyboard.type('limo', { delay: 30 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'LIMO' }).first().waitFor();
    await page.keyboard.press('Enter');
    // The panel is a webview: an iframe holding another iframe with the extension's page.
    const panel = page.frameLocator('iframe.webview').frameLocator('iframe');
    await panel.getByText('Less is More for Reasoning').first().waitFor({ timeout: 20_000 });
  },
  async hover(page) {
    await showSidebar(page);
    const citation = page.locator('.view-lines span', { hasText: /^@limo$/ }).first();
    await citation.hover();
    await page.locator('.monaco-hover', { hasText: 'LIMO' }).first().waitFor({ state: 'visible' });
  },
  async completion(page) {
    await hideSidebar(page);
    await typeOnNewLine(page, 'As shown by [@robot cook');
    const item = page.locator('.editor-widget.suggest-widget .monaco-list-row', { hasText: 'skills-made-order' }).first();
    // Typing the space closes the list that `@` opened (its items no longer match `robot `), and Markdown
    // has no quick suggestions to open another: then ask for it, as a user would.
    if (!(await shows(item, 2_000))) await page.keyboard.press('Control+Space');
    await item.waitFor();
    // The abstract is the item's documentation, in the details pane beside the list; Ctrl+Space toggles it.
    const details = page.locator('.suggest-details-container .suggest-details');
    if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
    await details.getByText('@skills-made-order').waitFor();
    // The pane takes its height from what it shows as it opens, and the documentation (resolved for the
    // focused item) can come after: shown again, it has the room for the abstract.
    await page.keyboard.press('Control+Space');
    await details.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Space');
    await details.getByText('This study explores').waitFor();
  },
  async quickfix(page) {
    await hideSidebar(page);
    await typeOnNewLine(page, 'See [@limoo].');
    await page.keyboard.press('Escape'); // The completion list that typing the key opened.
    // The sample note has no unknown key: this squiggle is the typed one.
    await page.locator('.view-overlays .squiggly-warning').first().waitFor();
    // The cursor into the key, back over `.`, `]` and an `o`, and the quick fixes for it.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget', { hasText: 'Replace with @limo' }).first().waitFor();
  },
  async library(page) {
    await runAction(page, 'Preferences: Open User Settings');
    const search = page.locator('.settings-editor .suggest-input-container .monaco-editor').first();
    await search.waitFor();
    await page.keyboard.type('literatureNotes.libraries', { delay: 20 });
    await page.locator('.settings-editor .setting-item', { hasText: 'Libraries' }).first().waitFor();
    await moveMouseAway(page);
  },
  async export(page) {
    await runCommand(page, 'Literature Notes: Export Bibliography of This Note');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'BibTeX' }).first().waitFor();
  },
  async walkthrough(page) {
    await runAction(page, 'Literature Notes: Get Started');
    await page.locator('.gettingStartedContainer', { hasText: 'Add your library' }).first().waitFor({ timeout: 20_000 });
    await moveMouseAway(page);
  },
  async literatureNote(page) {
    await runCommand(page, 'Literature Notes: New Literature Note');
    await page.keyboard.type('limo', { delay: 30 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'LIMO' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-lines', { hasText: 'literature-notes:begin' }).first().waitFor();
    await showSidebar(page);
    await expandRow(page.locator('.sidebar .monaco-list-row', { hasText: /^Reasoning/ }).first());
    await page.locator('.sidebar .monaco-list-row', { hasText: 'limo · noted' }).first().waitFor();
    await moveMouseAway(page);
  },
  async preview(page) {
    await hideSidebar(page);
    // VS Code's own preview beside the note: its citations formatted in the note's style (APA by default),
    // from the bibliography file its front matter names, and the References where the note has `::: {#refs}`.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('Markdown: Open Preview to the Side', { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Preview to the Side' }).first().waitFor();
    await page.keyboard.press('Enter');
    const preview = page.frameLocator('iframe.webview').frameLocator('iframe');
    await preview.locator('#refs .csl-entry').first().waitFor({ timeout: 30_000 });
    // Down to the last citations, with the References below them.
    await preview.locator('h2', { hasText: 'Harder prompts' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await moveMouseAway(page);
  },
  // The sidebar on real bibliographies of another field (test/fixtures/themes): themes found from their own words.
  async 'themes-cryptography'(page) {
    await showThemes(page, /^Zero-knowledge proofs/);
  },
  async 'themes-physics'(page) {
    await showThemes(page, /^Tensor network/);
  },
  async 'themes-glaciology'(page) {
    await showThemes(page, /^Greenland ice sheet/);
  },
  async 'themes-mixed'(page) {
    // The seed papers' themes, then those of the other fields' papers, apart.
    await showThemes(page, /^Crowd counting/);
  },
  async cited(page) {
    await showSidebar(page);
    const view = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Cited in This Note' }) });
    await expandRow(view.locator('.pane-header'));
    await expandRow(view.locator('.monaco-list-row', { hasText: /^Reasoning/ }).first());
    await view.locator('.monaco-list-row', { hasText: 'LIMO: Less is More for Reasoning' }).first().waitFor();
    await moveMouseAway(page);
  },
};

/**
 * The library files of the shots that show another library than the seed papers, copied into the
 * notes folder and set as its libraries; `seeds` says whether the seed papers stay in it.
 */
const libraryShots: Record<string, { files: string[]; seeds: boolean }> = {
  'themes-cryptography': { files: ['zkp.bib', 'libbib-crypto.bib'], seeds: false },
  'themes-mixed': { files: ['zkp.bib', 'libbib-crypto.bib', 'libbib-protests.bib'], seeds: true },
  'themes-physics': { files: ['tenpy-physics.bib'], seeds: false },
  'themes-glaciology': { files: ['pism-glaciology.bib'], seeds: false },
};

function useLibrary(notes: string, name: string): void {
  const shot = libraryShots[name];
  if (!shot) return;
  mkdirSync(path.join(notes, '.vscode'), { recursive: true });
  for (const file of shot.files) cpSync(path.join(repoRoot, 'test/fixtures/themes', file), path.join(notes, 'library', file));
  const settings = { 'literatureNotes.libraries': shot.files.map((file) => `library/${file}`), 'literatureNotes.includeSeedPapers': shot.seeds };
  writeFileSync(path.join(notes, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
}

/** The sidebar open, with the theme `first` expanded and its papers showing. */
async function showThemes(page: Page, first: RegExp): Promise<void> {
  const container = page.locator('.activitybar .action-item a[aria-label^="Literature"]').first();
  if ((await container.getAttribute('aria-expanded')) !== 'true') await container.click();
  const row = page.locator('.sidebar .monaco-list-row', { hasText: first }).first();
  await row.waitFor({ timeout: 30_000 });
  await expandRow(row);
  await moveMouseAway(page);
  await page.keyboard.press('Control+1');
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

/** Whether `locator` shows within `ms`. */
const shows = (locator: Locator, ms: number): Promise<boolean> => locator.waitFor({ timeout: ms }).then(() => true, () => false);

/** Clicks a tree row or view header open, unless it is open already (a click would close it). */
async function expandRow(row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(100)) {
    if ((await row.getAttribute('aria-expanded')) === 'true') return;
  }
  throw new Error(`${row.toString()} did not open`);
}

/** Off whatever the last click or hover was on, so no tooltip is in the picture; the title bar shows none. */
const moveMouseAway = (page: Page) => page.mouse.move(200, 12);

/** Clicks into the note, opens a paragraph of its own after the last line and types `text` there. */
async function typeOnNewLine(page: Page, text: string): Promise<void> {
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text, { delay: 60 });
}

async function showSidebar(page: Page): Promise<void> {
  const container = page.locator('.activitybar .action-item a[aria-label^="Literature"]').first();
  if ((await container.getAttribute('aria-expanded')) !== 'true') await container.click();
  await page.locator('.sidebar .monaco-list-row', { hasText: /^Robot learning/ }).first().waitFor();
  await moveMouseAway(page);
  // Back to the note (Ctrl+1), as after a glance at the library: the view keeps no focus ring.
  await page.keyboard.press('Control+1');
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

/** Ctrl+B, so that the editor and its widgets have the width of the window. */
async function hideSidebar(page: Page): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  if (await sidebar.isVisible()) await page.keyboard.press('Control+B');
  await sidebar.waitFor({ state: 'hidden' });
}

/** F1, the command's title, Enter, as a user runs it. */
async function choosePaletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title, { delay: 20 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Runs a command that opens no picker of its own; returns once the palette has closed. */
async function runAction(page: Page, title: string): Promise<void> {
  await choosePaletteCommand(page, title);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Runs a command from the palette; returns once the command's own picker shows. */
async function runCommand(page: Page, title: string): Promise<void> {
  await choosePaletteCommand(page, title);
  // The palette closes and the command opens its own picker (an input not starting with '>'):
  // typing any earlier would land in the note.
  const input = page.locator('.quick-input-widget input');
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(100)) {
    if ((await input.isVisible()) && !(await input.inputValue()).startsWith('>')) return;
  }
  throw new Error(`"${title}" opened no picker`);
}

/** Where a shot goes: the README's screenshots, or one of the walkthrough's images. */
interface Target {
  readonly shot: string;
  readonly file: (theme: string) => string;
}

async function shoot(browser: Browser, theme: keyof typeof themes, targets: readonly Target[], failures: string[]): Promise<void> {
  const extensionsDir = tempDir('screenshot-extensions-');
  linkExtension(extensionsDir, repoRoot);
  const server = await startCodeServer({
    userDataDir: tempDir('screenshot-profile-'),
    extensionsDir,
    settings: { 'workbench.colorTheme': themes[theme], 'editor.minimap.enabled': false },
    // The walkthrough would open beside the note on every page (each a new browser profile, a first
    // activation to the extension); its own shot opens it by its command.
    machineSettings: { 'workbench.welcomePage.walkthroughs.openOnInstall': false },
  });
  try {
    for (const { shot: name, file: fileFor } of targets) {
      // A fresh page and a fresh copy of the notes per shot, so that one shot's leftovers (a hover, a panel,
      // typed text, which came back in the next page on the same folder even with files.hotExit off) never show in another.
      const notes = path.join(tempDir('screenshot-notes-'), 'sample-notes');
      cpSync(path.join(repoRoot, 'seeds/sample-notes'), notes, { recursive: true });
      useLibrary(notes, name);
      const page = await openWorkbench(browser, server.workbenchUrl({ folder: notes, openFile: path.join(notes, note) }), {
        colorScheme: theme,
        viewport: { width: 1280, height: 800 },
      });
      try {
        await page.locator('.editor-instance .view-lines', { hasText: 'Reasoning from few examples' }).waitFor({ timeout: 30_000 });
        // The extension at work on the note (its coverage in the status bar): a `@` typed earlier finds no completion provider.
        await page.locator('.statusbar-item', { hasText: /\d+\/\d+ themes/ }).waitFor({ timeout: 30_000 });
        await shots[name](page);
        await delay(500); // Let transitions (hover fade-in, list focus) settle.
        const file = fileFor(theme);
        await page.screenshot({ path: file });
        console.log(`wrote ${path.relative(repoRoot, file)}`);
      } catch (error) {
        // What the page showed instead, kept out of media/ (and out of git).
        const shown = path.join(repoRoot, '.vscode-test/screenshots-failed', `${name}-${theme}.png`);
        await page.screenshot({ path: shown }).catch(() => undefined);
        failures.push(`${name}-${theme}: ${(error as Error).message.split('\n')[0]} (the page then: ${path.relative(repoRoot, shown)})`);
      } finally {
        await page.context().close();
      }
    }
  } finally {
    await server.stop();
  }
}

async function main(): Promise<number> {
  const walkthrough = process.argv.includes('--walkthrough');
  const asked = process.argv.slice(2).filter((arg) => arg !== '--walkthrough');
  // With `--walkthrough`, names are the walkthrough's images (`--walkthrough write`), else shots.
  const unknown = asked.filter((name) => !Object.hasOwn(walkthrough ? walkthroughImages : shots, name));
  if (unknown.length) {
    console.error(`no shot named ${unknown.join(', ')}; the shots: ${Object.keys(shots).join(', ')}`);
    return 2;
  }
  // The walkthrough's own shots are not the README's: only `--walkthrough` or naming them takes them.
  const names = asked.length ? asked : Object.keys(shots).filter((name) => !Object.values(walkthroughImages).includes(name) || name in README_SHOTS);
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) return built.status ?? 1;
  const targets: Target[] = walkthrough
    ? Object.entries(walkthroughImages)
        .filter(([image]) => asked.length === 0 || asked.includes(image))
        .map(([image, shot]) => ({ shot, file: (theme) => path.join(walkthroughDir, `${image}-${theme}.png`) }))
    : names.map((shot) => ({ shot, file: (theme) => path.join(outDir, `${shot}-${theme}.png`) }));
  mkdirSync(walkthrough ? walkthroughDir : outDir, { recursive: true });
  const failures: string[] = [];
  const browser = await launchBrowser();
  try {
    for (const theme of Object.keys(themes) as (keyof typeof themes)[]) await shoot(browser, theme, targets, failures);
  } finally {
    await browser.close();
  }
  for (const failure of failures) console.error(`could not take ${failure}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
