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
        constants: {
          commands: Record<string, string>;
          mathCommands: Record<string, string>;
          diacritics: Record<string, string>;
          argumentCommands: Record<string, (...args: string[]) => string>;
          formattingCommands: Record<string, string | undefined>;
          formattingEnvs: Record<string, string | undefined>;
          formatting: Record<string, [string, string]>;
          mathScripts: Record<string, Record<string, string>>;
        };
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
declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  /** A token of the plugin's LaTeX lexer. */
  interface Token {
    readonly type: string;
    readonly value: string;
  }
  /** The state a rule runs in: the current token, and how to take tokens and rules. */
  interface GrammarState {
    readonly token: Token | undefined;
    matchToken(type: string): boolean;
    consumeToken(type?: string, optional?: boolean): unknown;
    consumeRule(rule: string): string;
  }
  /** The plugin's grammar of LaTeX field values, rule by rule. */
  export const valueGrammar: { rules: Record<string, (this: GrammarState) => string> };
}
declare module '@citation-js/plugin-csl';
