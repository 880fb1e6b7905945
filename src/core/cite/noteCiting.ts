// Puts together how one note cites: its style's renderer, and its keys' items from its own references, its bibliography files and the library.
import type { CitationRenderer } from './citationRenderer';
import type { NoteCiting } from './markdownItCitations';
import type { CslData, NoteMetadata } from './noteMetadata';

/**
 * A note's citing: a key is looked up in the note's `references:` first, then in its
 * `bibliography:` files in order, then in the library, which stays global.
 */
export function noteCiting(metadata: NoteMetadata, renderer: CitationRenderer, fileItems: readonly CslData[], libraryItem: (key: string) => CslData | undefined): NoteCiting {
  const own = new Map<string, CslData>();
  for (const item of [...metadata.references, ...fileItems]) if (!own.has(item.id)) own.set(item.id, item);
  return { renderer, metadata, itemOf: (key) => own.get(key) ?? libraryItem(key) };
}
