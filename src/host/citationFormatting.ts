// How notes cite in the editor: the style and locale settings, each note's front matter and bibliography files, the library; for the preview, hovers, the panel and Insert Bibliography.
import * as path from 'node:path';
import vscode = require('vscode');
import type { CiteFormat } from '../core/cite/citationRenderer';
import { keyCitation } from '../core/cite/citationSyntax';
import { cslItemOf } from '../core/cite/cslItems';
import type { NoteCiting } from '../core/cite/markdownItCitations';
import { noteMetadata, type CslData } from '../core/cite/noteMetadata';
import type { Paper } from '../core/model/paper';
import { CitationStyles, DEFAULT_LOCALE, DEFAULT_STYLE, isShippedStyle } from '../node/citationStyles';
import { bibliographyPath, entryLine, entryLineIn, NoteBibliographies } from '../node/noteBibliographies';
import { bibliographyFilesOf, citingOfNote, type CitingDefaults } from '../node/noteCitingFiles';
import type { LibraryService } from './libraryService';
import { affects } from './settings';

/** A note's bibliography files are read only for a note on disk, in a trusted workspace. */
function readsFiles(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && vscode.workspace.isTrusted;
}


export type NoteCitingOr = { readonly citing: NoteCiting } | { readonly problem: string };

/** A paper as one style formats it: how it is cited in the text, and its entry in the References. */
export interface FormattedPaper {
  readonly inText: string;
  readonly reference: string;
  /** The style's title, `American Psychological Association 7th edition`. */
  readonly style: string;
}

/**
 * Formats citations for the editor. Everything here answers at once (the preview renders
 * synchronously): a note's bibliography files not read yet are read in the background, and
 * `onDidChange` fires when they are, or when the style settings change, so that views render again.
 */
