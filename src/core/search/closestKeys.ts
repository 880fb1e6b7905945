// The library keys an unknown citation key most likely meant, for quick fixes.
import type { LibraryView } from '../model/libraryView';
import type { Paper } from '../model/paper';
import { words } from './text';

/** A key one typo away outweighs a paper that merely shares words with it. */
const KEY_WEIGHT = 2;
const SEARCH_LIMIT = 10;

/**
 * The papers an unknown citation key most likely meant, best first: keys a few typos away
 * (`lmio`, `orac`, `bstar`), and papers whose title or key the library search finds for the
 * key's words (`robot-table-tennis`). Each scores its key's similarity (0 to 1, doubled) plus
 * its search score relative to the best hit (0 to 1).
 */
export async function closestPapers(library: LibraryView, key: string, limit = 3): Promise<Paper[]> {
  const typed = key.toLowerCase();
  const maxDistance = Math.max(1, Math.floor(typed.length / 3));
  const scores = new Map<Paper, number>();
  for (const paper of library.papers) {
    const distance = editDistance(typed, paper.key, maxDistance);
    if (distance <= maxDistance) scores.set(paper, KEY_WEIGHT * (1 - distance / Math.max(typed.length, paper.key.length)));
  }
  const query = words(key).join(' ');
  const hits = query ? await library.search(query, SEARCH_LIMIT) : [];
  for (const hit of hits) scores.set(hit.paper, (scores.get(hit.paper) ?? 0) + hit.score / hits[0].score);
  return [...scores]
    .sort(([a, x], [b, y]) => y - x || (a.key < b.key ? -1 : 1))
    .slice(0, limit)
    .map(([paper]) => paper);
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
