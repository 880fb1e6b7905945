import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { withBibliographyField } from '../../src/core/notes/frontMatter';
import type { TextEdit } from '../../src/core/notes/textEdit';

const apply = (text: string, edit: TextEdit) => text.slice(0, edit.start) + edit.newText + text.slice(edit.end);

function edited(text: string, path = 'references.bib'): string {
  const result = withBibliographyField(text, path);
  assert.equal(result.kind, 'edit', JSON.stringify(result));
  return apply(text, result as TextEdit);
}

/** Where an independent reading finds the front matter's closing line to start; 0 with none. */
function frontMatterEnd(text: string): number {
  const match = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)(?![ \t]*(?:\r\n|\r|\n|$))(?:[^\r\n]*(?:\r\n|\r|\n))*?(?=(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$))/.exec(text);
  return match ? match[0].length : 0;
}

const fieldLines = fc.oneof(
  fc.constantFrom('---', '...', '+++', '', '  ', 'title: Notes', 'bibliography: a.bib', 'bibliography:', 'bibliography: [a.bib, "b.bib"]', '- x.bib', '  - references.bib', 'abstract: |', '  indented', '# Heading', 'text [@limo]', '#comment'),
  fc.string({ maxLength: 8 }),
);
const lines = fc.array(fc.tuple(fieldLines, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 8 }).map((ls) => ls.map(([line, eol]) => line + eol).join(''));

/** Notes that mostly open with front matter made of the lines front matter is made of, any line break, maybe a BOM. */
const frontMatterish = fc
  .tuple(fc.constantFrom('', '\uFEFF'), fc.constantFrom('---\n', '--- \r\n', '---\r', '+++\n', ''), lines, fc.constantFrom('---\n', '...\r\n', '---', ''), lines)
  .map((parts) => parts.join(''));
const anyNote = fc.oneof(frontMatterish, fc.string());

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;

