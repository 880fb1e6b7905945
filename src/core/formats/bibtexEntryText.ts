// What one BibTeX entry's text needs before citation-js parses it alone: the macros and crossref parents it uses, and LaTeX it cannot read.

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

/** LaTeX commands citation-js does not know, and what pandoc reads them as. */
export const EXTRA_COMMANDS: Readonly<Record<string, string>> = {
  aa: 'å',
  AA: 'Å',
  TeX: 'TeX',
  textregistered: '®',
  texttrademark: '™',
  textcopyright: '©',
  LaTeX: 'LaTeX',
  BibTeX: 'BibTeX',
  LaTeXe: 'LaTeX2ε',
  hyphen: '-',
  textendash: '–',
  textemdash: '—',
  slash: '/',
  // `\-` (a place a word may break) and `\/` (italic correction) print nothing.
  '-': '',
  '/': '',
  // `\ ` (a space that does not end a sentence): citation-js reads the command's name trimmed.
  '': ' ',
};

/** Commands with arguments citation-js does not know, and what they print. */
export const EXTRA_ARGUMENT_COMMANDS: Readonly<Record<string, (...args: string[]) => string>> = {
  hspace: (_length: string) => '',
  vspace: (_length: string) => '',
  mbox: (text: string) => text,
  hbox: (text: string) => text,
  noopsort: (_key: string) => '',
};

/** The command `protectedCase` writes; citation-js reads it as a case-protected span (see `loadCitationJs`). */
export const CASE_PROTECTION_COMMAND = 'litnotesnocase';

/** Fields whose words BibLaTeX (and pandoc) may change the case of, outside braces. */
const TITLE_FIELD = /\b(?:(?:sub|main|book|event|issue|orig|short)?title|(?:book|main)?subtitle|(?:book|main)?titleaddon|series)\s*=\s*([{"])/gi;
/** A brace group that is one special character (`{\"U}`, `{\aa}`): its case may change. */
const SPECIAL_CHARACTER = /^\{\\(?:[^A-Za-z]|(?:c|v|u|H|r|k|d|b|t|aa|AA|o|O|ss|ae|AE|oe|OE|l|L|i|j)(?![A-Za-z]))/;

/**
 * The entry's text with each brace group inside a title field marked as case-protected, as
 * BibLaTeX reads them (`{BERT}`, `{G}erman`, `{\em …}`), bar those that are one special
 * character. citation-js keeps such groups only as it guesses from the title's case; here the
 * case is changed afterwards, by pandoc's rules (see `sentenceCase`), which need every group.
 */
export function protectedCase(text: string): string {
  const inserts: number[] = [];
  for (const m of text.matchAll(TITLE_FIELD)) {
    const quoted = m[1] === '"';
    let depth = 0;
    // After a command's name, a brace opens its argument (`\emph{…}`), not a group.
    let argument = false;
    for (let i = m.index + m[0].length; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') {
        const name = /^[A-Za-z]+/.exec(text.slice(i + 1, i + 40))?.[0];
        i += name ? name.length : 1;
        argument = name !== undefined;
        continue;
      }
      if (c === '{') {
        if (depth === 0 && !argument && !SPECIAL_CHARACTER.test(text.slice(i, i + 6))) inserts.push(i);
        depth++;
      } else if (c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === '"' && quoted && depth === 0) {
        break;
      }
      argument = false;
    }
  }
  let out = '';
  let last = 0;
  for (const at of inserts) {
    out += `${text.slice(last, at)}\\${CASE_PROTECTION_COMMAND}`;
    last = at;
  }
  return out + text.slice(last);
}
