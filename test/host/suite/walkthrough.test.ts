import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, extensionApi } from './host';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image: Record<'light' | 'dark' | 'hc' | 'hcLight', string>; altText: string };
  completionEvents: string[];
}

const extension = () => vscode.extensions.getExtension(EXTENSION_ID)!;
const walkthrough = () => (extension().packageJSON as { contributes: { walkthroughs: { id: string; steps: Step[] }[] } }).contributes.walkthroughs[0];


// That it opens on first activation is checked where the extension runs as users install it: the
// `.vsix` run (test/host/vsix/firstActivation.test.ts). Here the extension is under development,
// and opens none (src/features/walkthrough.ts).
describe('walkthrough', () => {
  // Its commands are registered once the extension has activated.
  before(extensionApi);
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
});
