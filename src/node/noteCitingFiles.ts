// How a note on disk cites: its style (front matter over the given default), its bibliography files read, the library behind them. For the CLI and the editor alike.
import type { NoteCiting } from '../core/cite/markdownItCitations';
import { noteCiting } from '../core/cite/noteCiting';
import type { CslData, NoteMetadata } from '../core/cite/noteMetadata';
import type { NoteBibliographyRead } from '../core/cite/noteBibliography';
import { bibliographyPath } from './noteBibliographies';
import type { CitationStyles } from './citationStyles';

export interface CitingDefaults {
  /** The style when the note names none (a shipped name or a path), and its locale. */
  readonly style: string;
  readonly lang?: string;
  /** Where a relative default style path is read from. */
  readonly styleBase?: string;
  /** A style given on the command line wins over the note's `csl:`, as pandoc's `--csl` does. */
  readonly styleWins?: boolean;
  /** More bibliography files for this note, absolute, as pandoc's `--bibliography`. */
  readonly bibliographies?: readonly string[];
}

/** Every bibliography file a note reads: its front matter's, relative to it, then the given ones. */
export function bibliographyFilesOf(metadata: NoteMetadata, notePath: string | undefined, defaults: CitingDefaults): string[] {
  return [...metadata.bibliographies.map((named) => bibliographyPath(named, notePath)), ...(defaults.bibliographies ?? [])];
}

/** How the note cites, from files already read; or why its style cannot be used. Never throws. */
export function citingOfNote(
  metadata: NoteMetadata,
  notePath: string | undefined,
  defaults: CitingDefaults,
  styles: CitationStyles,
  reads: ReadonlyMap<string, NoteBibliographyRead>,
  libraryItem: (key: string) => CslData | undefined,
): { readonly citing: NoteCiting } | { readonly problem: string } {
  const fromNote = metadata.csl !== undefined && !defaults.styleWins;
  const style = fromNote ? metadata.csl! : defaults.style;
  const base = fromNote ? (notePath ? notePath.replace(/[\\/][^\\/]*$/, '') : undefined) : defaults.styleBase;
  const made = styles.rendererFor(style, metadata.lang ?? defaults.lang, base);
  if (made.kind === 'invalid') return { problem: made.reason };
  const files = bibliographyFilesOf(metadata, notePath, defaults);
  const items = files.flatMap((file) => reads.get(file)?.items ?? []);
  return { citing: noteCiting(metadata, made.renderer, items, libraryItem) };
}