export class CitationFormatting implements vscode.Disposable {
  private readonly styles: CitationStyles;
  private readonly bibliographies = new NoteBibliographies();
  private readonly reading = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly items = new WeakMap<Paper, CslData>();
  /** Per note and style: keys formatted for hovers, by what their formatting depends on. */
  private readonly noteFormats = new WeakMap<vscode.TextDocument, { renderer: unknown; formats: Map<string, FormattedPaper | undefined> }>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    extensionPath: string,
    private readonly library: LibraryService,
  ) {
    this.styles = new CitationStyles(path.join(extensionPath, 'media', 'csl'));
    this.disposables = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => affects(event, 'csl.style', 'csl.locale') && this.changed.fire()),
      library.onDidChange(() => this.changed.fire()),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The style and locale of the settings; a relative style path is read from the first workspace folder. */
  defaults(): CitingDefaults {
    const settings = vscode.workspace.getConfiguration('literatureNotes');
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    const style = settings.get<string>('csl.style', DEFAULT_STYLE).trim() || DEFAULT_STYLE;
    const lang = settings.get<string>('csl.locale', DEFAULT_LOCALE).trim() || DEFAULT_LOCALE;
    return { style, lang, ...(folder ? { styleBase: folder.uri.fsPath } : {}) };
  }

  /** How a note cites right now, from its text and (for a file) its path. Never throws. */
  citingOf(text: string, uri: vscode.Uri | undefined): NoteCitingOr {
    const notePath = uri && readsFiles(uri) ? uri.fsPath : undefined;
    const written = noteMetadata(text);
    // In Restricted Mode a note names no file to read: only the shipped styles, and its own references.
    const metadata = vscode.workspace.isTrusted || !written.csl || isShippedStyle(written.csl) ? written : { ...written, csl: undefined };
    const defaults = this.defaults();
    const files = notePath ? bibliographyFilesOf(metadata, notePath, defaults) : [];
    const { reads, stale } = this.bibliographies.kept(files);
    if (stale.length) this.readLater(stale);
    return citingOfNote(metadata, notePath, defaults, this.styles, reads, (key) => this.libraryItem(key));
  }

  /**
   * A key cited in a note, formatted as that note's style formats it, in Markdown: its
   * in-text citation (numbered as the note numbers it) and its reference. Undefined when the
   * key has no entry or the style cannot be used. Kept per note until what it depends on
   * changes: the style, the entry, and in a numbered style the order of the keys cited.
   */
  formattedInNote(document: vscode.TextDocument, key: string, citedKeys: readonly string[]): FormattedPaper | undefined {
    const citing = this.citingOf(document.getText(), document.uri);
    if (!('citing' in citing)) return undefined;
    const { renderer, itemOf } = citing.citing;
    const item = itemOf(key);
    if (!item) return undefined;
    const keys = renderer.style.numeric ? [...new Set([...citedKeys, key])] : [key];
    const signature = JSON.stringify([keys, item]);
    const kept = this.noteFormats.get(document);
    if (kept?.renderer === renderer && kept.formats.has(signature)) return kept.formats.get(signature);
    const rendered = renderer.render(
      keys.map(keyCitation),
      itemOf,
      'markdown',
    );
    const reference = rendered.references.find((r) => r.key === key)?.entry;
    const formatted = reference === undefined ? undefined : { inText: rendered.citations[keys.indexOf(key)], reference, style: renderer.style.title };
    const formats = kept?.renderer === renderer ? kept.formats : new Map<string, FormattedPaper | undefined>();
    // A note is hovered at a handful of keys: a few of them are kept, not every version's.
    if (formats.size > 64) formats.clear();
    formats.set(signature, formatted);
    this.noteFormats.set(document, { renderer, formats });
    return formatted;
  }

  /** A paper formatted in the settings' style, outside any note (the abstract panel). */
  formattedPaper(paper: Paper, format: CiteFormat): FormattedPaper | { problem: string } {
    const defaults = this.defaults();
    const made = this.styles.rendererFor(defaults.style, defaults.lang, defaults.styleBase);
    if (made.kind === 'invalid') return { problem: made.reason };
    const rendered = made.renderer.render([keyCitation(paper.key)], () => this.itemOf(paper), format);
    return { inText: rendered.citations[0] ?? '', reference: rendered.references[0]?.entry ?? '', style: made.renderer.style.title };
  }

  private libraryItem(key: string): CslData | undefined {
    const paper = this.library.current?.paperByKey(key);
    return paper && this.itemOf(paper);
  }

  private itemOf(paper: Paper): CslData {
    let item = this.items.get(paper);
    if (!item) this.items.set(paper, (item = cslItemOf(paper)));
    return item;
  }

  private readLater(paths: readonly string[]): void {
    const fresh = paths.filter((p) => !this.reading.has(p));
    if (!fresh.length) return;
    for (const p of fresh) this.reading.add(p);
    void this.bibliographies.read(fresh).finally(() => {
      for (const p of fresh) this.reading.delete(p);
      this.changed.fire();
    });
  }

  /** Reads a note's bibliography files now, for callers that can wait (Insert Bibliography, diagnostics). */
  async readBibliographies(text: string, uri: vscode.Uri): Promise<void> {
    if (!readsFiles(uri)) return;
    const files = bibliographyFilesOf(noteMetadata(text), uri.fsPath, this.defaults());
    const { stale } = this.bibliographies.kept(files);
    if (stale.length) await this.bibliographies.read(stale);
  }

  /** The note's own entries: its `references:`, then its `bibliography:` files' as read so far. */
  noteEntries(text: string, uri: vscode.Uri): CslData[] {
    const metadata = noteMetadata(text);
    const entries = [...metadata.references];
    if (readsFiles(uri)) {
      const { reads } = this.bibliographies.kept(metadata.bibliographies.map((named) => bibliographyPath(named, uri.fsPath)));
      for (const read of reads.values()) entries.push(...read.items);
    }
    return entries;
  }

  /** Where a key of the note's own bibliography is written: its front matter's `references:`, or a `bibliography:` file. */
  noteEntryLocation(text: string, uri: vscode.Uri, key: string): vscode.Location | undefined {
    const metadata = noteMetadata(text);
    if (metadata.references.some((r) => r.id === key)) {
      const line = entryLineIn(text, key);
      return line === undefined ? undefined : new vscode.Location(uri, new vscode.Position(line - 1, 0));
    }
    if (!readsFiles(uri)) return undefined;
    for (const named of metadata.bibliographies) {
      const path = bibliographyPath(named, uri.fsPath);
      if (!this.bibliographies.kept([path]).reads.get(path)?.items.some((item) => item.id === key)) continue;
      const line = entryLine(path, key);
      return new vscode.Location(vscode.Uri.file(path), new vscode.Position((line ?? 1) - 1, 0));
    }
    return undefined;
  }

  /** Whether a key is one of the note's own entries (`references:` or its `bibliography:` files, as read so far). */
  noteHasKey(text: string, uri: vscode.Uri): (key: string) => boolean {
    const keys = new Set(this.noteEntries(text, uri).map((entry) => entry.id));
    return (key) => keys.has(key);
  }

  /** What is wrong with each bibliography file a note names, at the line that names it. */
  bibliographyProblems(text: string, uri: vscode.Uri): { line: number; message: string }[] {
    if (!readsFiles(uri)) return noteMetadata(text).problems.slice();
    const metadata = noteMetadata(text);
    const defaults = this.defaults();
    const problems = [...metadata.problems];
    const { reads } = this.bibliographies.kept(bibliographyFilesOf(metadata, uri.fsPath, defaults));
    for (const named of metadata.bibliographies) {
      const read = reads.get(bibliographyPath(named, uri.fsPath));
      if (read?.problem) problems.push({ line: named.line, message: read.problem.message });
    }
    return problems;
  }
}
