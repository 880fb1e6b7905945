// The CLI's render command: a note with its citations formatted and its References appended, by the preview's own markdown-it plugin.
import { resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import frontMatter from 'markdown-it-front-matter';
import { cslItemOf } from '../core/cite/cslItems';
import { markdownItCitations, plainTextOf, type NoteCiting } from '../core/cite/markdownItCitations';
import { noteMetadata } from '../core/cite/noteMetadata';
import type { PaperLibrary } from '../core/model/library';
import { CitationStyles, DEFAULT_STYLE } from '../node/citationStyles';
import { bibliographyPath, NoteBibliographies } from '../node/noteBibliographies';
import { bibliographyFilesOf, citingOfNote, type CitingDefaults } from '../node/noteCitingFiles';

export interface RenderOptions {
  readonly csl?: string;
  readonly lang?: string;
  /** As given on the command line, relative to the working folder. */
  readonly bibliographies: readonly string[];
  readonly html: boolean;
}

/** A markdown-it as VS Code's preview makes it (HTML and links on, front matter hidden), with the citations plugin. */
export function previewMarkdownIt(citingOf: (source: string) => NoteCiting | undefined): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true });
  md.use(frontMatter, () => {});
  markdownItCitations(md, (source) => citingOf(source));
  return md;
}

/** The note rendered, and the problems met on the way (a missing bibliography, a style that cannot be read), each naming its file and line. */
export async function renderNote(file: string, text: string, library: PaperLibrary, cslDir: string, options: RenderOptions): Promise<{ output: string; problems: string[] }> {
  const metadata = noteMetadata(text);
  const notePath = resolve(file);
  const defaults: CitingDefaults = {
    style: options.csl ?? DEFAULT_STYLE,
    ...(options.lang ? { lang: options.lang } : {}),
    styleBase: process.cwd(),
    styleWins: options.csl !== undefined,
    bibliographies: options.bibliographies.map((b) => resolve(b)),
  };
  const problems = metadata.problems.map((p) => `${file}:${p.line}: ${p.message}`);
  const bibliographies = new NoteBibliographies();
  const files = bibliographyFilesOf(metadata, notePath, defaults);
  const reads = await bibliographies.read(files);
  for (const [path, read] of reads) {
    if (!read.problem) continue;
    const named = metadata.bibliographies.find((b) => bibliographyPath(b, notePath) === path);
    problems.push(named ? `${file}:${named.line}: ${read.problem.message}` : `${path}:${read.problem.line}: ${read.problem.message}`);
  }
  const made = citingOfNote(metadata, notePath, defaults, new CitationStyles(cslDir), reads, (key) => {
    const paper = library.paperByKey(key);
    return paper && cslItemOf(paper);
  });
  if ('problem' in made) {
    problems.push(`${file}:${metadata.csl && !defaults.styleWins ? (metadata.lines ? 2 : 1) : 1}: ${made.problem}`);
  }
  const md = previewMarkdownIt(() => ('citing' in made ? made.citing : undefined));
  return { output: options.html ? md.render(text) : plainTextOf(md, text), problems };
}
