// Reads the bibliography files a note names in its front matter into whole CSL items, as pandoc reads them.
import { parseBibliographyLibrary } from '../formats/bibliographyLibrary';
import { citeModules } from './cite';
import { cslDataOf, type CslData } from './noteMetadata';

export interface NoteBibliographyRead {
  readonly items: readonly CslData[];
  /** What is wrong with the file, when anything is: one message, naming the line when known. */
  readonly problem?: { readonly line: number; readonly message: string };
}

/**
 * A bibliography file's CSL items, every field kept: BibTeX or BibLaTeX (`.bib`), CSL-JSON
 * (`.json`) or CSL YAML (`.yaml`, `.yml`: a list, or a `references:` list). `name` is for
 * messages. Never throws: a file that cannot be read gives no items and says why.
 */
export async function readNoteBibliography(text: string, name: string): Promise<NoteBibliographyRead> {
  const body = text.replace(/^\uFEFF/, '');
  const kind = /\.(bib|bibtex)$/i.test(name) ? 'bibtex' : /\.json$/i.test(name) ? 'json' : /\.ya?ml$/i.test(name) ? 'yaml' : undefined;
  if (!kind) return { items: [], problem: { line: 1, message: `${name} is not a bibliography pandoc reads here: use a .bib, .json, .yaml or .yml file.` } };
  try {
    if (kind === 'bibtex') {
      // Read as library files are, which is how pandoc reads them (sentence case, LaTeX, crossref).
      const { entries, diagnostics } = await parseBibliographyLibrary(body, name, 'bibtex');
      const read = itemsOf(
        entries.flatMap((entry) => (entry.csl ? [{ ...entry.csl, id: entry.key }] : [])),
        name,
      );
      const error = diagnostics.find((d) => d.severity === 'error');
      return error && !read.problem ? { ...read, problem: { line: error.line, message: `${name}:${error.line}: ${error.message}` } } : read;
    }
    if (kind === 'json') return itemsOf(JSON.parse(body), name);
    const value: unknown = citeModules().parseYaml(body, { maxAliasCount: 100 });
    const list = Array.isArray(value) ? value : (value as { references?: unknown } | null)?.references;
    return itemsOf(list, name);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    const line = Number(/line (\d+)/i.exec(message)?.[1] ?? 1);
    return { items: [], problem: { line, message: `${name} could not be read as ${kind === 'bibtex' ? 'BibTeX' : kind === 'json' ? 'CSL-JSON' : 'CSL YAML'}: ${message}` } };
  }
}

function itemsOf(value: unknown, name: string): NoteBibliographyRead {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
  const items = list.map(cslDataOf).filter((item) => item !== undefined);
  if (!items.length) return { items, problem: { line: 1, message: `${name} holds no entry with an id to cite.` } };
  return { items };
}
