import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, scratchNote } from './host';

const exportBibliography = async (options?: unknown) => vscode.commands.executeCommand<vscode.Uri | undefined>('literatureNotes.exportBibliography', options);
const insertBibliography = () => vscode.commands.executeCommand<boolean>('literatureNotes.insertBibliography');

/** A saved note in a folder of its own, open in an editor. */
async function noteOnDisk(text: string): Promise<{ folder: string; editor: vscode.TextEditor }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'literature-notes-bibliography-'));
  const uri = vscode.Uri.file(path.join(folder, 'note.md'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return { folder, editor: await vscode.window.showTextDocument(uri) };
}

const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);
const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

const NOTE = `# Reading notes

As [@limo] shows, a few hundred samples suffice; compare
[see @orca, pp. 33-35; also @b-star, chap. 1] and the author's own [-@limo].

@complexity-based-prompting says that harder exemplars help. Achieving Human Level
Competitive Robot Table Tennis is cited by its title, and [@no-such-paper] not at all.
`;
const CITED = ['limo', 'orca', 'b-star', 'complexity-based-prompting', 'achieving-human-level'];

describe('bibliography export', () => {
  afterEach(closeAllEditors);

  const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
  const cases = [
    { format: 'bibtex', file: 'references.bib', frontMatter: '' },
    { format: 'csl-json', file: 'refs/references.json', frontMatter: '---\ntitle: Reading notes\nbibliography:\n  - old.bib\n---\n' },
  ];
  for (const { format, file, frontMatter } of cases) {
    it(`exports the papers a note cites (${format}), names the file in its front matter, and pandoc resolves every citation`, async function () {
      const { folder, editor } = await noteOnDisk(frontMatter + NOTE);
      const target = vscode.Uri.file(path.join(folder, file));
      const written = await exportBibliography({ format, target, addToFrontMatter: true });
      assert.equal(written?.toString(), target.toString());

      const bibliography = await read(target);
      const keys = format === 'bibtex' ? [...bibliography.matchAll(/^@article\{([^,]+),/gm)].map((m) => m[1]) : (JSON.parse(bibliography) as { id: string }[]).map((item) => item.id);
      assert.deepEqual(keys.map((k) => (k.startsWith('achieving-human-level') ? 'achieving-human-level' : k)), CITED, 'in order of first citation, each once');
      const note = editor.document.getText();
      assert.match(note, new RegExp(`^---\\n(title: Reading notes\\n)?bibliography: ${file.replace('.', '\\.')}\\n---\\n`));
      assert.ok(note.endsWith(NOTE), 'the rest of the note is as it was');

      if (!hasPandoc) {
        if (process.env.CI) assert.fail('pandoc is not installed; .ci/run installs it with apt-get');
        this.skip();
      }
      assert.ok(await editor.document.save());
      // No --bibliography: pandoc finds the file through the front matter alone.
      const run = spawnSync('pandoc', ['--citeproc', '-t', 'plain', '--wrap=none', 'note.md'], { cwd: folder, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(run.stderr.split('\n').filter((line) => line && !/no-such-paper/.test(line)), [], 'no warning but for the key the library lacks');
      const rendered = run.stdout.toLowerCase(); // citeproc's default style title-cases
      const api = await extensionApi();
      for (const key of CITED.slice(0, 4)) {
        const paper = await api.paperByKey(key);
        assert.ok(paper && rendered.includes(paper.title.toLowerCase()), `${key} in\n${run.stdout}`);
      }
      assert.doesNotMatch(run.stdout.replace(/no-such-paper\?/, ''), /@|\?\?|\w\?\)/, 'every other citation resolved');
    });
  }

  it('writes nothing for a note that cites no paper of the library', async () => {
    const { folder } = await noteOnDisk('Only [@no-such-paper] here.\n');
    const target = vscode.Uri.file(path.join(folder, 'references.bib'));
    assert.equal(await exportBibliography({ format: 'bibtex', target, addToFrontMatter: true }), undefined);
    assert.equal(await exists(target), false);
  });

  it('names the file by its absolute path in an untitled note, as one undoable edit', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'literature-notes-bibliography-'));
    const target = vscode.Uri.file(path.join(folder, 'references.bib'));
    const editor = await scratchNote('As [@limo] shows.\n');
    await exportBibliography({ format: 'bibtex', target, addToFrontMatter: true });
    assert.equal(editor.document.getText(), `---\nbibliography: ${target.fsPath}\n---\n\nAs [@limo] shows.\n`);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'As [@limo] shows.\n');
  });

  it('leaves the note alone when asked to, or when its front matter is never closed', async () => {
    for (const [text, addToFrontMatter] of [
      ['As [@limo] shows.\n', false],
      ['---\ntitle: Reading notes\n\nAs [@limo] shows.\n', true],
    ] as const) {
      const { folder, editor } = await noteOnDisk(text);
      const target = vscode.Uri.file(path.join(folder, 'references.json'));
      assert.equal((await exportBibliography({ format: 'csl-json', target, addToFrontMatter }))?.toString(), target.toString());
      assert.deepEqual((JSON.parse(await read(target)) as { id: string }[]).map((item) => item.id), ['limo']);
      assert.equal(editor.document.getText(), text);
      assert.equal(editor.document.isDirty, false);
    }
  });

  it('overwrites an existing file', async () => {
    const { folder } = await noteOnDisk('As [@orca] shows.\n');
    const target = vscode.Uri.file(path.join(folder, 'references.bib'));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('@article{stale, title={Stale}}\n'.repeat(50)));
    await exportBibliography({ format: 'bibtex', target, addToFrontMatter: false });
    const written = await read(target);
    assert.match(written, /^@article\{orca,/);
    assert.doesNotMatch(written, /stale/);
  });

  it('rejects arguments it does not understand, naming them', async () => {
    await scratchNote('As [@limo] shows.\n');
    await assert.rejects(exportBibliography({ format: 'ris' }), /format must be "bibtex", "biblatex" or "csl-json", not "ris"/);
    await assert.rejects(exportBibliography({ target: '/tmp/references.bib' }), /target must be a Uri/);
    await assert.rejects(exportBibliography({ addToFrontMatter: 'yes' }), /addToFrontMatter must be true or false/);
    await assert.rejects(exportBibliography({ fromat: 'bibtex' }), /unknown option fromat/);
    await assert.rejects(exportBibliography('bibtex'), /expected \{ format\?, target\?, addToFrontMatter\? \}/);
  });
});

