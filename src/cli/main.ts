// The command line's entry point: search, themes, related, cite and scan over the core.
import { join, relative, isAbsolute } from 'node:path';
import { EXPORT_FORMATS, exportBibliography, type ExportFormat } from '../core/formats/bibliography';
import { citationSnippetForMany, SNIPPET_STYLES, type SnippetStyle } from '../core/notes/citationSnippet';
import { PaperLibrary } from '../core/model/library';
import { readLibrarySources, readThemeDefinitions, seedLibraryFiles } from '../node/libraryFiles';
import { closestPapers } from '../core/search/closestKeys';
import { readRegularFileSync } from '../node/textFile';
import { NoteScanner } from '../core/notes/noteScanner';
import { formatDiagnostic, type Paper } from '../core/model/paper';
import { parseArgs, UsageError, USAGE, type CliArgs } from './args';
import { cacheFileFor, readCache, writeCache } from './libraryCache';
import { renderNote } from './render';
import { highlight, paperLine } from './terminal';
import { terminalJson, terminalText } from '../core/model/untrustedText';

/** The bundle lives in dist/cli/, the shipped seeds in seeds/ at the project root. */
const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');
/** The shipped citation styles and locales. */
const CSL_DIR = join(__dirname, '..', '..', 'media', 'csl');
const CITE_STYLES = [...SNIPPET_STYLES.filter((s) => s !== 'custom'), ...EXPORT_FORMATS] as const;

class CliError extends Error {}

