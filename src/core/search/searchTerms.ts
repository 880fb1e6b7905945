// How search reads titles, abstracts, names and queries into terms, the same way for the text indexed and the text typed.
import { foldAccents, stem, STOP_WORDS } from './text';

/**
 * A word, hyphenated words (`Llama-3`, `k-means`, `state-of-the-art`) as one token, with
 * apostrophes inside (`Giant's`). Digits and capitals are part of a word (`GSM8K`, `LoRA`).
 * One simple pattern, the marks sorted out after: a pattern that knew them took most of the
 * time of indexing whole abstracts.
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’‐‑-]*/gu;
const MARK = /['’‐‑-]/u;
const HYPHENS = /[‐‑-]+/u;
const APOSTROPHES = /['’]/gu;

/**
 * The words of a text as typed, before `searchTerm`: each word, and a hyphenated word both as
 * its parts and run together (`Llama-3` gives `Llama`, `3` and `Llama3`), so that it is found
 * typed with the hyphen or without it.
 */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const token of text.match(TOKEN) ?? []) {
    if (!MARK.test(token)) {
      tokens.push(token);
      continue;
    }
    let end = token.length;
    while (MARK.test(token[end - 1])) end--; // the first character is a letter or digit
    const bare = token.slice(0, end).replace(APOSTROPHES, '');
    const parts = bare.split(HYPHENS);
    if (parts.length === 1) tokens.push(bare);
    else tokens.push(...parts, parts.join(''));
  }
  return tokens;
}

/** Tokens already made terms: an abstract's words are mostly words seen before. Emptied when full. */
const termOf = new Map<string, string | null>();
const MAX_REMEMBERED = 200_000;

/** A token as the index holds it: lower case, accents folded (`Schölkopf` → `scholkopf`), plurals folded; null for a stop word. */
export function searchTerm(token: string): string | null {
  let term = termOf.get(token);
  if (term === undefined) {
    const folded = foldAccents(token.toLowerCase());
    // A stop word as typed only: `beings` (`human beings`) is a word, though `being` is not.
    term = STOP_WORDS.has(folded) ? null : stem(folded);
    if (termOf.size >= MAX_REMEMBERED) termOf.clear();
    termOf.set(token, term);
  }
  return term;
}

/** A token as typed, but for case and accents (`Robots` → `robots`): what `searchTerm` folds further. */
export function searchForm(token: string): string {
  return foldAccents(token.toLowerCase());
}

/** The terms of a text, in order, each occurrence. */
export function textSearchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of searchTokens(text)) {
    const term = searchTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

/** Whether a term has a digit in it: a name like `gpt4` or a year, matched as typed and never with a typo. */
export const hasDigit = (term: string): boolean => /\d/.test(term);
