// The papers an unknown citation key most likely meant: keys and titles a few typos away, then what search finds for its words.
import type { LibraryView } from '../model/libraryView';
import type { Paper } from '../model/paper';
import { words, wordsRunTogether } from './text';

/**
 * The papers whose key, or title run together, is a few typos from `key` (`smtih:ct:a`,
 * `lmio`, `attentionisalluneed`), closest first; case does not count (`…/smith18` finds
 * `…/Smith18` first). At most a third of the key's letters may differ. Without `titles`, keys
 * only: fast enough for a hover at 100,000 papers.
 */
export function papersWithCloseKeys(papers: readonly Paper[], key: string, limit = 3, { titles = true } = {}): Paper[] {
  const typed = key.toLowerCase();
  const run = wordsRunTogether(key);
  const maxDistance = Math.max(1, Math.floor(typed.length / 3));
  const found: { paper: Paper; distance: number }[] = [];
  for (const paper of papers) {
    const byKey = editDistance(typed, paper.key.toLowerCase(), maxDistance);
    // Exactly the key but for case comes before a key one edit away.
    const distance = byKey === 0 ? (paper.key === key ? 0 : 0.5) : byKey;
    const byTitle = titles && run.length >= 8 ? editDistance(run, wordsRunTogether(paper.title), maxDistance) + 0.25 : Infinity;
    const closest = Math.min(distance, byTitle);
    if (closest <= maxDistance) found.push({ paper, distance: closest });
  }
  return found
    .sort((a, b) => a.distance - b.distance || (a.paper.key < b.paper.key ? -1 : a.paper.key > b.paper.key ? 1 : 0))
    .slice(0, limit)
    .map((f) => f.paper);
}

/**
 * The papers an unknown citation key most likely meant, best first: keys and titles a few typos
 * away (see `papersWithCloseKeys`); then papers the library search finds for the key's words
 * (`robot-table-tennis`).
 */
export async function closestPapers(library: LibraryView, key: string, limit = 3): Promise<Paper[]> {
  const found = new Set(papersWithCloseKeys(library.papers, key, limit));
  const query = words(key).join(' ');
  if (found.size < limit && query) for (const hit of await library.search(query, limit)) if (found.size < limit) found.add(hit.paper);
  return [...found];
}

/**
 * Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`; any number
 * above `max` once it is sure to exceed it, so most keys are dismissed after a row or two.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}