describe('bibliography: the References section', () => {
  afterEach(closeAllEditors);

  // Formatted in the default style, APA: the seed papers have a title and nothing else.
  const section = (...items: string[]) => ['<!-- literature-notes:references -->', '## References', '', ...items.flatMap((item) => [item, '']), '<!-- /literature-notes:references -->'].join('\n');
  const LIMO = '*LIMO: Less is More for Reasoning*. (n.d.).';

  it('is inserted at the end, updated in place when run again, and undone in one step', async () => {
    const api = await extensionApi();
    const orca = (await api.paperByKey('orca'))!;
    const editor = await scratchNote('# Notes\n\nAs [@limo] shows.\n');
    assert.equal(await insertBibliography(), true);
    assert.equal(editor.document.getText(), `# Notes\n\nAs [@limo] shows.\n\n${section(LIMO)}\n`);

    await editor.edit((e) => {
      e.insert(new vscode.Position(2, 17), ' Compare [@orca].');
      e.insert(new vscode.Position(editor.document.lineCount - 1, 0), '\nWritten after the section.\n');
    });
    const before = editor.document.getText();
    assert.equal(await insertBibliography(), true);
    const updated = `# Notes\n\nAs [@limo] shows. Compare [@orca].\n\n${section(LIMO, `*${orca.title}*. (n.d.).`)}\n\nWritten after the section.\n`;
    assert.equal(editor.document.getText(), updated);

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('lists no paper that only the section itself names', async () => {
    const editor = await scratchNote('As [@limo] shows. See also [@orca].\n');
    await insertBibliography();
    await editor.edit((e) => e.delete(new vscode.Range(0, 17, 0, 35)));
    assert.equal(await insertBibliography(), true);
    assert.equal(editor.document.getText(), `As [@limo] shows.\n\n${section(LIMO)}\n`);
  });

  it('writes nothing for a note that cites no paper of the library', async () => {
    const editor = await scratchNote('Nothing cited, only [@no-such-paper].\n');
    assert.equal(await insertBibliography(), false);
    assert.equal(editor.document.getText(), 'Nothing cited, only [@no-such-paper].\n');
  });
});
