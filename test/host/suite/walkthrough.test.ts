import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, EXTENSION_ID } from './host';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image: Record<'light' | 'dark' | 'hc' | 'hcLight', string>; altText: string };
  completionEvents: string[];
}

const extension = () => vscode.extensions.getExtension(EXTENSION_ID)!;
const walkthrough = () => (extension().packageJSON as { contributes: { walkthroughs: { id: string; steps: Step[] }[] } }).contributes.walkthroughs[0];

/** The walkthrough's tab: the Welcome editor, which VS Code does not show the extensions as a known input. */
const welcomeTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.includes('Welcome') || t.label.includes('Literature Notes'));

describe('walkthrough', () => {
  afterEach(closeAllEditors);

  it('has a step for each first task, each with a working command button and an image for every theme', async () => {
    const steps = walkthrough().steps;
    assert.deepEqual(
      steps.map((s) => s.id),
      ['addLibrary', 'browseThemes', 'searchAndCite', 'hover', 'write', 'exportBibliography'],
    );
    const registered = new Set(await vscode.commands.getCommands(false));
    for (const step of steps) {
      const buttons = [...step.description.matchAll(/^\[[^\]]+\]\(command:([\w.]+)/gm)].map((m) => m[1]);
      assert.ok(buttons.length > 0, `${step.id} has a command button`);
      for (const command of buttons) assert.ok(registered.has(command), `${step.id}: ${command} is a command`);
      for (const image of Object.values(step.media.image)) assert.ok(existsSync(path.join(extension().extensionPath, image)), `${step.id}: ${image} ships`);
      assert.ok(step.media.altText.length > 20, `${step.id} says what its image shows`);
      assert.ok(step.completionEvents.length > 0, `${step.id} can be completed`);
    }
    assert.match(steps[0].description, /\.bib/);
    assert.match(steps[0].description, /literatureNotes\.libraries/);
  });

  it('opens from Get Started', async () => {
    await vscode.commands.executeCommand('literatureNotes.showWalkthrough');
    await eventually(welcomeTab, 'the walkthrough to open');
  });
});
