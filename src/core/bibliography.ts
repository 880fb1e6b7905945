import type { Paper } from './paper';

export type BibliographyFormat = 'bibtex' | 'csl-json';

/** A CSL-JSON item: what pandoc's citeproc and every reference manager read. */
export interface CslItem {
  readonly id: string;
  readonly 'citation-key': string;
  readonly type: 'article';
  readonly title: string;
  readonly abstract?: string;
}

/** What a bibliography gives back: enough to rebuild the papers it was made from. */
export interface BibliographyEntry {
  readonly key: string;
  readonly title: string;
  readonly abstract: string;
}

/** The papers carry no authors or dates: a preprint-like `article` is the faithful type. */
export function toCslItem(paper: Paper): CslItem {
  return {
    id: paper.key,
    'citation-key': paper.key,
    type: 'article',
    title: paper.title,
    ...(paper.abstract ? { abstract: paper.abstract } : {}),
  };
}

/** citation-js is large and only needed on export, so it loads on first use. */
async function citationJs() {
  const core = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  await import('@citation-js/plugin-csl');
  // citation-js would drop the `-` from `skill-expansion-composition`; our keys are already
  // valid BibTeX labels and must stay exactly as cited.
  core.plugins.config.get('@bibtex').format.checkLabel = false;
  return core;
}

/**
 * BibTeX (in the BibLaTeX dialect, which keeps the abstract and is what pandoc reads from
 * a `.bib` file) or CSL-JSON; every entry's key is the paper's citation key.
 */
export async function exportBibliography(papers: readonly Paper[], format: BibliographyFormat): Promise<string> {
  const { Cite } = await citationJs();
  const cite = new Cite(papers.map(toCslItem));
  return format === 'bibtex' ? cite.format('biblatex') : cite.format('data', { format: 'text' });
}

/** Reads a BibTeX or CSL-JSON bibliography back, e.g. one exported here. */
export async function parseBibliography(text: string): Promise<BibliographyEntry[]> {
  const { Cite } = await citationJs();
  return new Cite(text).data.map((item) => ({
    key: String(item['citation-key'] ?? item.id),
    title: String(item.title ?? ''),
    abstract: String(item.abstract ?? ''),
  }));
}
