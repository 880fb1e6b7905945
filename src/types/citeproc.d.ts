// citeproc-js ships no type declarations; these cover what src/core/cite uses of it.
declare module 'citeproc' {
  interface CitationItem {
    id: string;
    prefix?: string;
    suffix?: string;
    locator?: string;
    label?: string;
    'suppress-author'?: boolean;
    'author-only'?: boolean;
  }
  interface Citation {
    citationID?: string;
    citationItems: CitationItem[];
    properties: { noteIndex: number; mode?: 'composite' | 'author-only' | 'suppress-author'; unsorted?: boolean };
  }
  interface Sys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): unknown;
  }
  interface BibliographyMeta {
    entry_ids: string[][];
    bibstart: string;
    bibend: string;
  }
  class Engine {
    constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
    opt: { development_extensions: Record<string, boolean> };
    updateItems(ids: string[]): void;
    setOutputFormat(format: string): void;
    rebuildProcessorState(citations: Citation[], mode: string): [string, number, string][];
    makeCitationCluster(items: CitationItem[]): string;
    makeBibliography(): [BibliographyMeta, string[]] | false;
  }
  const Output: { Formats: Record<string, Record<string, unknown>> };
}
