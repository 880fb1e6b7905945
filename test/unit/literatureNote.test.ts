import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Paper } from '../../src/core/model/paper';
import { applyEdits, BUILT_IN_TEMPLATE, noteKeyOf, renderLiteratureNote, updateLiteratureNote, type NoteContext } from '../../src/core/notes/literatureNote';

const paper: Paper = {
  key: 'smith2020',
  title: 'Deep: "Quoted" Learning',
  abstract: 'First paragraph.\n\nSecond <!-- literature-notes:end --> paragraph.',
  file: '/refs/lib.bib',
  line: 3,
  theme: 'Learning',
  authors: ['Smith, Ann', 'Lee, Bo'],
  year: 2020,
  venue: 'Journal of Things',
  doi: '10.1/x',
};
const related: Paper = { key: 'jones2019', title: 'Other Work', abstract: '', file: '/refs/lib.bib', line: 9, theme: 'Learning' };
const context: NoteContext = { paper, related: [related], date: '2026-12-06' };

/** The note with `replace` put in place of `find`, which must be there. */
function editAt(text: string, find: string, replace: string): string {
  assert.ok(text.includes(find), `the note holds ${JSON.stringify(find)}`);
  return text.replace(find, replace);
}

describe('literature notes', () => {
  it('renders the built-in template: front matter as YAML values, the abstract quoted, a citation', () => {
    const note = renderLiteratureNote(BUILT_IN_TEMPLATE, context);
    assert.match(note, /^---\ntitle: "Deep: \\"Quoted\\" Learning"\nkey: "smith2020"\nauthors: \["Smith, Ann","Lee, Bo"\]\nyear: 2020\nvenue: "Journal of Things"\ndoi: "10.1\/x"\ntags: \["Learning"\]\ncreated: "2026-12-06"\nliterature-notes-hash: "[0-9a-f]{8}"\n---\n/);
    assert.match(note, /\n<!-- literature-notes:begin [0-9a-f]{8} -->\n# Deep: "Quoted" Learning\n\n\[@smith2020\]\n\n> First paragraph\.\n>\n> Second <\\!-- literature-notes:end --> paragraph\.\n<!-- literature-notes:end -->\n/);
    assert.match(note, /\n## My notes\n$/);
    assert.equal(noteKeyOf(note), 'smith2020');
  });

  it('leaves out the front matter fields the library has no value for', () => {
    const seed: Paper = { key: 'limo', title: 'LIMO', abstract: '', file: '/seeds/papers.txt', line: 1, theme: 'Reasoning' };
    const note = renderLiteratureNote(BUILT_IN_TEMPLATE, { paper: seed, related: [], date: '2026-12-06' });
    assert.match(note, /^---\ntitle: "LIMO"\nkey: "limo"\ntags: \["Reasoning"\]\ncreated: "2026-12-06"\nliterature-notes-hash: "[0-9a-f]{8}"\n---\n/);
  });

  it('fills the placeholders of a user template, leaving unknown ones', () => {
    const template = '# ${title} (${year})\n${authors}\n- ${related}\n${nope} ${date} ${venue} ${doi}\r\n';
    assert.equal(renderLiteratureNote(template, context), '# Deep: "Quoted" Learning (2020)\nSmith, Ann; Lee, Bo\n- Other Work [@jones2019]\n${nope} 2026-12-06 Journal of Things 10.1/x\r\n');
  });

  it('updates only the front matter and region, keeping the user text byte for byte', () => {
    const note = renderLiteratureNote(BUILT_IN_TEMPLATE, context);
    const userText = '\r\nMy own words, [@jones2019], *kept*.\n\n---\n\ntrailing\r\n';
    const written = editAt(note, '## My notes\n', `## My notes\n${userText}`);
    const changed = { ...context, paper: { ...paper, title: 'Renamed', year: 2021, abstract: 'New abstract.' } };
    const update = updateLiteratureNote(written, renderLiteratureNote(BUILT_IN_TEMPLATE, changed));
    assert.deepEqual(update.handEdited, []);
    assert.equal(update.edits.length, 2);
    const updated = applyEdits(written, update.edits);
    assert.match(updated, /title: "Renamed"/);
    assert.match(updated, /year: 2021/);
    assert.match(updated, /> New abstract\.\n/);
    assert.ok(updated.endsWith(`## Summary\n\n## Key points\n\n## My notes\n${userText}`));
    // Made again from the same library, a note is up to date.
    assert.deepEqual(updateLiteratureNote(updated, renderLiteratureNote(BUILT_IN_TEMPLATE, changed)).edits, []);
  });

  it('leaves a front matter edited by hand alone unless told to overwrite it', () => {
    const note = editAt(renderLiteratureNote(BUILT_IN_TEMPLATE, context), 'tags: ["Learning"]', 'tags: ["Learning", "to-read"]');
    const fresh = renderLiteratureNote(BUILT_IN_TEMPLATE, { ...context, paper: { ...paper, year: 2021 } });
    const update = updateLiteratureNote(note, fresh);
    assert.deepEqual(update.handEdited, ['front matter']);
    const kept = applyEdits(note, update.edits);
    assert.match(kept, /tags: \["Learning", "to-read"\]/);
    assert.match(kept, /year: 2020/);
    const overwritten = applyEdits(note, updateLiteratureNote(note, fresh, ['front matter']).edits);
    assert.match(overwritten, /year: 2021/);
    assert.doesNotMatch(overwritten, /to-read/);
  });

  it('tells a region edited by hand, and keeps a note with CRLF line breaks in them', () => {
    const note = renderLiteratureNote(BUILT_IN_TEMPLATE, context).replace(/\n/g, '\r\n');
    const fresh = renderLiteratureNote(BUILT_IN_TEMPLATE, { ...context, paper: { ...paper, venue: 'Elsewhere' } });
    const update = updateLiteratureNote(note, fresh);
    assert.deepEqual(update.handEdited, []);
    const updated = applyEdits(note, update.edits);
    assert.match(updated, /venue: "Elsewhere"\r\n/);
    assert.doesNotMatch(updated, /[^\r]\n/);
    const regionEdited = editAt(note, '> First paragraph.', '> First paragraph, which I annotated.');
    assert.deepEqual(updateLiteratureNote(regionEdited, fresh).handEdited, ['region']);
  });

  it('finds nothing to update in a note the template did not make', () => {
    const update = updateLiteratureNote('# My note\n\nText.\n', renderLiteratureNote(BUILT_IN_TEMPLATE, context));
    assert.deepEqual(update, { edits: [], handEdited: [], found: [] });
  });

  it('keeps every character outside the parts the library wrote, whatever the user adds', () => {
    const note = renderLiteratureNote(BUILT_IN_TEMPLATE, context);
    const fresh = renderLiteratureNote(BUILT_IN_TEMPLATE, { ...context, paper: { ...paper, title: 'T2', abstract: 'A2' } });
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 60 }), (tail, middle) => {
        const written = editAt(note, '## Summary\n', `## Summary\n${middle}\n`) + tail;
        const updated = applyEdits(written, updateLiteratureNote(written, fresh).edits);
        const after = (text: string) => text.slice(text.indexOf('<!-- literature-notes:end -->'));
        return after(updated) === after(written);
      }),
    );
  });
});
