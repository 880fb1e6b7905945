// What one BibTeX entry's text needs before citation-js parses it alone: the macros and crossref parents it uses, and LaTeX it cannot read.
import { CASE_PROTECTION_COMMAND, MACRO_COMMAND, MATH_COMMAND, SUBTITLE_COMMAND, TEX_COMMAND, toHex } from './bibtexLatex';

/** An entry's label: what follows `@type{` up to the comma. */
export function entryLabel(text: string): string | undefined {
  return /^[^{(]*[{(]\s*([^,\s]*)/.exec(text)?.[1] || undefined;
}

/** A `@string{name = …}` definition's name, lower case as BibTeX compares them. */
export function macroName(text: string): string | undefined {
  return /^[^{(]*[{(]\s*([A-Za-z_][^\s=#{}(),"]*)\s*=/.exec(text)?.[1].toLowerCase();
}

/**
 * The bare words of an entry's field values (after `=` or `#`), lower case: the macros it may
 * use. Words inside braces or quotes are text, but telling them apart needs a parse; a word
 * taken for a macro that is none costs only its definition being put before the entry.
 */
export function macroNamesUsed(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/[=#]\s*([A-Za-z_][^\s=#{}(),"%]*)/g)) names.add(m[1].toLowerCase());
  return names;
}

/** The keys an entry inherits fields from (BibLaTeX `crossref` and `xdata`), as written. */
export function parentKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(/\b(?:crossref|xdata)\s*=\s*[{"]([^}"]*)[}"]/gi)) keys.push(...m[1].split(',').map((k) => k.trim()).filter(Boolean));
  return keys;
}

/**
 * LaTeX that pandoc reads and citation-js rejects, which would cost the whole entry, rewritten
 * to what citation-js reads the same way: a starred command (`\enquote*{…}`) as its plain form,
 * and `\_` inside math as the underscore command.
 */
export function readableEntryText(text: string): string {
  return text.replace(/\\([A-Za-z]+)\*/g, '\\$1').replace(/\$[^$]*\$/g, (math) => math.replace(/\\_/g, '\\textunderscore '));
}

/** Fields whose words BibLaTeX (and pandoc) may change the case of, outside braces; their text from the first brace or quote (after the macros it may start with: `emo2015 # { Part {I}}`). */
const TITLE_FIELD = /(?:^|[,{(])\s*((?:sub|main|book|event|issue|orig|short)?title|(?:book|main)?subtitle|(?:book|main)?titleaddon|series)\s*=\s*(?:[A-Za-z_][\w:.-]*\s*#\s*)*([{"])/gi;
/** Commands whose one-character name is an accent: a brace after them holds its letter. */
const ACCENTS = new Set(["'", '"', '`', '^', '~', '=', '.']);

/** What `protectedCase` needs to know of citation-js's LaTeX. */
export interface LatexReading {
  /** Whether citation-js writes this math as pandoc typesets it (see `isPlainMath`). */
  plainMath(math: string): boolean;
  /** Whether the command is a symbol, which takes no argument (`\aa`, `\textemdash`). */
  isSymbol(name: string): boolean;
}

/** A stretch of the entry's text and what it is written as for citation-js. */
interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/**
 * The entry's title fields written for citation-js to read as pandoc does. Each brace group
 * is marked as case-protected, as BibLaTeX and pandoc read them (`{BERT}`, `{G}erman`,
 * `{\"U}`, `{\em …}`); citation-js keeps such groups only as it guesses from the title's
 * case, and here the case is changed afterwards, by pandoc's rules (see `sentenceCase`),
 * which need every group. Math keeps its case: written in Unicode where citation-js writes
 * it as pandoc typesets it (`$\epsilon$`, `$b_2$`), else kept as TeX (`$\mathcal{O}(n)$`), as
 * pandoc's CSL has it.
 */
export function protectedCase(text: string, { plainMath, isSymbol }: LatexReading): string {
  const edits: Edit[] = [];
  const math = (from: number, to: number, tex: string) => edits.push({ from, to, text: plainMath(tex) ? `\\${MATH_COMMAND}{${toHex(tex)}}{$${tex}$}` : `\\${TEX_COMMAND}{${toHex(tex)}}` });
  for (const m of text.matchAll(TITLE_FIELD)) {
    const quoted = m[2] === '"';
    // A subtitle's case is changed apart from its title's.
    // (Not after a macro: the mark would land after the macro's text.)
    if (/^(?:book|main)?subtitle$/i.test(m[1]) && /=\s*[{"]$/.test(m[0])) edits.push({ from: m.index + m[0].length, to: m.index + m[0].length, text: `\\${SUBTITLE_COMMAND} ` });
    let depth = 0;
    // After a command's name, or an argument just closed, a brace opens an argument (`\emph{…}`, `\'{e}`, `\href{…}{…}`), not a group.
    let argument = false;
    let argumentOpen = -1;
    for (let i = m.index + m[0].length; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') {
        const name = /^[A-Za-z]+\*?/.exec(text.slice(i + 1, i + 40))?.[0];
        const end = text[i + 1] === '(' ? text.indexOf('\\)', i + 2) : -1;
        if (end >= 0) {
          math(i, end + 2, text.slice(i + 2, end));
          i = end + 1;
          argument = false;
          continue;
        }
        if (name === 'ensuremath' && text[i + 11] === '{') {
          const close = closingBrace(text, i + 11);
          if (close >= 0) {
            math(i, close + 1, text.slice(i + 12, close));
            i = close;
            argument = false;
            continue;
          }
        }
        // A symbol's name (`\textemdash{{New}}`) takes no argument: a brace after it opens a group.
        argument = (name !== undefined && !isSymbol(name)) || ACCENTS.has(text[i + 1]);
        i += name ? name.length : 1;
        // citation-js reads the spaces after a command's name as part of it.
        if (name !== undefined) while (text[i + 1] === ' ') i++;
        continue;
      }
      if (c === '$') {
        const end = text.indexOf('$', i + 1);
        if (end < 0 || (quoted && text.slice(i, end).includes('"'))) break;
        math(i, end + 1, text.slice(i + 1, end));
        i = end;
        argument = false;
        continue;
      }
      if (c === '[' && argument) {
        // A command's optional argument (`\cite[p.~3]{key}`): its brace still opens an argument.
        const close = text.indexOf(']', i);
        if (close > 0 && !/[{}]/.test(text.slice(i, close))) {
          i = close;
          continue;
        }
      }
      let closedArgument = false;
      if (c === '{') {
        if (depth === 0) {
          argumentOpen = argument ? i : -1;
          if (!argument) edits.push({ from: i, to: i, text: `\\${CASE_PROTECTION_COMMAND}` });
        }
        depth++;
      } else if (c === '}') {
        if (depth === 0) break;
        depth--;
        // An empty group (`\textendash{}`) ends its command: no argument follows.
        closedArgument = depth === 0 && argumentOpen >= 0 && argumentOpen < i - 1;
      } else if (c === '"' && quoted && depth === 0) {
        break;
      }
      argument = closedArgument;
    }
  }
  let out = '';
  let last = 0;
  for (const { from, to, text: written } of edits) {
    out += text.slice(last, from) + written;
    last = to;
  }
  return out + text.slice(last);
}

/** Where the brace opened at `open` closes, or -1. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** A command a `@preamble` defines: how many arguments it takes, and what it prints (`#1`… standing for them). */
export interface PreambleMacro {
  readonly arguments: number;
  readonly body: string;
}

/** The commands the `@preamble` text defines, by name (`\newcommand`, `\renewcommand`, `\providecommand`, `\def`); the first definition of a name counts, as with `\providecommand`. */
export function preambleMacros(preamble: string): Map<string, PreambleMacro> {
  const macros = new Map<string, PreambleMacro>();
  for (const m of preamble.matchAll(/\\(newcommand|renewcommand|providecommand|def)(?![A-Za-z])/g)) {
    let at = m.index + m[0].length;
    const skipSpaces = () => {
      while (/\s/.test(preamble[at] ?? '')) at++;
    };
    if (preamble[at] === '*') at++;
    skipSpaces();
    const braced = preamble[at] === '{';
    if (braced) at++;
    skipSpaces();
    const name = /^\\([A-Za-z]+)/.exec(preamble.slice(at, at + 80))?.[1];
    if (name === undefined) continue;
    at += name.length + 1;
    skipSpaces();
    if (braced && preamble[at++] !== '}') continue;
    skipSpaces();
    // `[2]`, how many arguments; then, maybe, `[default]` for the first.
    const count = m[1] === 'def' ? undefined : /^\[(\d)\]/.exec(preamble.slice(at, at + 3));
    if (count) {
      at += count[0].length;
      skipSpaces();
      const optional = /^\[[^\]]*\]/.exec(preamble.slice(at, at + 200));
      if (optional) at += optional[0].length;
      skipSpaces();
    }
    const close = preamble[at] === '{' ? closingBrace(preamble, at) : -1;
    if (close < 0 || macros.has(name)) continue;
    macros.set(name, { arguments: Number(count?.[1] ?? 0), body: preamble.slice(at + 1, close) });
  }
  return macros;
}

/** Macros within macros are expanded this deep, no deeper (a macro may use itself). */
const MAX_MACRO_DEPTH = 4;

/**
 * The text with each use of a `@preamble` command replaced by what LaTeX prints for it: its
 * body, `#1`… replaced by the arguments (`\rpackage{irace}` → `{irace}` after
 * `\providecommand{\rpackage}[1]{{#1}}`), marked so that pandoc's reading can drop it.
 */
export function expandedMacros(text: string, macros: ReadonlyMap<string, PreambleMacro>, depth = 0): string {
  if (macros.size === 0 || depth >= MAX_MACRO_DEPTH || !text.includes('\\')) return text;
  let out = '';
  let last = 0;
  let expanded = false;
  for (const m of text.matchAll(/\\([A-Za-z]+)/g)) {
    const macro = macros.get(m[1]);
    if (macro === undefined || m.index < last) continue;
    let at = m.index + m[0].length;
    const args: string[] = [];
    while (args.length < macro.arguments) {
      while (/\s/.test(text[at] ?? '')) at++;
      if (text[at] === '{') {
        const close = closingBrace(text, at);
        if (close < 0) break;
        args.push(text.slice(at + 1, close));
        at = close + 1;
      } else if (at < text.length) {
        args.push(text[at++]);
      } else break;
    }
    if (args.length < macro.arguments) continue;
    out += `${text.slice(last, m.index)}\\${MACRO_COMMAND}{${macro.body.replace(/#([1-9])/g, (_, n: string) => args[Number(n) - 1] ?? '')}}`;
    last = at;
    expanded = true;
  }
  return expanded ? expandedMacros(out + text.slice(last), macros, depth + 1) : text;
}
