/**
 * Alphabetical ranges of a long, sorted list of titles, so a sidebar node never lists more than
 * a page of children: thousands of papers in one flat list make the view slow to open and scroll.
 */

/** Titles `start` (inclusive) to `end` (exclusive) of the sorted list. */
export interface TitleRange {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/**
 * Consecutive first letters packed into ranges of at most `pageSize` titles ("A–C"); a letter
 * with more titles than that is a range of its own, to be split by `titlePages` in turn.
 * When every title starts with the same letter, that is left to `titlePages` at once.
 */
export function letterRanges(titles: readonly string[], pageSize: number): TitleRange[] {
  const runs: { start: number; end: number; letter: string }[] = [];
  titles.forEach((title, i) => {
    const letter = firstLetter(title);
    const last = runs.at(-1);
    if (last?.letter === letter) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, letter });
  });
  if (runs.length <= 1) return titlePages(titles, pageSize);

  const ranges: TitleRange[] = [];
  let first = runs[0];
  let last = runs[0];
  const close = () => ranges.push({ start: first.start, end: last.end, label: first.letter === last.letter ? first.letter : `${first.letter}–${last.letter}` });
  for (const run of runs.slice(1)) {
    if (run.end - first.start <= pageSize) last = run;
    else {
      close();
      first = last = run;
    }
  }
  close();
  return ranges;
}

/**
 * Even slices ("Lea–Lin"), labelled by as much of their first and last titles as tells them
 * apart; never more than `pageSize` of them, so a slice may itself need slicing.
 */
export function titlePages(titles: readonly string[], pageSize: number): TitleRange[] {
  const size = Math.max(pageSize, Math.ceil(titles.length / pageSize));
  const pages: TitleRange[] = [];
  for (let start = 0; start < titles.length; start += size) {
    const end = Math.min(titles.length, start + size);
    pages.push({ start, end, label: spanLabel(titles[start], titles[end - 1]) });
  }
  return pages;
}

/** Accents folded (É files under E) and anything but a letter or digit filed under #. */
function firstLetter(title: string): string {
  const letter = title.normalize('NFD').charAt(0).toUpperCase();
  return /[\p{L}\p{N}]/u.test(letter) ? letter : '#';
}

/** Long enough prefixes to tell the first title from the last: one character past what they share. */
function spanLabel(first: string, last: string): string {
  let shared = 0;
  while (shared < first.length && first[shared].toLowerCase() === last[shared]?.toLowerCase()) shared++;
  const cut = (title: string) => title.slice(0, shared + 1).trim();
  return first === last || cut(first) === cut(last) ? cut(first) : `${cut(first)}–${cut(last)}`;
}
