// citation-js ships no type declarations; these cover what src/core uses of it.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    readonly data: Record<string, unknown>[];
    format(format: 'bibtex' | 'biblatex' | 'data', options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: {
      get(plugin: string): {
        format: Record<string, unknown>;
        /** `sentenceCase`: which entries' titles citation-js reads as title case, marking `{…}` as case-protected. */
        parse: { sentenceCase: 'always' | 'english' | 'never' } & Record<string, unknown>;
        /** The plugin's tables of LaTeX commands, which it reads at each parse. */
        constants: { commands: Record<string, string>; argumentCommands: Record<string, (...args: string[]) => string>; formattingCommands: Record<string, string> };
      };
    };
    input: {
      /** Parses `data` of the given type down to CSL items; throws on a syntax error. */
      chain(data: unknown, options: { forceType: string; generateGraph?: boolean }): Record<string, unknown>[];
      util: {
        /** Drops the fields of CSL items that do not fit the CSL schema and coerces the rest. */
        clean(items: unknown[]): Record<string, unknown>[];
      };
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
