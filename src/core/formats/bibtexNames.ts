// How citation-js splits BibTeX names into their parts, brought to what pandoc reads from them.
import { closingBrace } from './bibtexEntryText';

/**
 * The mark before a family name that is a name written whole (`{Open Science Collaboration}`):
 * citation-js's item has no other place for it, and `pandocLikeItem` makes it CSL's `literal`.
 */
export const LITERAL_NAME_MARK = '\u0007';

/** The name as CSL has it: one marked as written whole (see `LITERAL_NAME_MARK`) as its `literal`. */
export function literalName(name: Record<string, unknown>): Record<string, unknown> {
  const { family } = name;
  return typeof family === 'string' && family.startsWith(LITERAL_NAME_MARK) ? { literal: family.slice(LITERAL_NAME_MARK.length) } : name;
}

/** citation-js's item with its names as CSL has them (see `literalName`). */
export function withLiteralNames(item: Record<string, unknown>): Record<string, unknown> {
  const names = (value: unknown) => Array.isArray(value) && value.every((name) => typeof name === 'object' && name !== null);
  return Object.fromEntries(Object.entries(item).map(([field, value]) => [field, names(value) ? (value as Record<string, unknown>[]).map(literalName) : value]));
}

/** A word of a name as the plugin's grammar reads it. */
interface NameWord {
  readonly value: string;
  /** Whether it starts in upper case; null when it starts with no letter (a brace group, a command). */
  readonly upperCase: boolean | null;
  /** Whether a hyphen ends it (`Saldanha-` in `Saldanha-da-Gama`). */
  readonly hyphenated?: boolean;
  /** BibLaTeX's extended name format (`family=Smith`): a labelled part, taken as it is. */
  readonly label?: string;
}

/** The state a rule of the plugin's grammar runs in, as far as names need it. */
interface NameGrammarState {
  readonly token: { readonly type: string; readonly offset: number } | undefined;
  readonly lexer: { readonly buffer: string };
}

/** What of the plugin's grammar `readNamesAsPandoc` changes. */
export interface NameGrammar {
  readonly rules: Record<string, (this: NameGrammarState) => unknown>;
}

const adjusted = new WeakSet<object>();

/**
 * Has citation-js split names as pandoc does: a hyphenated word is one word (`Saldanha-da-Gama`
 * is a family name, `Kuo-tsung` a given name, not `da` and `tsung` particles); a name written
 * with a space after it (`" Carlos A. {Coello Coello} "`, common in `@string` macros) ends with
 * its family name, not an empty word; in `von Last, First`, `von` is only the leading
 * lower-case words (`Pinho de Souza, Jorge` has none); and a name that is one brace group is a
 * name written whole, an organisation (see `LITERAL_NAME_MARK`). Done once per grammar.
 */
export function readNamesAsPandoc(grammar: NameGrammar): void {
  if (adjusted.has(grammar)) return;
  adjusted.add(grammar);
  const { NamePiece: namePiece, Name: name } = grammar.rules;
  grammar.rules.NamePiece = function (this: NameGrammarState) {
    const words = pandocWords(namePiece.call(this) as NameWord[]);
    // Before a comma, the `von Last` of `von Last, First`: pandoc's family name is all from its first word not in lower case.
    return this.token?.type === 'comma' ? withFamilyAfterParticle(words) : words;
  };
  grammar.rules.Name = function (this: NameGrammarState) {
    const start = this.token?.offset ?? 0;
    const parts = name.call(this) as Record<string, unknown>;
    const written = this.lexer.buffer.slice(start, this.token?.offset ?? this.lexer.buffer.length).trim();
    const whole = Object.keys(parts).length === 1 && typeof parts.family === 'string' && isOneGroup(written);
    return whole ? { family: LITERAL_NAME_MARK + String(parts.family) } : parts;
  };
}

/** The words as pandoc splits a name: at spaces only, and without the empty word a space at the end leaves. */
function pandocWords(words: readonly NameWord[]): NameWord[] {
  const joined: NameWord[] = [];
  for (const word of words) {
    const last = joined[joined.length - 1];
    if (last?.hyphenated && last.label === undefined && word.label === undefined) joined[joined.length - 1] = { ...word, value: `${last.value}-${word.value}`, upperCase: last.upperCase };
    else joined.push(word);
  }
  while (joined.length > 1 && joined[joined.length - 1].value === '' && joined[joined.length - 1].label === undefined) joined.pop();
  return joined;
}

/**
 * The words with those after the leading lower-case ones (the particle) as one: citation-js
 * would take words up to the last lower-case one for the particle (`Pinho de` of `Pinho de
 * Souza`), where pandoc reads only leading ones.
 */
function withFamilyAfterParticle(words: readonly NameWord[]): NameWord[] {
  const particle = words.findIndex((word) => word.upperCase !== false);
  if (particle < 0 || particle >= words.length - 1 || words.some((word) => word.label !== undefined)) return [...words];
  const family = words.slice(particle);
  const value = family.map((word, i) => word.value + (i === family.length - 1 ? '' : word.hyphenated ? '-' : ' ')).join('');
  return [...words.slice(0, particle), { ...family[family.length - 1], value, upperCase: family[0].upperCase }];
}

/** Whether the text is one brace group: the brace it opens with closes at its end. */
function isOneGroup(text: string): boolean {
  return text.startsWith('{') && closingBrace(text, 0) === text.length - 1;
}
