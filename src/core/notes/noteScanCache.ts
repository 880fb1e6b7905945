// A note's citations kept per block, so an edit re-reads only the blocks that changed.
import { noteBlocks } from './noteBlocks';
import type { NoteCitation, NoteScanner } from './noteScanner';

/**
 * A note's citations, re-read block by block: after an edit only the blocks whose text changed
 * are scanned again, so a hover on a long note answers without parsing all of it. Markdown reads
 * each block the same alone as in the note (see `noteBlocks`).
 */
export class NoteScanCache {
  /** Citations by block text, each relative to its block. */
  private blocks = new Map<string, NoteCitation[]>();

  constructor(private readonly scanner: NoteScanner) {}

  scan(text: string): NoteCitation[] {
    const seen = new Map<string, NoteCitation[]>();
    const found: NoteCitation[] = [];
    for (const block of noteBlocks(text)) {
      const blockText = text.slice(block.start, block.end);
      const inBlock = seen.get(blockText) ?? this.blocks.get(blockText) ?? this.scanner.scan(blockText);
      seen.set(blockText, inBlock);
      for (const c of inBlock) found.push(movedBy(c, block.start, block.line - 1));
    }
    this.blocks = seen; // blocks no longer in the note are forgotten
    return found;
  }
}

/** A citation found in a block, placed in the note the block starts `offset` characters and `lines` lines into. */
export function movedBy(c: NoteCitation, offset: number, lines: number): NoteCitation {
  return { ...c, start: c.start + offset, end: c.end + offset, line: c.line + lines, endLine: c.endLine + lines };
}
