// How the CLI prints papers in a terminal: one line per paper, matched words in bold.
import type { Paper } from '../core/model/paper';
import { byline } from '../core/model/paperByline';
import { foldAccents } from '../core/search/text';

/** Bold only on a terminal that wants colour (https://no-color.org). */
const styled = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const bold = (text: string) => (styled ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string) => (styled ? `\x1b[2m${text}\x1b[22m` : text);

/** Marks the words of `text` that the search matched. */
export function highlight(text: string, terms: readonly string[]): string {
  if (!styled || terms.length === 0) return text;
  const wanted = new Set(terms);
  return text.replace(/[\p{L}\p{N}]+/gu, (word) => (wanted.has(foldAccents(word.toLowerCase())) ? bold(word) : word));
}

export function paperLine(rank: number, paper: Paper, score: number, title: (text: string) => string = (t) => t): string {
  const who = byline(paper);
  return `${String(rank).padStart(3)}. ${title(paper.title)}\n     ${dim(`@${paper.key} · ${who ? `${who} · ` : ''}${paper.theme} · score ${score.toFixed(2)}`)}`;
}