/** The bibliography files pandoc reads from a note's metadata. */
function pandocBibliography(note: string): string[] {
  const template = join(mkdtempSync(join(tmpdir(), 'literature-notes-yaml-')), 'bibliography.plain');
  writeFileSync(template, '$for(bibliography)$$bibliography$\n$endfor$');
  const run = spawnSync('pandoc', ['-f', 'markdown', '-t', 'plain', '--wrap=none', `--template=${template}`], { input: note, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter(Boolean);
}

describe("the note's bibliography field", () => {
  const cases: [string, string, string][] = [
    ['creates front matter in a note without one', '# Notes\n\nAs [@limo] shows.\n', '---\nbibliography: references.bib\n---\n\n# Notes\n\nAs [@limo] shows.\n'],
    ['creates front matter in an empty note', '', '---\nbibliography: references.bib\n---\n'],
    ['keeps a blank first line as it is', '\nText.', '---\nbibliography: references.bib\n---\n\nText.'],
    ['adds the field at the end of front matter', '---\ntitle: Notes\n---\nText.', '---\ntitle: Notes\nbibliography: references.bib\n---\nText.'],
    ['closes pandoc-style with ...', '---\ntitle: Notes\n...\nText.', '---\ntitle: Notes\nbibliography: references.bib\n...\nText.'],
    ['adds the field after a block scalar', '---\nabstract: |\n  Two\n  lines.\n---\n', '---\nabstract: |\n  Two\n  lines.\nbibliography: references.bib\n---\n'],
    ['replaces a scalar value and its comment', '---\nbibliography: old.bib # mine\ntitle: T\n---\n', '---\nbibliography: references.bib\ntitle: T\n---\n'],
    ['replaces an indented list', '---\nbibliography:\n  - a.bib\n\n  - b.bib\n\nauthor: me\n---\n', '---\nbibliography: references.bib\n\nauthor: me\n---\n'],
    ['replaces a compact list', '---\nbibliography:\n- a.bib\n- b.bib\nauthor: me\n---\n', '---\nbibliography: references.bib\nauthor: me\n---\n'],
    ['leaves a nested bibliography key to its map', '---\nold:\n  bibliography: a.bib\n---\n', '---\nold:\n  bibliography: a.bib\nbibliography: references.bib\n---\n'],
    ['keeps CRLF line breaks', '---\r\ntitle: Notes\r\n---\r\nText.\r\n', '---\r\ntitle: Notes\r\nbibliography: references.bib\r\n---\r\nText.\r\n'],
    ['keeps CRLF line breaks in new front matter', 'Text.\r\n', '---\r\nbibliography: references.bib\r\n---\r\n\r\nText.\r\n'],
    ['keeps a BOM in front', '\uFEFF---\ntitle: Notes\n---\n', '\uFEFF---\ntitle: Notes\nbibliography: references.bib\n---\n'],
    ['keeps a BOM in front of new front matter', '\uFEFFText.', '\uFEFF---\nbibliography: references.bib\n---\n\nText.'],
    ['reads `---` and a blank line as a horizontal rule, as pandoc does', '---\n\nText.\n---\n', '---\nbibliography: references.bib\n---\n\n---\n\nText.\n---\n'],
  ];
  for (const [what, before, after] of cases) {
    it(what, function () {
      assert.equal(edited(before), after);
      if (!hasPandoc) return;
      assert.deepEqual(pandocBibliography(after), ['references.bib']);
    });
  }

  it('quotes a path YAML would misread, and pandoc reads it back', function () {
    for (const path of ["my refs: Bob's.bib", 'C:\\notes\\refs #1.json', 'refs--old.bib', '_a_.bib', 'refs/@limo*.json', 'null', '-refs.bib']) {
      const note = edited('Text.', path);
      assert.equal(withBibliographyField(note, path).kind, 'unchanged', path);
      if (hasPandoc) assert.deepEqual(pandocBibliography(note), [path]);
    }
    for (const path of ['refs/references.bib', '../Müller_2024.json', '/home/me/notes/references.bib']) assert.equal(edited('', path), `---\nbibliography: ${path}\n---\n`);
  });

  it('leaves a field that already names the file alone, in any form', () => {
    for (const note of [
      '---\nbibliography: references.bib\n---\n',
      "---\nbibliography: 'references.bib' # exported\n---\n",
      '---\nbibliography: "references.bib"\n---\n',
      '---\nbibliography: [other.bib, references.bib]\n---\n',
      '---\nbibliography:\n  - other.bib\n  - references.bib\n---\n',
    ]) {
      assert.deepEqual(withBibliographyField(note, 'references.bib'), { kind: 'unchanged' }, note);
    }
  });

  it('refuses unclosed front matter and TOML front matter, saying why', () => {
    const unclosed = withBibliographyField('---\ntitle: Notes\n\nText [@limo].\n', 'references.bib');
    assert.equal(unclosed.kind, 'refused');
    assert.match((unclosed as { reason: string }).reason, /line 1\) is never closed/);
    const toml = withBibliographyField('+++\ntitle = "Notes"\n+++\n', 'references.bib');
    assert.match((toml as { reason: string }).reason, /TOML.*`bibliography: references\.bib`/);
  });

  it('never throws, and once applied, the field reads back unchanged', () => {
    fc.assert(
      fc.property(anyNote, (note) => {
        const result = withBibliographyField(note, 'references.bib');
        if (result.kind === 'edit') assert.equal(withBibliographyField(apply(note, result), 'references.bib').kind, 'unchanged');
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing but the field: new front matter at the start, or lines inside the front matter', () => {
    fc.assert(
      fc.property(anyNote, (note) => {
        const result = withBibliographyField(note, 'references.bib');
        if (result.kind !== 'edit') return;
        const end = frontMatterEnd(note);
        if (end === 0) {
          assert.equal(result.start, note.startsWith('\uFEFF') ? 1 : 0);
          assert.equal(result.end, result.start);
          assert.match(result.newText, /^---(\r\n|\r|\n)bibliography: references\.bib\1---\1\1?$/);
        } else {
          assert.ok(result.start > 0 && result.end <= end, `${result.start}-${result.end} within ${end}`);
          assert.match(note.slice(result.start, result.end), /^(bibliography[ \t]*:[^]*)?$/);
          assert.match(result.newText, /^bibliography: references\.bib(\r\n|\r|\n)?$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