/** A note larger than this is not scanned. */
const MAX_NOTE_BYTES = 64 << 20;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let args: CliArgs;
  try {
    args = parseArgs(argv);
    checkArity(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`literature-notes: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const library = await loadLibrary(args);
    await run(args, library);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`literature-notes: ${terminalText(error.message)}\n`);
    return 1;
  }
}

function checkArity(args: CliArgs): void {
  const n = args.positional.length;
  const wants: Record<string, [number, number, string]> = {
    search: [1, 1, 'search takes one query (quote it)'],
    themes: [0, 0, 'themes takes no arguments'],
    related: [1, 1, 'related takes one key'],
    cite: [1, Infinity, 'cite takes one or more keys'],
    scan: [1, 1, 'scan takes one Markdown file'],
    render: [1, 1, 'render takes one Markdown file'],
  };
  const [min, max, message] = wants[args.command];
  if (n < min || n > max) throw new UsageError(message);
  if (args.style !== undefined && (args.command !== 'cite' || !(CITE_STYLES as readonly string[]).includes(args.style))) {
    throw new UsageError(`--style goes with cite and is one of ${CITE_STYLES.join(', ')}`);
  }
  if (args.command !== 'render' && (args.csl !== undefined || args.html || args.bibliographies.length)) {
    throw new UsageError('--csl, --bibliography and --html go with render');
  }
}

async function loadLibrary(args: CliArgs): Promise<PaperLibrary> {
  const seedFiles = seedLibraryFiles(SEEDS_DIR).map(displayPath);
  const files = [...seedFiles, ...args.libraries];
  const themesFile = args.themes ?? displayPath(join(SEEDS_DIR, 'themes.json'));
  const themes = readThemeDefinitions(themesFile);
  const { sources, diagnostics } = await readLibrarySources(files);
  const cacheFile = cacheFileFor(files, themesFile);
  const cache = args.cache ? readCache(cacheFile) : undefined;
  // The shipped definitions name the shipped papers alone; definitions of the user's own, any paper they describe.
  const definedFiles = args.themes === undefined ? new Set(seedFiles) : undefined;
  const library = await PaperLibrary.fromSources(sources, { themes: themes.themes, definedFiles, cache });
  for (const d of [...themes.diagnostics, ...diagnostics, ...library.diagnostics]) process.stderr.write(`${terminalText(formatDiagnostic(d))}\n`);
  if (args.cache && library.papers.length > 0 && !library.fromCache) {
    writeCache(cacheFile, library.toCache());
  }
  return library;
}

async function run(args: CliArgs, library: PaperLibrary): Promise<void> {
  // Titles, keys and names come from library files and notes: no control character of theirs reaches the terminal.
  const out = (text: string): void => void process.stdout.write(`${terminalText(text)}\n`);
  switch (args.command) {
    case 'search': {
      const results = await library.search(args.positional[0], args.limit);
      if (args.json) return out(terminalJson(results.map((r) => ({ ...summary(r.paper, r.score), authors: r.paper.authors ?? [], year: r.paper.year ?? null }))));
      if (results.length === 0) return out('No papers match.');
      results.forEach((r, i) => out(paperLine(i + 1, r.paper, r.score, (text) => highlight(text, r.terms))));
      return;
    }
    case 'related': {
      const paper = await paperFor(library, args.positional[0]);
      const results = library.relatedTo(paper, args.limit);
      if (args.json) return out(terminalJson(results.map((r) => summary(r.paper, r.score))));
      out(`Related to ${paper.title} [@${paper.key}]:`);
      results.forEach((r, i) => out(paperLine(i + 1, r.paper, r.score)));
      return;
    }
    case 'themes': {
      const groups = library.themeGroups();
      if (args.json) {
        const data = groups.map((g) => ({
          theme: g.theme.name,
          ...(g.theme.parent !== undefined ? { parent: g.theme.parent } : {}),
          papers: g.papers.map((p) => ({ key: p.key, title: p.title })),
        }));
        return out(terminalJson(data));
      }
      const width = Math.max(...library.papers.map((p) => p.key.length));
      let parent: string | undefined;
      for (const group of groups) {
        // Sub-themes of a parent come together, after its name.
        const indent = group.theme.parent === undefined ? '' : '  ';
        if (group.theme.parent !== undefined && group.theme.parent !== parent) {
          const count = groups.filter((g) => g.theme.parent === group.theme.parent).reduce((n, g) => n + g.papers.length, 0);
          out(`${group.theme.parent} (${count})`);
        }
        parent = group.theme.parent;
        out(`${indent}${group.theme.name} (${group.papers.length})`);
        for (const p of group.papers) out(`${indent}  ${p.key.padEnd(width)}  ${p.title}`);
        out('');
      }
      return;
    }
    case 'cite': {
      const papers = await Promise.all(args.positional.map((key) => paperFor(library, key)));
      const style = args.style ?? 'pandoc';
      if ((EXPORT_FORMATS as readonly string[]).includes(style)) return out((await exportBibliography(papers, style as ExportFormat)).trimEnd());
      return out(citationSnippetForMany(papers, style as SnippetStyle));
    }
    case 'render': {
      const file = args.positional[0];
      const { output, problems } = await renderNote(file, readNote(file), library, CSL_DIR, { ...(args.csl ? { csl: args.csl } : {}), bibliographies: args.bibliographies, html: args.html });
      for (const problem of problems) process.stderr.write(`${problem}\n`);
      return void process.stdout.write(output);
    }
    case 'scan': {
      const file = args.positional[0];
      const text = readNote(file);
      const citations = new NoteScanner(library.papers).scan(text);
      if (args.json) {
        const data = citations.map((c) => ({
          line: c.line,
          startColumn: c.startColumn,
          // A title may wrap onto the next line: endColumn is on endLine.
          endLine: c.endLine,
          endColumn: c.endColumn,
          key: c.key,
          title: c.paper?.title ?? null,
          form: c.form,
        }));
        return out(terminalJson(data));
      }
      if (citations.length === 0) return out(`${file}: no citations found.`);
      // file:line:column with a 1-based column, the form editors and terminals link.
      for (const c of citations) {
        out(`${file}:${c.line}:${c.startColumn + 1}: ${c.form.padEnd(6)} @${c.key}  ${c.paper ? c.paper.title : '(not in the library)'}`);
      }
      const unresolved = citations.filter((c) => !c.paper).length;
      out(`${citations.length} citation${citations.length === 1 ? '' : 's'}, ${unresolved} not in the library.`);
      return;
    }
  }
}

/** A note's text, read within the bound every note read has. */
function readNote(file: string): string {
  try {
    return new TextDecoder().decode(readRegularFileSync(file, MAX_NOTE_BYTES));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function summary(paper: Paper, score: number) {
  return { key: paper.key, title: paper.title, theme: paper.theme, score: Math.round(score * 1000) / 1000 };
}

async function paperFor(library: PaperLibrary, key: string): Promise<Paper> {
  const bare = key.replace(/^@/, '');
  const paper = library.paperByKey(bare);
  if (paper) return paper;
  const close = (await closestPapers(library, bare)).map((p) => p.key);
  throw new CliError(`no paper with the key "${bare}"${close.length ? `; did you mean ${close.join(', ')}?` : ''}`);
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`literature-notes: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
