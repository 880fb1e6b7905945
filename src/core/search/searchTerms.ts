/** How search reads titles, abstracts, names and queries into terms, the same way for the text indexed and the text typed. */
import { foldAccents, stem, STOP_WORDS } from './text';

/**
 * A word, hyphenated words (`Llama-3`, `k-means`, `state-of-the-art`) as one token, with
 * apostrophes inside (`Giant's`). Digits and capitals are part of a word (`GSM8K`, `LoRA`).
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*(?:[-‐‑][\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*)*/gu;
const HYPHEN = /[-‐‑]/u;
const APOSTROPHE = /['’]/gu;

/**
 * The words of a text as typed, before `searchTerm`: each word, and a hyphenated word both as
 * its parts and run together (`Llama-3` gives `Llama`, `3` and `Llama3`), so that it is found
 * typed with the hyphen or without it.
 */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [token] of text.matchAll(TOKEN)) {
    const bare = token.replace(APOSTROPHE, '');
    if (!HYPHEN.test(bare)) {
      tokens.push(bare);
      continue;
    }
    const parts = bare.split(HYPHEN);
    tokens.push(...parts, parts.join(''));
  }
  return tokens;
}

/** A token as the index holds it: lower case, accents folded (`Schölkopf` → `scholkopf`), plurals folded; null for a stop word. */
export function searchTerm(token: string): string | null {
  const folded = foldAccents(token.toLowerCase());
  return STOP_WORDS.has(folded) ? null : stem(folded);
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
