// Real bibliographies others wrote, read here and by pandoc: the same entries, keys and titles.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cslItemOf, exportBibliography } from '../../src/core/formats/bibliography';
import type { BibliographyFormat } from '../../src/core/formats/bibliography';
import { parseBibliographyLibrary } from '../../src/core/formats/bibliographyLibrary';
import { plainText } from '../../src/core/formats/cslText';
import type { Paper } from '../../src/core/model/paper';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'bibliographies');

function hasPandoc(): boolean {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type CslJson = Record<string, unknown> & { id: string; title?: string };
const pandocItems = (text: string, from = 'biblatex'): CslJson[] => JSON.parse(execFileSync('pandoc', ['-f', from, '-t', 'csljson'], { input: text, maxBuffer: 1 << 28 }).toString()) as CslJson[];
const shown = (text: unknown) => plainText(String(text ?? '')).replace(/\s+/g, ' ').trim();

/**
 * Per file, the share of titles that may read otherwise than pandoc's, as measured when this
 * was written: math pandoc keeps as TeX and citation-js writes in Unicode (`b₂`, `ϵ`), commands
 * a `@preamble` defines (pandoc drops them, we keep them), a `maintitle` or `issuetitle` pandoc
 * takes for the title. A rise means titles read worse than they did.
 */
const TITLES_READ_OTHERWISE: Record<string, number> = { 'biblatex-examples.bib': 0.04, 'iridia.bib': 0.04 };

describe('real bibliographies, read as pandoc reads them', function () {
  this.timeout(600_000);
  before(function () {
    if (!hasPandoc()) this.skip();
  });

  for (const file of ['biblatex-examples.bib', 'iridia.bib']) {
    describe(file, () => {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      let pandoc: CslJson[];
      let papers: Paper[];
      before(async () => {
        pandoc = pandocItems(text);
        const parsed = await parseBibliographyLibrary(text, file, 'bibtex');
        papers = parsed.entries.map((e) => ({ ...e, key: e.key ?? '', theme: '' }));
      });

      it('loads every entry pandoc reads that has a title, under its key exactly', () => {
        const keys = new Set(papers.map((p) => p.key));
        const missing = pandoc.filter((item) => item.title && !keys.has(item.id)).map((item) => item.id);
        assert.deepEqual(missing, []);
        assert.ok(pandoc.filter((item) => item.title).length > 50, 'the file has entries');
      });

      it('reads titles as pandoc does, but for a few it reads otherwise', () => {
        const ours = new Map(papers.map((p) => [p.key, cslItemOf(p)]));
        const differing = pandoc.filter((item) => item.title && shown(ours.get(item.id)?.title) !== shown(item.title)).map((item) => item.id);
        const share = differing.length / pandoc.length;
        // Measured with this commit; a rise means titles read worse than they did.
        assert.ok(share <= TITLES_READ_OTHERWISE[file], `${differing.length} of ${pandoc.length} titles differ: ${differing.slice(0, 10).join(', ')}…`);
      });
    });
  }
});

/** Every fixture file of a format we read, in both fixture folders: new fixtures join the round trip as they come. */
const ROUND_TRIP_FILES = ['bibliographies', 'attachments'].flatMap((folder) =>
  readdirSync(path.join(FIXTURES, '..', folder))
    .filter((name) => /\.(bib|json)$/.test(name))
    .map((name) => ({ name, file: path.join(FIXTURES, '..', folder, name), format: (name.endsWith('.json') ? 'csl-json' : 'bibtex') as BibliographyFormat })),
);

/**
 * Per file and field, how many items read otherwise here than pandoc reads them, as measured
 * when this was written; a rise fails. These differences are in the reading, and an export
 * keeps them (see the round trip below): in IRIDIA, commands its `@preamble` defines
 * (`\rpackage`, `\cite`) and math, `howpublished` URLs pandoc takes for the publisher, names in
 * `@string` macros, a crossref's `address` beside `location`, `booktitleaddon`; in BibLaTeX's
 * examples, `booktitleaddon`, a `maintitle` and `booktitle` of an `@inbook`, a `@periodical`'s
 * `issuetitle`, commands its documentation defines, and quotes pandoc keeps the case inside.
 */
const READ_OTHERWISE: Record<string, Record<string, number>> = {
  'biblatex-examples.bib': { 'volume-title': 4, 'container-title': 3, annote: 2, title: 2 },
  'iridia.bib': {
    title: 98, author: 52, note: 45, annote: 32, 'title-short': 32, editor: 25, abstract: 23, 'container-title': 19, publisher: 7, issue: 6, URL: 6,
    keyword: 5, ISSN: 2, page: 2, genre: 2, ISBN: 2, number: 1, 'publisher-place': 1,
  },
  'better-bibtex.bib': { 'container-title': 1 },
};

/**
 * What pandoc's BibTeX reader cannot give back, though pandoc keeps it when it reads CSL-JSON,
 * so that an item read from CSL-JSON comes back otherwise from BibTeX: an en dash in `page`
 * (the BibTeX reader makes each a hyphen), a language pandoc has no BibLaTeX name for (a
 * `langid` it does not know it reads in lower case), `source` (no BibTeX field is read as it),
 * and initials written together (`N.J.`, read as `N. J.`).
 */
function pandocCannotWrite(field: string, ours: unknown, back: unknown): boolean {
  if (field === 'page') return typeof ours === 'string' && ours.replace(/–/g, '-') === back;
  if (field === 'language') return typeof ours === 'string' && ours.toLowerCase() === back;
  if (field === 'source') return back === undefined;
  const initialsSpaced = (value: unknown) => JSON.stringify(value)?.replace(/(\p{Lu}\.)(?=\p{Lu})/gu, '$1 ');
  return ['author', 'editor', 'translator'].includes(field) && initialsSpaced(ours) === JSON.stringify(back);
}

/**
 * Strings with pandoc 2.17's CSL-JSON writer's view of case protection: it drops
 * `<span class="nocase">` (later pandoc writes it), which our items keep for styles that change case.
 */
function withoutCaseProtection(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/<span class="nocase">((?:(?!<\/?span).)*)<\/span>/g, '$1');
  if (Array.isArray(value)) return value.map(withoutCaseProtection);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, withoutCaseProtection(record[key])]));
  }
  return value;
}

