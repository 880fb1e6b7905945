// Titles of English BibTeX entries in sentence case, as pandoc reads them into CSL (BibTeX keeps them in title case).

/** A rich-text tag in a CSL string, as citation-js writes them (`<i>`, `<span class="nocase">`…). */
const TAG = /<\/?[a-z]+(?:\s[^<>]*)?>/g;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** After these, a new sentence starts: its first word keeps, or gets, a capital. */
const SENTENCE_END = /[.?!]/;

/**
 * pandoc's (citeproc's) sentence case: a word written capitalised (`Word`, `A`) is lower-cased,
 * except the first word of the title and of each sentence or part after a colon, which keeps
 * or gets a capital. Words with other capitals (`NASA`, `iPhone`, `MacDonald`) and words in case-protected
 * spans (`<span class="nocase">`, from `{…}` in BibTeX) stay as written.
 */
export function sentenceCase(text: string): string {
  let start = true;
  let afterColon = false;
  let out = '';
  // The open spans: whether each protects case; text inside any protecting span keeps its case.
  const spans: boolean[] = [];
  let last = 0;
  const plain = (part: string) => {
    const protectedCase = spans.includes(true);
    let at = 0;
    for (const m of part.matchAll(WORD)) {
      const word = m[0];
      const before = part.slice(at, m.index);
      if (SENTENCE_END.test(before)) start = true;
      if (before.includes(':')) afterColon = true;
      out += before;
      out += protectedCase ? word : start || afterColon ? capitalised(word) : lowerCased(word);
      start = afterColon = false;
      at = m.index + word.length;
    }
    const rest = part.slice(at);
    if (SENTENCE_END.test(rest)) start = true;
    if (rest.includes(':')) afterColon = true;
    out += rest;
  };
  for (const m of text.matchAll(TAG)) {
    plain(text.slice(last, m.index));
    const tag = m[0];
    if (tag.startsWith('<span')) spans.push(/class="nocase"/.test(tag));
    else if (tag === '</span>') spans.pop();
    out += tag;
    last = m.index + tag.length;
  }
  plain(text.slice(last));
  return out;
}

/** `Word` or `A`: a capital, then lower-case letters or nothing. */
function isCapitalised(word: string): boolean {
  const [first, ...rest] = word;
  return first !== first.toLowerCase() && rest.every((c) => c === c.toLowerCase());
}

function lowerCased(word: string): string {
  return isCapitalised(word) ? word.toLowerCase() : word;
}

/** A word all in lower case gets a capital; any other is kept. */
function capitalised(word: string): string {
  return word === word.toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/** `langid` or `hyphenation` values (as citation-js gives them in `language`) that BibLaTeX and pandoc treat as English. */
export function isEnglish(language: unknown): boolean {
  if (typeof language !== 'string' || language.trim() === '') return true;
  const name = language.trim().toLowerCase();
  return /^en(?:[-_]|$)/.test(name) || ['english', 'american', 'british', 'canadian', 'australian', 'newzealand', 'usenglish', 'ukenglish'].includes(name);
}
