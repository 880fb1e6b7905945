// Finds citation keys that are not in the library, fast enough to run as the user types.
import { PANDOC_KEY } from '../model/citationKey';
import { noteBlocks, type NoteBlock } from './noteBlocks';
import { NoteScanner, type NoteCitation } from './noteScanner';

/** A pandoc citation as the note scanner reads it, `@{key}` or `@key`, built from the key rule itself. */
const CITATION = new RegExp(`@(?:\\{([^{}\\n\\r]+)\\}|(${PANDOC_KEY.source.slice(1, -1)}))`, 'gu');

/** Blocks read, kept by their text: enough for a few long notes. */
const CACHE_SIZE = 4000;

/**
 * Finds the pandoc citations whose key is not in the library, fast enough to run as the user
 * types. Only the blocks of the note where an unknown key is written are parsed (the scanner
 * then decides whether it is in code, an e-mail address or a citation), and each block's
 * citations are kept by its text, so an edit re-reads one paragraph.
 */
export class UnknownCitationFinder {
  /** Knows no titles: only pandoc citations are read, so a block's result holds for any library. */
  private readonly scanner = new NoteScanner([]);
  private readonly read = new Map<string, readonly NoteCitation[]>();

  find(text: string, isKnown: (key: string) => boolean): NoteCitation[] {
    const blocks = blocksWithUnknownKeys(text, isKnown).map((block) => ({ block, text: text.slice(block.start, block.end) }));
    this.readTogether([...new Set(blocks.map((b) => b.text).filter((t) => !this.read.has(t)))]);
    return blocks.flatMap(({ block, text: blockText }) =>
      this.citationsOf(blockText)
        .filter((c) => !isKnown(c.key))
        .map((c) => shifted(c, block.start, block.line - 1)),
    );
  }

  /**
   * Parses blocks of a note in one go, and keeps each one's citations: blocks read the same
   * together as apart, and one parse of many costs half of many parses of one.
   */
  private readTogether(blocks: readonly string[]): void {
    if (blocks.length === 0) return;
    const found = this.scanner.scan(blocks.join(''));
    let next = 0;
    let start = 0;
    let line = 1;
    for (const block of blocks) {
      const mine: NoteCitation[] = [];
      for (; next < found.length && found[next].start < start + block.length; next++) mine.push(shifted(found[next], -start, 1 - line));
      this.remember(block, mine);
      start += block.length;
      line += block.match(/\r\n?|\n/g)?.length ?? 0;
    }
  }

  private citationsOf(block: string): readonly NoteCitation[] {
    // Read just now, unless a note of more blocks than are kept pushed it out again.
    const citations = this.read.get(block) ?? this.scanner.scan(block);
    this.remember(block, citations); // now the most recently used
    return citations;
  }

  private remember(block: string, citations: readonly NoteCitation[]): void {
    this.read.delete(block);
    if (this.read.size >= CACHE_SIZE) this.read.delete(this.read.keys().next().value!);
    this.read.set(block, citations);
  }
}

/** The blocks of a note in which a key not in the library is written, code or not. */
function blocksWithUnknownKeys(text: string, isKnown: (key: string) => boolean): NoteBlock[] {
  const suspects = [...text.matchAll(CITATION)].filter((m) => !isKnown(m[1] ?? m[2])).map((m) => m.index);
  const blocks: NoteBlock[] = [];
  if (suspects.length === 0) return blocks;
  let next = 0;
  for (const block of noteBlocks(text)) {
    if (suspects[next] >= block.end) continue;
    blocks.push(block);
    while (suspects[next] < block.end) next++;
    if (next === suspects.length) break;
  }
  return blocks;
}

/** A citation moved by `offset` characters and `lines` lines (a block starts a line, so columns stay). */
function shifted(citation: NoteCitation, offset: number, lines: number): NoteCitation {
  return {
    ...citation,
    start: citation.start + offset,
    end: citation.end + offset,
    line: citation.line + lines,
    endLine: citation.endLine + lines,
  };
}
