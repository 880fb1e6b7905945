// How citation-js reads the LaTeX in BibTeX fields, brought to what pandoc reads from it.
import { MATH_SYMBOLS } from './texSymbols';
import type { plugins } from '@citation-js/core';
import { TITLE_PART_MARK } from './sentenceCase';

/** The command `protectedCase` writes; citation-js reads it as a case-protected span. */
export const CASE_PROTECTION_COMMAND = 'litnotesnocase';
/** The command `protectedCase` writes for math pandoc keeps as TeX: its text, in hexadecimal. */
export const TEX_COMMAND = 'litnotestex';
/** The command `protectedCase` writes for math citation-js writes in Unicode: its TeX in hexadecimal, then the math. */
export const MATH_COMMAND = 'litnotesmath';
/** The command `protectedCase` writes before a subtitle. */
export const SUBTITLE_COMMAND = 'litnotessubtitle';
/** The command `expandedMacros` writes around what a `@preamble` command prints. */
export const MACRO_COMMAND = 'litnotesmacro';

/**
 * Marks in citation-js's strings around text that reads otherwise in pandoc's CSL than in
 * the title shown: math (its TeX, then its Unicode) and what a `@preamble` command prints.
 */
const MATH_START = '\u0002';
const MATH_UNICODE = '\u0003';
const MATH_END = '\u0004';
const MACRO_START = '\u0005';
const MACRO_END = '\u0006';

/** The text as pandoc reads it: math as its TeX, and `@preamble` commands dropped. */
export function asPandocReads(text: string): string {
  return readMarked(text, 'pandoc');
}

/** The text as LaTeX prints it: math in Unicode, and `@preamble` commands as defined. */
export function asLatexPrints(text: string): string {
  return readMarked(text, 'latex');
}

function readMarked(text: string, reader: 'pandoc' | 'latex'): string {
  if (!text.includes(MATH_START) && !text.includes(MACRO_START)) return text;
  let out = '';
  // How deep in what `@preamble` commands print: pandoc reads none of it.
  let inMacro = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === MACRO_START || c === MACRO_END) {
      inMacro += c === MACRO_START ? 1 : -1;
      continue;
    }
    let shown = c;
    if (c === MATH_START) {
      const unicode = text.indexOf(MATH_UNICODE, i);
      const end = text.indexOf(MATH_END, unicode);
      if (unicode < 0 || end < 0) continue;
      shown = reader === 'pandoc' ? `<span class="nocase">${text.slice(i + 1, unicode)}</span>` : text.slice(unicode + 1, end);
      i = end;
    }
    if (reader === 'latex' || inMacro === 0) out += shown;
  }
  return out;
}

/** LaTeX commands citation-js does not know, and what pandoc reads them as. */
export const EXTRA_COMMANDS: Readonly<Record<string, string>> = {
  aa: 'å',
  AA: 'Å',
  TeX: 'TeX',
  LaTeX: 'LaTeX',
  BibTeX: 'BibTeX',
  LaTeXe: 'LaTeX2ε',
  hyphen: '-',
  textendash: '–',
  textemdash: '—',
  slash: '/',
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  S: '§',
  P: '¶',
  pounds: '£',
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
  // pandoc drops these two as LaTeX it cannot read; LaTeX prints their text, and so do we.
  mbox: (text: string) => text,
  hbox: (text: string) => text,
  noopsort: (_key: string) => '',
  textnormal: (text: string) => text,
  href: (_url: string, text: string) => text,
  foreignlanguage: (_language: string, text: string) => text,
  uppercase: (text: string) => inCase(text, 'upper'),
  MakeUppercase: (text: string) => inCase(text, 'upper'),
  lowercase: (text: string) => inCase(text, 'lower'),
  MakeLowercase: (text: string) => inCase(text, 'lower'),
  [TEX_COMMAND]: (hex: string) => `<span class="nocase">${fromHex(hex)}</span>`,
  [MATH_COMMAND]: (hex: string, math: string) => `${MATH_START}${fromHex(hex)}${MATH_UNICODE}<span class="nocase">${math}</span>${MATH_END}`,
  [MACRO_COMMAND]: (text: string) => `${MACRO_START}${text}${MACRO_END}`,
};

/** Commands `protectedCase` writes that take no argument. */
const MARK_COMMANDS: Readonly<Record<string, string>> = {
  [SUBTITLE_COMMAND]: TITLE_PART_MARK,
};

/** Rich text in upper or lower case, its tags as they are. */
function inCase(text: string, which: 'upper' | 'lower'): string {
  return text.replace(/(<[^<>]*>)|[^<]+/g, (part, tag?: string) => tag ?? (which === 'upper' ? part.toUpperCase() : part.toLowerCase()));
}