/** Each field (of either item) whose values differ, as `key field`; `citation-key` pandoc does not write. */
function differingFields(ours: ReadonlyMap<string, CslJson>, theirs: ReadonlyMap<string, CslJson>, keys: Iterable<string>, allowed = (_field: string, _ours: unknown, _theirs: unknown) => false): string[] {
  const differing: string[] = [];
  for (const key of keys) {
    const [a, b] = [ours.get(key) ?? {}, theirs.get(key) ?? {}] as Record<string, unknown>[];
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (field === 'citation-key') continue;
      const [x, y] = [withoutCaseProtection(a[field]), withoutCaseProtection(b[field])];
      if (JSON.stringify(x) !== JSON.stringify(y) && !allowed(field, x, y)) differing.push(`${key} ${field}`);
    }
  }
  return differing;
}

const byId = (items: readonly CslJson[]) => new Map(items.map((item) => [String(item.id), item]));

describe('exports round-trip through pandoc: every field and type of every entry of the real files', function () {
  this.timeout(600_000);
  before(function () {
    if (!hasPandoc()) this.skip();
  });

  for (const { name, file, format } of ROUND_TRIP_FILES) {
    describe(name, () => {
      // One pandoc run per file and format: the source, and each BibTeX export.
      let source: Map<string, CslJson>;
      let exported: Map<string, CslJson>;
      let keys: string[];
      const readBack = new Map<string, Map<string, CslJson>>();
      before(async () => {
        const text = readFileSync(file, 'utf8');
        source = byId(pandocItems(text, format === 'csl-json' ? 'csljson' : 'biblatex'));
        const parsed = await parseBibliographyLibrary(text, name, format);
        const papers: Paper[] = parsed.entries.map((e) => ({ ...e, key: e.key ?? '', theme: '' }));
        exported = byId(JSON.parse(await exportBibliography(papers, 'csl-json')) as CslJson[]);
        for (const style of ['bibtex', 'biblatex'] as const) readBack.set(style, byId(pandocItems(await exportBibliography(papers, style))));
        keys = [...source.values()].filter((item) => item.title).map((item) => String(item.id));
        assert.ok(keys.length > 0, 'the file has entries with titles');
      });

      it('exports each entry as a CSL-JSON item equal to pandoc\'s reading of it, field by field, but for the differences measured in the reading', () => {
        assert.deepEqual(keys.filter((key) => !exported.has(key)), [], 'every entry is exported');
        const differing = differingFields(exported, source, keys);
        const counts: Record<string, number> = {};
        for (const difference of differing) counts[difference.split(' ').pop() ?? ''] = (counts[difference.split(' ').pop() ?? ''] ?? 0) + 1;
        const known = READ_OTHERWISE[name] ?? {};
        const risen = Object.entries(counts).filter(([field, count]) => count > (known[field] ?? 0));
        assert.deepEqual(risen, [], `fields read otherwise than pandoc reads them: ${differing.filter((d) => risen.some(([field]) => d.endsWith(` ${field}`))).slice(0, 10).join(', ')}`);
      });

      for (const style of ['bibtex', 'biblatex'] as const) {
        it(`writes ${style === 'bibtex' ? 'BibTeX (classic field names)' : 'BibLaTeX'} that pandoc reads back to the exported items, and so to its reading of the source`, () => {
          const back = readBack.get(style) ?? new Map();
          assert.deepEqual([...exported.keys()].filter((key) => !back.has(key)), [], 'every entry reads back');
          assert.deepEqual(differingFields(exported, back, exported.keys(), pandocCannotWrite), [], 'the written entries read back to the items');
          // Whatever differs from pandoc's reading of the source differs already in the export above.
          const fromSource = differingFields(back, source, keys, (field, ours, theirs) => pandocCannotWrite(field, theirs, ours));
          const inReading = new Set(differingFields(exported, source, keys));
          assert.deepEqual(fromSource.filter((difference) => !inReading.has(difference)), []);
        });
      }
    });
  }
});
