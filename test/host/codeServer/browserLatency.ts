/**
 * The third session of `npm run bench:host`: hover and completion as a user meets them, timed
 * in the browser. A new code-server on the first sessions' profile (their caches) and workspace
 * (its settings name the generated library) opens a note citing sampled papers; at each
 * citation the keyboard asks for a hover (Ctrl+K Ctrl+I) or a completion list (Ctrl+Space),
 * and the page times, from that key's event to the answer in the page's DOM, the whole path:
 * the workbench, its connection to the extension host, the extension, and the rendering.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { figureOf, type Figure } from '../bench/figures';
import { delay, launchBrowser, openWorkbench, startCodeServer, tempDir } from './codeServer';
import { repoRoot } from './install';

export interface CitedPaper {
  readonly key: string;
  readonly title: string;
}

const WARM_UP = 5;
const RUNS = 100;
/** Half a second at each place before the keys. */
const SETTLE_MS = 500;
/** A first load of 100,000 papers from the caches takes seconds; uncached, minutes. */
const READY_TIMEOUT_MS = 10 * 60_000;

/** Times hovers and completion lists on `papers` in a note in `workspace`, with the user data in `profile`. */
export async function browserLatency(profile: string, workspace: string, papers: readonly CitedPaper[]): Promise<{ hoverSeen: Figure; completionSeen: Figure }> {
  // Per paper: a paragraph whose key is hovered, then one ending in an unclosed `[@key` to complete.
  const note = path.join(workspace, 'latency.md');
  writeFileSync(note, papers.map((p, i) => `Paragraph ${i} cites [@${p.key}] on how models learn.\n\nCompare [@${p.key}\n`).join('\n'));
  const server = await startCodeServer({ userDataDir: profile, extensionsDir: tempDir('latency-extensions-'), developmentPayload: true });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, server.workbenchUrl({ folder: workspace, openFile: note, extensionDevelopmentPath: repoRoot }));
    await page.locator('.editor-instance .view-lines', { hasText: 'Paragraph 0 cites' }).waitFor({ timeout: 60_000 });
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(…)`:
    // the functions evaluated in the page need it there too.
    await page.evaluate('globalThis.__name ??= (fn) => fn');
    const hoverAt = (i: number) => ({ line: 4 * i + 1, column: `Paragraph ${i} cites [@`.length + 2 });
    const completionAt = (i: number) => ({ line: 4 * i + 3, column: `Compare [@${papers[i].key}`.length + 1 });
    // Until the library has loaded: the first hover names its paper.
    for (const deadline = Date.now() + READY_TIMEOUT_MS; ; ) {
      await goTo(page, hoverAt(0));
      if ((await seenAfter(page, ['Control+K', 'Control+I'], '.monaco-hover', papers[0].title).catch(unlessNothingShowed)) !== undefined) break;
      if (Date.now() > deadline) throw new Error('no hover named the first cited paper');
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('Escape');
    // Related papers and the caches are made in the background after a load: not during the figures.
    await delay(15_000);
    const hover = await timedInPage(page, papers.length, hoverAt, ['Control+K', 'Control+I'], '.monaco-hover', (i) => papers[i].title);
    const completion = await timedInPage(page, papers.length, completionAt, ['Control+Space'], '.suggest-widget .monaco-list-row', (i) => papers[i].key);
    const again = (n: number) => (n ? `, ${n} asked again` : '');
    return {
      hoverSeen: figureOf(`hover, Ctrl+K Ctrl+I to the hover in the page (browser${again(hover.askedAgain)})`, hover.times),
      completionSeen: figureOf(`completion, Ctrl+Space to the list in the page (browser${again(completion.askedAgain)})`, completion.times),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * The times of `RUNS` answers after warming up, at each paper's place in turn, and how many
 * times the keys brought nothing within 5 s and were pressed again (Ctrl+Space here now and
 * then opens no list: up to 5 times in 105 runs; the figure says how often).
 */
async function timedInPage(page: Page, count: number, at: (i: number) => Place, keys: readonly string[], selector: string, expected: (i: number) => string): Promise<{ times: number[]; askedAgain: number }> {
  const times: number[] = [];
  let askedAgain = 0;
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const i = run % count;
    let ms: number | undefined;
    for (let attempt = 0; ms === undefined; attempt++) {
      if (attempt === 3) throw new Error(`${keys.join(' ')} at ${at(i).line}:${at(i).column} showed no "${expected(i)}" three times`);
      if (attempt > 0) askedAgain++;
      await goTo(page, at(i));
      // As a user pauses before asking: what moving the cursor sets off (word highlights) is done.
      await delay(SETTLE_MS);
      ms = await seenAfter(page, keys, selector, expected(i)).catch(unlessNothingShowed);
    }
    if (run >= WARM_UP) times.push(ms);
    await page.keyboard.press('Escape');
    await page.locator(selector, { hasText: expected(i) }).first().waitFor({ state: 'hidden' });
  }
  return { times, askedAgain };
}

/** Undefined for `seenAfter`'s timeout; any other failure stands. */
const unlessNothingShowed = (error: Error): undefined => {
  if (!error.message.includes(NOTHING_SHOWED)) throw error;
  return undefined;
};

interface Place {
  readonly line: number;
  readonly column: number;
}

/** Ctrl+G and `line:column`, as a user goes to a place, untimed. */
async function goTo(page: Page, { line, column }: Place): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // Keys pressed before the editor has the focus back would go nowhere.
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

/**
 * Presses `keys` and resolves with the milliseconds from the last key's event to a visible
 * element matching `selector` holding `text` in the page, as a MutationObserver sees it.
 */
const NOTHING_SHOWED = 'nothing showed';

async function seenAfter(page: Page, keys: readonly string[], selector: string, text: string): Promise<number> {
  await page.evaluate(
    ({ selector, text, nothingShowed }) => {
      const w = globalThis as unknown as PageGlobals;
      w.seen = new Promise<number>((resolve, reject) => {
        let pressed: number | undefined;
        const onKey = (event: { timeStamp: number }) => (pressed = event.timeStamp);
        const shown = () => Array.from(w.document.querySelectorAll(selector)).some((e) => e.getClientRects().length > 0 && e.textContent?.includes(text));
        const observer = new w.MutationObserver(() => {
          if (pressed === undefined || !shown()) return;
          finish();
          resolve(w.performance.now() - pressed);
        });
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`${nothingShowed} "${text}" in ${selector}`));
        }, 5000);
        const finish = () => {
          observer.disconnect();
          clearTimeout(timer);
          w.removeEventListener('keydown', onKey, true);
        };
        w.addEventListener('keydown', onKey, true);
        observer.observe(w.document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      w.seen.catch(() => undefined);
    },
    { selector, text, nothingShowed: NOTHING_SHOWED },
  );
  for (const key of keys) await page.keyboard.press(key);
  return page.evaluate(() => (globalThis as unknown as PageGlobals).seen!);
}

/** What the code run in the page uses of the browser's globals: this project's types have no DOM. */
interface PageGlobals {
  seen?: Promise<number>;
  readonly performance: { now(): number };
  readonly document: {
    readonly body: unknown;
    querySelectorAll(selector: string): ArrayLike<{ readonly textContent: string | null; getClientRects(): ArrayLike<unknown> }>;
  };
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  addEventListener(type: 'keydown', listener: (event: { timeStamp: number }) => void, capture: boolean): void;
  removeEventListener(type: 'keydown', listener: (event: { timeStamp: number }) => void, capture: boolean): void;
}
