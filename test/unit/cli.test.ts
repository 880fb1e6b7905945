import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIBTEX, CSL_JSON, lineOf } from './bibliographyFixtures';
import { SEARCH_BIBTEX } from './searchFixtures';
import { loadSeedLibrary } from './seedLibrary';

const work = mkdtempSync(join(tmpdir(), 'literature-notes-cli-'));
const cacheDir = join(work, 'cache');

/** Runs the bundled CLI the way the README does, from the project root. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['dist/cli/main.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LITERATURE_NOTES_CACHE: cacheDir, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(...args: string[]): T {
  const run = cli(...args, '--json');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  return JSON.parse(run.stdout) as T;
}

interface Scored {
  key: string;
  title: string;
  theme: string;
  score: number;
  authors: string[];
  year: number | null;
}

describe('command line', function () {
  const library = loadSeedLibrary();

  // The suite runs the bundle, so make sure the bundle is the code under test.
  before(() => execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' }));

  it('searches: best first, with key, title, theme and score', () => {
    const results = json<Scored[]>('search', 'less is more reasoning', '--limit', '3');
    assert.equal(results.length, 3);
    assert.equal(results[0].key, 'limo');
    assert.deepEqual(Object.keys(results[0]), ['key', 'title', 'theme', 'score', 'authors', 'year']);
    // Seed papers have neither.
    assert.deepEqual([results[0].authors, results[0].year], [[], null]);
    const paper = library.paperByKey('limo');
    assert.equal(results[0].title, paper?.title);
    assert.equal(results[0].theme, paper?.theme);
    assert.ok(results[0].score >= results[1].score && results[1].score >= results[2].score);
  });

  it('writes its index cache on the first run and reads it on the next, with the same answers', () => {
    const first = cli('search', 'reasoning');
    assert.equal(readdirSync(cacheDir).length, 1);
    assert.equal(cli('search', 'reasoning').stdout, first.stdout);
    assert.equal(cli('search', 'reasoning', '--no-cache').stdout, first.stdout);
  });

  it('prints readable results without --json', () => {
    const run = cli('search', 'limo less is mor');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^ {2}1\. LIMO: Less is More for Reasoning\n {5}@limo · .+ · score \d/);
    assert.equal(cli('search', 'zzzqqq').stdout, 'No papers match.\n');
  });

  it('lists themes holding every paper once', () => {
    const themes = json<{ theme: string; papers: { key: string; title: string }[] }[]>('themes');
    assert.ok(themes.length >= 6 && themes.length <= 12);
    const keys = themes.flatMap((t) => t.papers.map((p) => p.key)).sort();
    assert.deepEqual(keys, library.papers.map((p) => p.key).sort());
    for (const t of themes) for (const p of t.papers) assert.equal(library.paperByKey(p.key)?.theme, t.theme);
  });

  it('gives related papers, mostly from the same theme', () => {
    const related = json<Scored[]>('related', 'limo', '--limit', '5');
    assert.equal(related.length, 5);
    assert.ok(!related.some((r) => r.key === 'limo'));
    assert.ok(related.filter((r) => r.theme === library.paperByKey('limo')?.theme).length >= 3);
  });

  it('cites in every style', () => {
    const [a, b] = library.papers;
    assert.equal(cli('cite', a.key).stdout, `[@${a.key}]\n`);
    assert.equal(cli('cite', a.key, b.key).stdout, `[@${a.key}; @${b.key}]\n`);
    assert.match(cli('cite', a.key, '--style', 'title').stdout, new RegExp(`\\[@${a.key}\\]`));
    assert.match(cli('cite', a.key, '--style', 'markdown').stdout, new RegExp(`\\(#${a.key}\\)`));
    assert.match(cli('cite', a.key, '--style', 'bibtex').stdout, new RegExp(`^@\\w+\\{${a.key},`));
    assert.match(cli('cite', a.key, '--style', 'biblatex').stdout, new RegExp(`^@\\w+\\{${a.key},`));
    const csl = JSON.parse(cli('cite', a.key, b.key, '--style', 'csl-json').stdout) as { id: string; title: string }[];
    assert.deepEqual(
      csl.map((item) => [item.id, item.title]),
      [
        [a.key, a.title],
        [b.key, b.title],
      ],
    );
  });

  it('scans a note: every citation with its line, columns, key, title and form', () => {
    const note = join(work, 'notes.md');
    writeFileSync(note, '# Notes\n\nAs [@limo] shows, and @nobody99.\n\n`@limo` LIMO: Less is More for Reasoning\n');
    const found = json<Record<string, unknown>[]>('scan', note);
    assert.deepEqual(found, [
      { line: 3, startColumn: 5, endLine: 3, endColumn: 9, key: 'limo', title: library.paperByKey('limo')?.title, form: 'pandoc' },
      { line: 3, startColumn: 23, endLine: 3, endColumn: 31, key: 'nobody99', title: null, form: 'pandoc' },
      { line: 5, startColumn: 8, endLine: 5, endColumn: 40, key: 'limo', title: library.paperByKey('limo')?.title, form: 'title' },
    ]);
    const text = cli('scan', note).stdout;
    assert.match(text, /notes\.md:3:6: pandoc +@limo +LIMO: Less is More/);
    assert.match(text, /3 citations, 1 not in the library\./);
  });

  it('prints usage and exits 2 on bad arguments', () => {
    for (const args of [[], ['frobnicate'], ['search'], ['search', 'x', '--limit', 'many'], ['cite', 'limo', '--style', 'apa'], ['themes', '--bogus']]) {
      const run = cli(...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /Usage: npm run -s cli/);
      assert.equal(run.stdout, '');
    }
  });

  it('searches a BibTeX library by author and year, with filters, and shows who and when', () => {
    const refs = join(work, 'search-refs.bib');
    writeFileSync(refs, SEARCH_BIBTEX);
    const [hinton] = json<Scored[]>('search', 'hinton 2006', '--library', refs, '--limit', '1');
    assert.deepEqual([hinton.key, hinton.authors, hinton.year], ['hinton2006fast', ['Hinton, Geoffrey E.', 'Osindero, Simon', 'Teh, Yee-Whye'], 2006]);
    const filtered = json<Scored[]>('search', 'author:hinton year:2005..2010', '--library', refs);
    assert.deepEqual(filtered.map((r) => r.key), ['salakhutdinov2009deep', 'hinton2006fast']);
    assert.match(cli('search', 'deep belief', '--library', refs).stdout, /@hinton2006fast · Hinton et al\. 2006 · /);
    const typo = cli('cite', 'smtih_2018', '--library', refs);
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /no paper with the key "smtih_2018"; did you mean smith_2018/);
    assert.match(cli('cite', 'DBLP:journals/corr/smith18', '--library', refs).stderr, /did you mean DBLP:journals\/corr\/Smith18,/);
  });

  it('exits 1 with a clear message for an unknown key or an unreadable note', () => {
    const run = cli('related', 'limmo');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no paper with the key "limmo"; did you mean limo/);
    const scan = cli('scan', join(work, 'missing.md'));
    assert.equal(scan.code, 1);
    assert.match(scan.stderr, /cannot read .*missing\.md/);
  });

  it('adds --library files, reporting their problems as file:line and loading the rest', () => {
    const extra = join(work, 'extra.txt');
    writeFileSync(extra, 'Header\n\nA Brand New Paper on Tide Pools\n\nAbout tide pools and the crabs in them.\n\nLIMO: Less is More for Reasoning\n\nDuplicate.\n');
    const empty = join(work, 'empty.txt');
    writeFileSync(empty, '');
    const run = cli('search', 'tide pools crabs', '--library', extra, '--library', empty, '--json');
    assert.equal(run.code, 0);
    const lines = run.stderr.split('\n');
    assert.ok(lines.some((l) => l.startsWith(`${extra}:7: warning: `) && l.includes('LIMO')), run.stderr);
    assert.ok(lines.some((l) => l.startsWith(`${empty}:1: error: `)), run.stderr);
    const results = JSON.parse(run.stdout) as Scored[];
    assert.equal(results[0].title, 'A Brand New Paper on Tide Pools');
  });

  it('adds BibTeX and CSL-JSON --library files, citing their entries by their own keys', () => {
    const bib = join(work, 'refs.bib');
    const csl = join(work, 'refs.json');
    writeFileSync(bib, BIBTEX);
    writeFileSync(csl, CSL_JSON);
    const search = cli('search', 'attention is all you need', '--library', bib, '--library', csl, '--json', '--limit', '1');
    assert.equal(search.code, 0, search.stderr);
    assert.equal((JSON.parse(search.stdout) as Scored[])[0].key, 'vaswani2017attention');
    assert.ok(search.stderr.split('\n').includes(`${bib}:${lineOf(BIBTEX, '@inproceedings{doe')}: error: malformed entry "doe:2021": expected "text", got EOF (is a brace or quote left open?); skipped`), search.stderr);
    const cite = cli('cite', 'vaswani2017attention', 'Lee 2018', '--style', 'csl-json', '--library', bib, '--library', csl);
    assert.equal(cite.code, 0, cite.stderr);
    const items = JSON.parse(cite.stdout) as Record<string, unknown>[];
    assert.deepEqual(
      items.map((i) => [i.id, i.DOI, i['container-title']]),
      [
        ['vaswani2017attention', '10.48550/arXiv.1706.03762', 'CoRR'],
        ['Lee 2018', undefined, undefined],
      ],
    );
    assert.equal(cli('cite', 'mueller2020', 'Lee 2018', '--library', bib, '--library', csl).stdout, '[@mueller2020; @{Lee 2018}]\n');
  });
});
