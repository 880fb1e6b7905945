/**
 * `npm run bench:core`: load, index, cache and search figures for the library, next to raw
 * MiniSearch on the same papers as the floor. Prints figures; asserts nothing about time.
 *   npm run bench:core -- --sizes 92,10000
 *   npm run bench:core -- --sizes 10000 --json figures.json   (also writes them, for goals.ts)
 *   npm run bench:core -- --sizes 10000,100000 --theming       (the theming figures alone)
 *   npm run bench:core -- --sizes 10000 --update                (papers appended to the library, alone)
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { PaperLibrary } from '../../src/core/model/library';
import { KeptFiles } from '../../src/worker/keptFiles';
import { ParsedFiles, readLibrary, type LibraryContent, type LibrarySource } from '../../src/core/formats/libraryContent';
import { JsonLinesReader, JsonLinesWriter } from '../../src/core/formats/jsonLines';
import { papersForTypedKey, prepareKeyTables } from '../../src/core/search/keyCompletion';
import { indexedPapers, PaperIndex } from '../../src/core/search/searchIndex';
import { loadCitationJs } from '../../src/core/formats/bibliography';
import { readCslJson, readCslJsonWhole } from '../../src/core/formats/bibliographyLibrary';
import { decodeInSlices, finish, type Work } from '../../src/core/work/slices';
import { decodeLibraryFile, parseSeedText } from '../../src/core/formats/seedFormat';
import { seedEntries, seedFormat, seedSource, seedThemes } from '../unit/seedLibrary';
import { generatePapers, type GeneratedPaper } from './generateLibrary';
import type { PaperEntry, PaperMetadata } from '../../src/core/model/paper';
import { assignThemes } from '../../src/core/search/themes';
import { themeLibrary } from '../../src/core/themes/libraryThemes';
import { percentile } from './percentile';
import { makeQueries, makeRecallQueries, type Query, type RecallQuery } from './queries';

/** The shipped definitions, naming the shipped papers alone, as the extension uses them. */
const SHIPPED = { themes: seedThemes, definedFiles: new Set([seedSource.file]) };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:core does)');

export interface Figures {
  load: number;
  build: number;
  /** Ours: the search index restored from its saved lines; raw: `loadJSON`. */
  indexLoad: number;
  /** Ours: the whole library from its cache, the seed text parsed again; raw: `loadJSON`. */
  cachedLoad: number;
  /** Ours only: completion's lookup of a key typed in part, or title words (`papersForTypedKey`), p95. */
  completionP95?: number;
  p50: number;
  p95: number;
  heap: number;
  hits: number;
  /** Share of queries of three abstract words, not in the title, whose paper is in the top ten. */
  abstractRecall: number;
  /** Share of `family-name year` queries whose paper is in the top ten. */
  authorYearRecall: number;
}