/** Math as `TEX_COMMAND`'s argument: each code point in six hexadecimal digits, which citation-js reads as they are. */
export function toHex(text: string): string {
  return [...text].map((c) => c.codePointAt(0)!.toString(16).padStart(6, '0')).join('');
}

function fromHex(hex: string): string {
  return (hex.match(/[0-9a-f]{6}/g) ?? []).map((code) => String.fromCodePoint(parseInt(code, 16))).join('');
}

/**
 * Formatting whose text pandoc keeps in the case written: BibLaTeX's `\mkbib…` commands
 * (pandoc reads them inside a brace group) and `\texttt` (code).
 */
const CASE_KEEPING_FORMATS: Readonly<Record<string, [string, string]>> = {
  litnotesNocaseItalics: ['<span class="nocase"><i>', '</i></span>'],
  litnotesNocaseBold: ['<span class="nocase"><b>', '</b></span>'],
  litnotesNocaseQuotes: ['<span class="nocase">“', '”</span>'],
};
const CASE_KEEPING_COMMANDS: Readonly<Record<string, string>> = {
  mkbibemph: 'litnotesNocaseItalics',
  mkbibitalic: 'litnotesNocaseItalics',
  mkbibbold: 'litnotesNocaseBold',
  mkbibquote: 'litnotesNocaseQuotes',
  texttt: 'nocase',
  [CASE_PROTECTION_COMMAND]: 'nocase',
};

/** The plugin's tables of LaTeX, as `loadCitationJs` finds them. */
export type LatexTables = ReturnType<(typeof plugins)['config']['get']>['constants'];

/** What of the plugin `readLatexAsPandoc` changes. */
export interface BibtexPlugin {
  readonly tables: LatexTables;
  readonly grammar: { rules: Record<string, (this: GrammarState) => string> };
}

/** The state a rule of the plugin's grammar runs in. */
interface GrammarState {
  readonly token: { readonly type: string; readonly value: string } | undefined;
  matchToken(type: string): boolean;
  consumeToken(type?: string, optional?: boolean): unknown;
  consumeRule(rule: string): string;
}

const adjusted = new WeakSet<object>();

/**
 * Has citation-js read LaTeX as pandoc does: the commands above; a command it does not know
 * dropped with its arguments, as pandoc drops LaTeX it cannot read (rather than kept as
 * `\name` run into its argument's text). Done once per plugin.
 */
export function readLatexAsPandoc({ tables, grammar }: BibtexPlugin): void {
  if (adjusted.has(grammar)) return;
  adjusted.add(grammar);
  Object.assign(tables.commands, EXTRA_COMMANDS, MARK_COMMANDS);
  // Titles show these as LaTeX prints them ("C∅C∅"); the CSL item keeps the TeX, as pandoc's does.
  Object.assign(tables.mathCommands, MATH_SYMBOLS);
  Object.assign(tables.argumentCommands, EXTRA_ARGUMENT_COMMANDS);
  Object.assign(tables.formatting, CASE_KEEPING_FORMATS);
  Object.assign(tables.formattingCommands, CASE_KEEPING_COMMANDS);
  const known = (name: string) =>
    !/^[A-Za-z]+$/.test(name) || [tables.commands, tables.mathCommands, tables.diacritics, tables.argumentCommands, tables.formattingCommands, tables.formattingEnvs].some((table) => name in table);
  const command = grammar.rules.Command;
  grammar.rules.Command = function (this: GrammarState) {
    if (known(this.token?.value ?? '')) return command.call(this);
    this.consumeToken('command');
    for (;;) {
      if (this.matchToken('lbrace')) this.consumeRule('BracketString');
      else if (this.token?.type === 'text' && /^\[[^\]]*\]$/.test(this.token.value)) this.consumeToken();
      else return '';
    }
  };
}

/**
 * Whether citation-js writes this math (between `$`s) as pandoc typesets it: letters, digits,
 * punctuation, the Greek letters and symbols it knows, and super- and subscripts of one
 * character (or a braced group) it has a Unicode character for. Other math pandoc writes as
 * its TeX, and so do we.
 */
export function isPlainMath(math: string, tables: Pick<LatexTables, 'mathCommands' | 'commands' | 'mathScripts'>): boolean {
  for (const m of math.matchAll(/\\([A-Za-z]+|.)|([\^_])(\{[^{}]*\}|.?)|([{}$])/g)) {
    if (m[1] !== undefined && !(m[1] in tables.mathCommands || m[1] in tables.commands)) return false;
    if (m[2] !== undefined) {
      const script = m[3].replace(/^\{|\}$/g, '');
      const next = math[m.index + m[0].length] ?? '';
      if (script === '' || ![...script].every((c) => c in tables.mathScripts[m[2]]) || (!m[3].startsWith('{') && /[\p{L}\p{N}]/u.test(next))) return false;
    }
    if (m[4] !== undefined) return false;
  }
  return true;
}
