/** The command line, parsed: a command, its positional words and its options. */
export interface CliArgs {
  readonly command: string;
  readonly positional: readonly string[];
  readonly json: boolean;
  readonly limit: number;
  readonly style: string | undefined;
  readonly libraries: readonly string[];
  readonly themes: string | undefined;
  readonly cache: boolean;
  /** render: the citation style (a shipped name or a .csl file), bibliography files, HTML output. */
  readonly csl: string | undefined;
  readonly bibliographies: readonly string[];
  readonly html: boolean;
}

export const USAGE = `Usage: npm run -s cli -- <command> [options]

Commands:
  search "<query>" [--limit N] [--json]   papers matching the query, best first; the query may
                                          filter: author:hinton year:2009 year:2005..2010 theme:robot
  themes [--json]                         every paper, grouped by theme
  related <key> [--limit N] [--json]      papers to read after this one
  cite <key>... [--style S]               a citation: pandoc, markdown, title, bibtex, biblatex or csl-json
  scan <notes.md> [--json]                the citations in a Markdown note
  render <note.md> [--csl S] [--bibliography <file>]... [--html]
                                          the note with its citations formatted and its
                                          References appended: plain text, or --html as the
                                          Markdown preview's HTML body; S is apa,
                                          chicago-author-date, ieee, vancouver,
                                          harvard-cite-them-right, nature or a .csl file

Options:
  --library <file>   also load this library file: .txt, .bib or .json (repeatable)
  --themes <file>    theme definitions to use instead of seeds/themes.json
  --no-cache         neither read nor write the index cache
  --help             this text`;

export class UsageError extends Error {}

const COMMANDS = new Set(['search', 'themes', 'related', 'cite', 'scan', 'render']);

export function parseArgs(argv: readonly string[]): CliArgs {
  const positional: string[] = [];
  const libraries: string[] = [];
  let json = false;
  let cache = true;
  let limit = 10;
  let style: string | undefined;
  let themes: string | undefined;
  let csl: string | undefined;
  let html = false;
  const bibliographies: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--json') json = true;
    else if (arg === '--no-cache') cache = false;
    else if (arg === '--limit') {
      const text = value();
      limit = Number(text);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit takes a whole number of at least 1, not "${text}"`);
    } else if (arg === '--style') style = value();
    else if (arg === '--library') libraries.push(value());
    else if (arg === '--themes') themes = value();
    else if (arg === '--csl') csl = value();
    else if (arg === '--bibliography') bibliographies.push(value());
    else if (arg === '--html') html = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [command, ...rest] = positional;
  if (command === undefined) throw new UsageError('no command given');
  if (!COMMANDS.has(command)) throw new UsageError(`unknown command "${command}"`);
  return { command, positional: rest, json, limit, style, libraries, themes, cache, csl, bibliographies, html };
}