const RAW_OPTIONS = {
  fields: ['title', 'abstract', 'authors', 'year'],
  storeFields: ['title'],
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 } },
};

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const ms = (v: number) => (v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(0)} ms`);
const mb = (v: number) => `${(v / 2 ** 20).toFixed(1)} MB`;

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

/** Median of `runs` timings; the last result is kept. */
function timed<T>(runs: number, run: () => T): [T, number] {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) [result, times[i]] = time(run);
  return [result, percentile(times, 0.5)];
}

function heapUsed(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** Each query timed until its answer is in, whether the search answers at once or in a promise. */
async function searchFigures(queries: readonly Query[], search: (q: string) => string[] | Promise<string[]>): Promise<Pick<Figures, 'p50' | 'p95' | 'hits'>> {
  const times: number[] = [];
  let hits = 0;
  let known = 0;
  await search(queries[0].text); // warm up
  for (const q of queries) {
    const start = performance.now();
    const titles = await search(q.text);
    times.push(performance.now() - start);
    if (q.wanted !== undefined) {
      known++;
      if (titles[0] === q.wanted) hits++;
    }
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), hits: hits / known };
}

/** Share of the queries whose paper (by position) is in the top ten `search` gives (positions). */
async function recall(queries: readonly RecallQuery[], search: (q: string) => number[] | Promise<number[]>): Promise<number> {
  let found = 0;
  for (const q of queries) if ((await search(q.text)).slice(0, 10).includes(q.wanted)) found++;
  return queries.length ? found / queries.length : 0;
}

async function recallFigures(papers: readonly GeneratedPaper[], search: (q: string) => number[] | Promise<number[]>): Promise<Pick<Figures, 'abstractRecall' | 'authorYearRecall'>> {
  const { abstractWords, authorYear } = makeRecallQueries(papers, RECALL_QUERIES);
  return { abstractRecall: await recall(abstractWords, search), authorYearRecall: await recall(authorYear, search) };
}

const RECALL_QUERIES = 100;

/**
 * What `readLibrary` makes of seed-format sources, read without waiting so that it can be timed;
 * each entry given the authors and year of `metadata` (by position), which the seed format lacks.
 */
function seedContent(sources: readonly LibrarySource[], metadata: readonly PaperMetadata[] = []): LibraryContent {
  const parsed = sources.map((s) => {
    const { text } = decodeLibraryFile(s.bytes, s.file);
    return text === undefined ? { entries: [], diagnostics: [] } : parseSeedText(text, s.file);
  });
  const entries = parsed.flatMap((p) => p.entries).map((e, i) => (metadata[i]?.authors?.length ? { ...e, authors: metadata[i].authors, year: metadata[i].year } : e));
  return { sources, entries, diagnostics: parsed.flatMap((p) => p.diagnostics) };
}

/** The library as the next session finds it: only the saved cache is in memory. */
async function measureOurs(sources: LibrarySource[], papers: readonly GeneratedPaper[], runs: number, queryCount: number): Promise<Figures> {
  const base = heapUsed();
  const first = (() => {
    const [library, load] = timed(runs, () => PaperLibrary.fromContent(seedContent(sources, papers), SHIPPED));
    const heap = heapUsed() - base;
    const { entries } = seedContent(sources, papers);
    const indexed = finish(indexedPapers(entries));
    const [index, build] = timed(runs, () => finish(PaperIndex.build(indexed)));
    const saved = new JsonLinesWriter();
    finish(index.save(saved));
    return { load, heap, build, savedIndex: saved.lines.join(''), cache: library.toCache() };
  })();
  // Restored once the built library and index are gone, as raw's loadJSON is timed: with them
  // still held, the garbage collector's work made the restore of 100,000 papers half as long again.
  heapUsed();
  const [, indexLoad] = timed(runs, () => finish(PaperIndex.restore(new JsonLinesReader(first.savedIndex))));
  log(`ours: load ${first.load.toFixed(0)} ms, index ${first.build.toFixed(0)} ms, index restored ${indexLoad.toFixed(0)} ms`);
  heapUsed();
  const [library, cachedLoad] = timed(runs, () => PaperLibrary.fromContent(seedContent(sources, papers), { ...SHIPPED, cache: first.cache }));
  if (!library.fromCache) throw new Error('the cache was not used');
  log(`ours: cached load ${cachedLoad.toFixed(0)} ms`);
  const queries = makeQueries(
    library.papers.map((p) => p.title),
    library.papers.map((p) => p.abstract),
    queryCount,
  );
  const search = await searchFigures(queries, async (q) => (await library.search(q, 10)).map((r) => r.paper.title));
  const positions = new Map(library.papers.map((p, i) => [p, i]));
  const recalled = await recallFigures(papers, async (q) => (await library.search(q, 10)).map((r) => positions.get(r.paper)!));
  finish(prepareKeyTables(library));
  // As the host benchmark types them: a key's first five letters, or a title's first two words.
  const typed = library.papers.filter((_, i) => i % 97 === 0).map((p, i) => (i % 2 ? p.key.slice(0, 5) : p.title.split(/\W+/).filter(Boolean).slice(0, 2).join(' ').toLowerCase()));
  const completionP95 = (
    await searchFigures(
      typed.map((text) => ({ text })),
      async (text) => (await papersForTypedKey(library, text, 50)).map((p) => p.title),
    )
  ).p95;
  return { load: first.load, build: first.build, indexLoad, heap: first.heap, cachedLoad, completionP95, ...search, ...recalled };
}

async function measureRaw(sources: LibrarySource[], papers: readonly GeneratedPaper[], runs: number, queryCount: number): Promise<Figures> {
  const parse = () => seedContent(sources, papers).entries.map((e) => ({ title: e.title, abstract: e.abstract, authors: (e.authors ?? []).join(' '), year: String(e.year ?? '') }));
  const index = (docs: { title: string; abstract: string; authors: string; year: string }[]) => {
    const miniSearch = new MiniSearch(RAW_OPTIONS);
    miniSearch.addAll(docs.map((d, id) => ({ id, ...d })));
    return miniSearch;
  };
  const docs = parse();
  const base = heapUsed();
  const first = (() => {
    const [miniSearch, load] = timed(runs, () => index(parse()));
    const heap = heapUsed() - base;
    const [, build] = timed(runs, () => index(docs));
    return { load, heap, build, json: JSON.stringify(miniSearch) };
  })();
  log(`raw: load ${first.load.toFixed(0)} ms, index ${first.build.toFixed(0)} ms`);
  heapUsed();
  const [miniSearch, cachedLoad] = timed(runs, () => MiniSearch.loadJSON(first.json, RAW_OPTIONS));
  log(`raw: loadJSON ${cachedLoad.toFixed(0)} ms`);
  const queries = makeQueries(
    docs.map((d) => d.title),
    docs.map((d) => d.abstract),
    queryCount,
  );
  const search = await searchFigures(queries, (q) => miniSearch.search(q).slice(0, 10).map((r) => docs[r.id as number].title));
  const recalled = await recallFigures(papers, (q) => miniSearch.search(q).slice(0, 10).map((r) => r.id as number));
  return { load: first.load, build: first.build, indexLoad: cachedLoad, heap: first.heap, cachedLoad, ...search, ...recalled };
}

function report(size: number, bytes: number, queries: number, ours: Figures, raw: Figures): void {
  const pct = (v: number) => `${(v * 100).toFixed(0)} %`;
  const rows: [string, Exclude<keyof Figures, 'completionP95'>, (v: number) => string][] = [
    ['load (parse, keys, themes, index)', 'load', ms],
    ['index build', 'build', ms],
    ['cached index load (ours) / loadJSON (raw)', 'indexLoad', ms],
    ['cached library load (ours, text parsed)', 'cachedLoad', ms],
    ['search p50', 'p50', ms],
    ['search p95', 'p95', ms],
    ['heap after load (ours holds the papers)', 'heap', mb],
    ['known item ranked first', 'hits', pct],
    ['recall@10, three abstract-only words', 'abstractRecall', pct],
    ['recall@10, family name and year', 'authorYearRecall', pct],
  ];
  console.log(`\n${size} papers (${mb(bytes)} of text, ${queries} queries)`);
  console.log(`  ${'figure'.padEnd(38)}${'ours'.padStart(12)}${'raw MiniSearch'.padStart(16)}${'ours/raw'.padStart(10)}`);
  for (const [label, field, format] of rows) {
    const ratio = raw[field] > 0 ? (ours[field] / raw[field]).toFixed(2) : '-';
    console.log(`  ${label.padEnd(38)}${format(ours[field]).padStart(12)}${format(raw[field]).padStart(16)}${ratio.padStart(10)}`);
  }
  if (ours.completionP95 !== undefined) console.log(`  ${'completion lookup p95 (ours only)'.padEnd(38)}${ms(ours.completionP95).padStart(12)}`);
}

/** One size's figures as `--json` writes them. */
export interface CoreFigures {
  papers: number;
  ours: Figures;
  raw: Figures;
  theming?: ThemingFigures;
}

/** How long theming takes: the keyword themes of before, and the themes found from the papers now. */
export interface ThemingFigures {
  keyword: number;
  discovered: number;
  /** The longest step of the discovered themes' work: how long it would hold the extension host at once. */
  longestStep: number;
  themes: number;
}

/**
 * Themes of the papers as a library made afresh gives them (`themeLibrary`: found, then the
 * definitions' where they describe the papers), beside the keyword theming that was all before.
 */
function themingFigures(papers: readonly PaperEntry[]): ThemingFigures {
  const [, keyword] = time(() => finish(assignThemes(papers, seedThemes)));
  const found = stepped(themeLibrary(papers, seedThemes, papers.map((p) => p.file === seedSource.file)));
  // Less the unsorted theme, listed whether used or not.
  const figures = { keyword, discovered: found.ms, longestStep: found.longest, themes: found.value.themes.length - 1 };
  console.log(`  themes: keyword theming ${ms(keyword)}; found from the papers ${found.said}, ${figures.themes} themes`);
  return figures;
}

/**
 * The same papers as one CSL-JSON file, read as a load reads it, from the pieces it is decoded
 * in: item by item with pauses, and parsed whole as before (still the way for a malformed
 * file). The longest step is how long the extension host would be held at once.
 */
async function cslJsonFigures(papers: readonly { title: string; abstract: string }[]): Promise<void> {
  const items = papers.map((p, i) => ({ id: `paper${i}`, type: 'article-journal', title: p.title, abstract: p.abstract }));
  const bytes = new TextEncoder().encode(JSON.stringify(items, null, 2));
  const pieces = finish(decodeInSlices(bytes));
  const citationJs = await loadCitationJs();
  const sliced = stepped(readCslJson(pieces, citationJs, () => undefined));
  const whole = stepped(readCslJsonWhole(pieces.join(''), citationJs, () => undefined));
  console.log(`  CSL-JSON file of these papers (${mb(bytes.length)}): read in slices ${sliced.said}; parsed whole ${whole.said}`);
}

/** A work run to its end, step by step: its value, how long it took, and its longest step (how long it would hold the extension host at once). */
function stepped<T>(work: Work<T>): { value: T; ms: number; longest: number; said: string } {
  let longest = 0;
  const started = performance.now();
  for (let last = started, step = work.next(); ; step = work.next()) {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (step.done) return { value: step.value, ms: now - started, longest, said: `${ms(now - started)} in all, ${ms(longest)} at most at once` };
  }
}

/**
 * A paper appended to the last library file, as the extension reads that change: the file read
 * again by the file thread (`KeptFiles`, told as an edit of the version kept), parsed again
 * around the edit, the update's catalogue (the added paper keyed and themed), and its related
 * papers made from the earlier library's, beside those made afresh.
 */
async function updateFigures(sources: readonly LibrarySource[]): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-update-'));
  const last = sources[sources.length - 1];
  const file = path.join(folder, last.file);
  writeFileSync(file, last.bytes);
  const parsed = new ParsedFiles();
  const earlier = finish(PaperLibrary.catalogue(await readLibrary([...sources.slice(0, -1), { file, bytes: last.bytes }], parsed), SHIPPED));
  // As the extension host does in the background after a load.
  finish(earlier.prepareRelated());
  finish(earlier.preparePlacement());
  const kept = new KeptFiles();
  const since = parsed.hashOf(file)!;
  await kept.read(file, { kind: 'keep', hash: since });
  const paper = seedFormat([{ title: 'Pairing Socks by Colour with a Mobile Manipulator', abstract: 'A mobile manipulator pairs socks from a laundry basket by their colour.' }]);
  appendFileSync(file, paper.subarray('Saved page header\n'.length));
  const started = performance.now();
  const { hash, edit } = await kept.read(file, { kind: 'edit', since });
  const fileMs = performance.now() - started;
  const content = await readLibrary([...sources.slice(0, -1), { file, hash, edit: edit! }], parsed);
  const readMs = performance.now() - started - fileMs;
  const catalogue = stepped(PaperLibrary.catalogue(content, { ...SHIPPED, earlier }));
  const derived = stepped(catalogue.value.prepareRelated());
  const afresh = stepped(finish(PaperLibrary.catalogue(content, SHIPPED)).prepareRelated());
  const told = `read by the file thread as an edit of ${(edit!.size / 1e6).toFixed(0)} MB ${ms(fileMs)}, parsed again ${ms(readMs)}`;
  console.log(`  a paper appended (${catalogue.value.updatedFrom?.added ?? 0} added): ${told}; catalogue ${catalogue.said}`);
  console.log(`    related papers from the earlier library's ${derived.said}; afresh ${afresh.said} (${(derived.ms / afresh.ms).toFixed(2)} of afresh)`);
  const library = catalogue.value;
  const times = Array.from({ length: RELATED_REQUESTS }, (_, k) => {
    const paper = library.papers[(k * 7919) % library.papers.length];
    const started = performance.now();
    library.relatedTo(paper, 10);
    return performance.now() - started;
  });
  console.log(`    related papers of one paper (10 of them), ${RELATED_REQUESTS} papers: p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}`);
  // More papers appended one after another: each update places its paper by the features the update before kept.
  const again: number[] = [];
  let later = library;
  let at = hash;
  for (let k = 0; k < MORE_APPENDS; k++) {
    const another = seedFormat([{ title: `Folding Towels by Size with a Mobile Manipulator, Part ${k + 2}`, abstract: 'A mobile manipulator folds towels from a laundry basket by their size.' }]);
    appendFileSync(file, another.subarray('Saved page header\n'.length));
    const read = await kept.read(file, { kind: 'edit', since: at });
    at = read.hash;
    const next = await readLibrary([...sources.slice(0, -1), { file, hash: read.hash, edit: read.edit! }], parsed);
    const step = stepped(PaperLibrary.catalogue(next, { ...SHIPPED, earlier: later }));
    later = step.value;
    again.push(step.ms);
  }
  rmSync(folder, { recursive: true });
  console.log(`    ${MORE_APPENDS} more papers appended one after another: catalogue p50 ${ms(percentile(again, 0.5))}, at most ${ms(Math.max(...again))}`);
}

