// citation-js ships no type declarations; these cover what src/core/bibliography uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    readonly data: Record<string, unknown>[];
    format(format: 'bibtex' | 'biblatex' | 'data', options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: { get(plugin: string): { format: Record<string, unknown> } };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
