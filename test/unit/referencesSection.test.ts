import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import type { Paper } from '../../src/core/model/paper';
import { citedPapers, findReferencesSection, referencesSectionText, REFERENCES_END, REFERENCES_START, withReferencesSection } from '../../src/core/notes/referencesSection';
import type { TextEdit } from '../../src/core/notes/textEdit';
import { loadSeedLibrary } from './seedLibrary';

const library = loadSeedLibrary();
const scanner = new NoteScanner(library.papers);
const limo = library.paperByKey('limo') as Paper;
const orca = library.paperByKey('orca') as Paper;
const bStar = library.paperByKey('b-star') as Paper;

const apply = (text: string, edit: TextEdit) => text.slice(0, edit.start) + edit.newText + text.slice(edit.end);

function withSection(text: string, papers: readonly Pick<Paper, 'key' | 'title'>[]): string {
  const result = withReferencesSection(text, papers);
  assert.equal(result.kind, 'edit', JSON.stringify(result));
  return apply(text, result as TextEdit);
}

const section = (...lines: string[]) => [REFERENCES_START, '## References', '', ...lines, '', REFERENCES_END].join('\n');
const LIMO_ITEM = '- **limo** — LIMO: Less is More for Reasoning';
const ORCA_ITEM = `- **orca** — ${orca.title}`;

/** Text dense in what Markdown blocks and citations are made of. */
const markdownish = fc.string({
  unit: fc.constantFrom(...'@[]-`\n\r *_\\<>#|!'.split(''), '\r\n', 'limo', '\uFEFF', '```\n', '---\n', '<!--', '-->', '    ', REFERENCES_START, REFERENCES_END, limo.title, '[@orca]'),
  maxLength: 40,
});
const anyPapers = fc.array(fc.record({ key: fc.constantFrom('limo', 'orca', 'a-b', 'x9'), title: fc.string({ minLength: 1 }) }), { maxLength: 4 });

describe('the References section', () => {
  it('lists each paper by key and title, between markers', () => {
    assert.equal(referencesSectionText([limo, orca]), section(LIMO_ITEM, ORCA_ITEM));
    assert.equal(referencesSectionText([limo], '\r\n'), section(LIMO_ITEM).replace(/\n/g, '\r\n'));
  });

  it('escapes titles, so that they render as written and cite nothing', () => {
    const tricky = { key: 'tricky', title: 'Scaling @home: *Stars*, [links](x) and <b>tags</b>\n -->' };
    const text = referencesSectionText([tricky]);
    assert.ok(text.includes('- **tricky** — Scaling \\@home: \\*Stars\\*, \\[links\\]\\(x\\) and \\<b\\>tags\\</b\\> --\\>\n'), text);
    assert.deepEqual(new NoteScanner([]).scan(text), []);
  });

  it('is appended after a blank line, however the note ends', () => {
    assert.equal(withSection('# Notes\n\nAs [@limo] shows.', [limo]), `# Notes\n\nAs [@limo] shows.\n\n${section(LIMO_ITEM)}\n`);
    assert.equal(withSection('Text.\n', [limo]), `Text.\n\n${section(LIMO_ITEM)}\n`);
    assert.equal(withSection('Text.\n\n\n', [limo]), `Text.\n\n\n${section(LIMO_ITEM)}\n`);
    assert.equal(withSection('', [limo]), `${section(LIMO_ITEM)}\n`);
    assert.equal(withSection('Text.\r\n', [limo]), `Text.\r\n\r\n${section(LIMO_ITEM).replace(/\n/g, '\r\n')}\r\n`);
  });

  it('is updated in place, leaving the text around it, and left alone when up to date', () => {
    const note = `# Notes\n\n[@limo]\n\n${section(LIMO_ITEM)}\n\n## Appendix\n\nMore [@orca].\n`;
    assert.deepEqual(withReferencesSection(note, [limo]), { kind: 'unchanged' });
    const result = withReferencesSection(note, [limo, orca]);
    assert.deepEqual(result, { kind: 'edit', start: note.indexOf(REFERENCES_START), end: note.indexOf(REFERENCES_END) + REFERENCES_END.length, newText: section(LIMO_ITEM, ORCA_ITEM) });
  });

  it('is found by its markers, retitled or not, but never inside code', () => {
    const retitled = `Text.\n\n${section(LIMO_ITEM).replace('## References', '# Works cited')}\n`;
    assert.deepEqual(findReferencesSection(retitled), { kind: 'found', start: 7, end: retitled.length - 1 });
    assert.deepEqual(findReferencesSection(`\uFEFF${retitled}`), { kind: 'found', start: 8, end: retitled.length });
    assert.deepEqual(findReferencesSection(`Text.\n\n\`\`\`\n${section(LIMO_ITEM)}\n\`\`\`\n`), { kind: 'none' });
    assert.deepEqual(findReferencesSection(`Mark it with \`${REFERENCES_START}\`.`), { kind: 'none' });
  });

  it('refuses a section without its end marker, and a note that ends inside code', () => {
    const unclosed = withReferencesSection(`Text.\n\n${REFERENCES_START}\n## References\n\n${LIMO_ITEM}\n`, [limo]);
    assert.equal(unclosed.kind, 'refused');
    assert.match((unclosed as { reason: string }).reason, /starts on line 3 has lost its end marker/);
    const inFence = withReferencesSection('Text.\n\n```\ncode', [limo]);
    assert.match((inFence as { reason: string }).reason, /unclosed ``` fence/);
  });

  it('never throws; once applied it is found, unchanged when run again, and updated in place', () => {
    fc.assert(
      fc.property(markdownish, anyPapers, anyPapers, (note, papers, others) => {
        const result = withReferencesSection(note, papers);
        if (result.kind !== 'edit') return;
        const once = apply(note, result);
        const start = result.start + result.newText.indexOf(REFERENCES_START);
        const end = start + referencesSectionText(papers, /\r\n|\r|\n/.exec(note)?.[0]).length;
        assert.deepEqual(findReferencesSection(once), { kind: 'found', start, end });
        if (result.start === result.end) assert.equal(result.start, note.length, 'appended at the end');
        assert.deepEqual(withReferencesSection(once, papers), { kind: 'unchanged' });
        const update = withReferencesSection(once, others);
        assert.notEqual(update.kind, 'refused');
        if (update.kind === 'edit') assert.deepEqual([update.start, update.end], [start, end]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("a note's cited papers", () => {
  it('are the resolved ones, in order of first citation, each once', () => {
    const note = 'First [@orca], then [@no-such-paper; @limo], and again [@orca] and LIMO: Less is More for Reasoning.';
    assert.deepEqual(citedPapers(note, scanner.scan(note)), [orca, limo]);
  });

  it('leave out what only the References section names', () => {
    const note = withSection('As [@limo] shows.\n', [limo, bStar]);
    const citations = scanner.scan(note);
    assert.ok(citations.some((c) => c.key === 'b-star'), 'the scanner reads the titles listed in the section');
    assert.deepEqual(citedPapers(note, citations), [limo]);
  });
});