/** Papers appended after the first, one after another (see `updateFigures`). */
const MORE_APPENDS = 8;

/** Papers whose related papers are asked for, spread over the library. */
const RELATED_REQUESTS = 200;

async function main(): Promise<void> {
  const at = process.argv.indexOf('--sizes');
  const sizes = at > 0 ? process.argv[at + 1].split(',').map(Number) : [seedEntries.length, 10_000, 100_000];
  const json = process.argv.indexOf('--json');
  const measured: CoreFigures[] = [];
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  console.log('raw MiniSearch: fields title + whole abstract + authors + year, prefix, fuzzy 0.2, title boost 2; its load includes our parser.');
  console.log('ours: load is PaperLibrary.fromContent of the parsed sources (parse, keys, themes, index); timings are medians of 5 runs (92), 3 (10k) or 1 (100k).');
  console.log('cached load and loadJSON start with only the saved cache in memory, as the next session would.');
  for (const size of sizes) {
    const papers = size === seedEntries.length ? seedEntries.map((e) => ({ ...e, authors: [], year: 0 })) : generatePapers(seedEntries, size);
    const sources: LibrarySource[] = size === seedEntries.length ? [seedSource] : [{ file: `generated-${size}.txt`, bytes: seedFormat(papers) }];
    const runs = size <= 1000 ? 5 : size <= 20_000 ? 3 : 1;
    const queries = size <= 20_000 ? 200 : 60;
    log(`${size} papers`);
    if (process.argv.includes('--theming')) {
      console.log(`${size} papers:`);
      themingFigures(seedContent(sources).entries);
      continue;
    }
    if (process.argv.includes('--update')) {
      console.log(`${size} papers:`);
      await updateFigures(sources);
      continue;
    }
    const ours = await measureOurs(sources, papers, runs, queries);
    const raw = await measureRaw(sources, papers, runs, queries);
    report(size, sources.reduce((n, s) => n + s.bytes.length, 0), queries, ours, raw);
    await cslJsonFigures(papers);
    const theming = themingFigures(seedContent(sources).entries);
    if (size > seedEntries.length) await updateFigures(sources);
    measured.push({ papers: size, ours, raw, theming });
  }
  if (json > 0) writeFileSync(process.argv[json + 1], JSON.stringify(measured));
}

void main();
