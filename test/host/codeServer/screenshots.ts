/**
 * `npm run screenshots`: opens the real workbench (code-server, the extension installed, a copy
 * of seeds/sample-notes/) in a light and a dark theme, drives the features as a user would —
 * mouse and keyboard, command palette — and writes media/screenshots/<feature>-<theme>.png.
 * A shot that cannot be taken is reported and the script exits 1; the others are still written.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { delay, launchBrowser, linkExtension, openWorkbench, startCodeServer, tempDir } from './codeServer';
import { repoRoot } from './install';

const outDir = path.join(repoRoot, 'media/screenshots');
const themes = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;
const note = 'reasoning-with-few-examples.md';

type Shot = (page: Page) => Promise<void>;

/** Each shot starts from the note open in the editor and leaves whatever it opened behind. */
const shots: Record<string, Shot> = {
  async sidebar(page) {
    await showSidebar(page);
    await page.locator('.sidebar .monaco-list-row', { hasText: /^Reasoning/ }).first().click();
    await page.locator('.sidebar .monaco-list-row', { hasText: 'LIMO: Less is More for Reasoning' }).first().waitFor();
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
};

async function showSidebar(page: Page): Promise<void> {
  const container = page.locator('.activitybar .action-item a[aria-label^="Literature"]').first();
  if ((await container.getAttribute('aria-expanded')) !== 'true') await container.click();
  await page.locator('.sidebar .monaco-list-row', { hasText: /^Robot learning/ }).first().waitFor();
  // Off the icon, so its tooltip is not in the picture; the title bar shows none.
  await page.mouse.move(200, 12);
}

/** F1, the command's title, Enter, as a user runs it; returns once the command's own picker shows. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title, { delay: 20 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  // The palette closes and the command opens its own picker (an input not starting with '>'):
  // typing any earlier would land in the note.
  const input = page.locator('.quick-input-widget input');
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(100)) {
    if ((await input.isVisible()) && !(await input.inputValue()).startsWith('>')) return;
  }
  throw new Error(`"${title}" opened no picker`);
}

async function shoot(browser: Browser, theme: keyof typeof themes, failures: string[]): Promise<void> {
  const notes = path.join(tempDir('screenshot-notes-'), 'sample-notes');
  cpSync(path.join(repoRoot, 'seeds/sample-notes'), notes, { recursive: true });
  const extensionsDir = tempDir('screenshot-extensions-');
  linkExtension(extensionsDir, repoRoot);
  const server = await startCodeServer({
    userDataDir: tempDir('screenshot-profile-'),
    extensionsDir,
    // No hot exit: a shot's stray edit must not come back in the next shot's page.
    settings: { 'workbench.colorTheme': themes[theme], 'editor.minimap.enabled': false, 'files.hotExit': 'off' },
  });
  try {
    for (const [name, shot] of Object.entries(shots)) {
      // A fresh page per shot, so that one shot's leftovers (a hover, a panel) never show in another.
      const page = await openWorkbench(browser, server.workbenchUrl({ folder: notes, openFile: path.join(notes, note) }), {
        colorScheme: theme,
        viewport: { width: 1280, height: 800 },
      });
      try {
        await page.locator('.editor-instance .view-lines', { hasText: 'Reasoning from few examples' }).waitFor({ timeout: 30_000 });
        await shot(page);
        await delay(500); // Let transitions (hover fade-in, list focus) settle.
        const file = path.join(outDir, `${name}-${theme}.png`);
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
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) return built.status ?? 1;
  mkdirSync(outDir, { recursive: true });
  const failures: string[] = [];
  const browser = await launchBrowser();
  try {
    for (const theme of Object.keys(themes) as (keyof typeof themes)[]) await shoot(browser, theme, failures);
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
