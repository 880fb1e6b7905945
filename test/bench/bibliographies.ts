/**
 * `npm run bench:bibliographies`: each real bibliography in test/fixtures/bibliographies read
 * here and by pandoc (`pandoc -f biblatex -t csljson`), timed in this one run: the best of a few
 * reads each, and their ratio (the goal: at most 1.5); the same file read again after one entry
 * is edited; and how many entries' exported CSL items differ from pandoc's reading, per field.
 * Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cslItemOf, exportBibliography } from '../../src/core/formats/bibliography';
import { loadCitationJs } from '../../src/core/formats/bibliography';
import { parseBibliographyWork } from '../../src/core/formats/bibliographyLibrary';
import { finish } from '../../src/core/work/slices';
import type { CslData, Paper } from '../../src/core/model/paper';
import { withoutEntriesAt } from '../unit/bibliographyFixtures';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'bibliographies');
const RUNS = 3;

/** The best of `RUNS` runs, in milliseconds, and the last run's result. */
function best<T>(run: () => T): { ms: number; result: T } {
  let ms = Infinity;
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = run();
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, result };
}

function pandocRead(text: string): CslData[] {
  const run = spawnSync('pandoc', ['-f', 'biblatex', '-t', 'csljson'], { input: text, maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`pandoc failed: ${run.stderr.toString()}`);
  return JSON.parse(run.stdout.toString()) as CslData[];
}

/** Strings as shown (tags and spacing aside), objects with their keys in order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'string') return value.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, canonical(record[key])]));
  }
  return value;
}

/** Per field, how many of `ours` differ from pandoc's item with the same id. */
function fieldDifferences(ours: ReadonlyMap<string, CslData>, pandoc: readonly CslData[]): string {
  const differing = new Map<string, number>();
  for (const theirs of pandoc) {
    const mine = ours.get(String(theirs.id));
    if (!mine) {
      differing.set('(missing)', (differing.get('(missing)') ?? 0) + 1);
      continue;
    }
    for (const field of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
      if (field === 'citation-key') continue;
      if (JSON.stringify(canonical(mine[field])) !== JSON.stringify(canonical(theirs[field]))) differing.set(field, (differing.get(field) ?? 0) + 1);
    }
  }
  const sorted = [...differing].sort((a, b) => b[1] - a[1]);
  return sorted.length ? sorted.map(([field, count]) => `${field} ${count}`).join(', ') : 'none';
}

async function main(): Promise<void> {
  const citationJs = await loadCitationJs();
  const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.bib'));
  for (const file of files) {
    const text = readFileSync(path.join(FIXTURES, file), 'utf8');
    const ours = best(() => finish(parseBibliographyWork([text], file, 'bibtex', citationJs)));
    // pandoc reads a file all or nothing: it is given the file without the entries reported as malformed.
    const malformed = ours.result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line);
    const pandoc = best(() => pandocRead(withoutEntriesAt(text, malformed)));
    // One entry's title edited: only that entry is parsed again.
    const at = text.indexOf('title', text.search(/^@(?!string|preamble|comment)/im));
    const edited = `${text.slice(0, at)}title = {Edited},\n  old${text.slice(at)}`;
    const reparse = best(() => finish(parseBibliographyWork([edited], file, 'bibtex', citationJs, ours.result.entryParses)));
    const papers: Paper[] = ours.result.entries.map((entry) => ({ ...entry, key: entry.key ?? '', theme: '' }));
    const withTitles = pandoc.result.filter((item) => item.title);
    console.log(`${file}: ${ours.result.entries.length} of pandoc's ${withTitles.length} entries with a title loaded${malformed.length ? ` (pandoc given the file without the ${malformed.length} entries reported as malformed)` : ''}`);
    console.log(`  read: ours ${ours.ms.toFixed(0)} ms, pandoc ${pandoc.ms.toFixed(0)} ms, ratio ${(ours.ms / pandoc.ms).toFixed(2)} (goal ≤ 1.5); one entry edited: ${reparse.ms.toFixed(0)} ms`);
    const items = new Map(papers.map((paper) => [paper.key, cslItemOf(paper)]));
    console.log(`  CSL items differing from pandoc's, by field: ${fieldDifferences(items, withTitles)}`);
    for (const format of ['csl-json', 'bibtex', 'biblatex'] as const) {
      const exported = await exportBibliography(papers, format);
      const back = format === 'csl-json' ? (JSON.parse(exported) as CslData[]) : pandocRead(exported);
      console.log(`  exported as ${format}, read back${format === 'csl-json' ? '' : ' by pandoc'}, differing from pandoc's reading of the source: ${fieldDifferences(new Map(back.map((item) => [String(item.id), item])), withTitles)}`);
    }
  }
}

void main();
