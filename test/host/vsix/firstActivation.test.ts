/**
 * The installed extension's first activation in a fresh profile, as a new user meets it: the
 * walkthrough opens beside the first note. Runs first (files run in name order), before any other
 * test activates the extension. Only here: in the host suite the extension is under development,
 * in Test mode, where it opens no walkthrough (src/features/walkthrough.ts).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { browser } from '../suite/browser';
import { closeAllEditors, eventually, EXTENSION_ID, scratchNote } from '../suite/host';

/** The walkthrough's title in package.json, which its page shows above its steps. */
const TITLE = 'Get Started with Literature Notes';
/** Runs in the workbench's page: the titles of the walkthroughs its Welcome pages show, each page on its steps. */
const SHOWN_WALKTHROUGHS = `() => [...document.querySelectorAll('.gettingStarted.showDetails')]
  .filter((page) => page.checkVisibility())
  .map((page) => page.querySelector('.gettingStartedSlideDetails .category-title')?.textContent ?? '')`;

/** The Welcome page's tabs, titled "Welcome" or "Walkthrough: <name>" (English, as the tests run). */
const welcomeTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => /^(Welcome|Walkthrough: )/.test(t.label));

describe('the installed .vsix, on first activation', () => {
  after(closeAllEditors);

  it('opens the walkthrough beside the first note, which keeps the focus', async function () {
    this.timeout(40_000);
    const page = browser();
    assert.ok(page, 'the .vsix runs in code-server, through the launcher and its browser bridge');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, false, 'nothing has activated the extension yet');
    assert.deepEqual(welcomeTabs(), []);
    // Opening a Markdown note activates the extension (onLanguage:markdown).
    const note = await scratchNote('# My first note\n');
    // VS Code 1.100 may title the tab by the walkthrough it looked for first: the page itself says which it shows.
    await eventually(async () => (await page.inWorkbench<string[]>(SHOWN_WALKTHROUGHS)).includes(TITLE), `the page to show "${TITLE}"`, 20_000).catch(async (error: Error) => {
      const tabs = vscode.window.tabGroups.all.map((g) => `${g.viewColumn}: ${g.tabs.map((t) => t.label).join(', ')}`);
      throw new Error(`${error.message}; the tabs: ${tabs.join('; ')}; the page shows: ${JSON.stringify(await page.inWorkbench(SHOWN_WALKTHROUGHS))}`);
    });
    // The extension host hears of the new tab after the page has drawn it.
    const [tab] = await eventually(() => (welcomeTabs().length ? welcomeTabs() : undefined), 'a Welcome page tab');
    assert.notEqual(tab.group.viewColumn, note.viewColumn, 'beside the note');
    assert.equal(vscode.window.activeTextEditor?.document, note.document, 'the note keeps the focus');
  });
});
