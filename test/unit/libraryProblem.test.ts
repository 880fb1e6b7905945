import assert from 'node:assert/strict';
import { announceProblems } from '../../src/core/model/libraryProblem';
import type { LibraryDiagnostic } from '../../src/core/model/paper';

describe('announcing library problems', () => {
  const missing: LibraryDiagnostic = { file: '/notes/gone.bib', line: 1, severity: 'error', message: 'cannot read the file: no such file' };
  const malformed: LibraryDiagnostic = { file: '/notes/refs.bib', line: 12, severity: 'error', message: 'malformed entry "doe": unexpected EOF; skipped' };
  const alsoMalformed: LibraryDiagnostic = { ...malformed, line: 30, message: 'malformed entry "roe": unexpected EOF; skipped' };
  const duplicate: LibraryDiagnostic = { file: '/notes/refs.bib', line: 40, severity: 'warning', message: 'the key "x" is also that of …' };
  const name = (file: string) => file.replace('/notes/', '');

  it('tells each file with new errors once, in one line naming the first; warnings only go to Problems', () => {
    const first = announceProblems([missing, malformed, alsoMalformed, duplicate], new Set(), name);
    assert.deepEqual(first.messages, ['gone.bib:1: cannot read the file: no such file', 'refs.bib:12: malformed entry "doe": unexpected EOF; skipped (and 1 more error in the file)']);
    assert.deepEqual(announceProblems([duplicate], new Set(), name).messages, []);
  });

  it('says nothing again for the same errors, even moved to other lines, but tells a new one', () => {
    const { reported } = announceProblems([missing, malformed], new Set(), name);
    assert.deepEqual(announceProblems([missing, { ...malformed, line: 14 }], reported, name).messages, []);
    assert.deepEqual(announceProblems([missing, malformed, alsoMalformed], reported, name).messages, ['refs.bib:30: malformed entry "roe": unexpected EOF; skipped']);
  });

  it('tells an error again when it comes back after being fixed', () => {
    const { reported } = announceProblems([missing], new Set(), name);
    const fixed = announceProblems([], reported, name);
    assert.deepEqual(fixed.messages, []);
    assert.deepEqual(announceProblems([missing], fixed.reported, name).messages, ['gone.bib:1: cannot read the file: no such file']);
  });
});
