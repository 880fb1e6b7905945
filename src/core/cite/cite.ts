import type * as CiteModules from './citeModules';

let loaded: typeof CiteModules | undefined;

/**
 * citeproc-js and the YAML reader, loaded on first use: by `require`, as the preview renders
 * synchronously, and from a bundle of their own in the extension (see `citeModules.ts`).
 */
export function citeModules(): typeof CiteModules {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded synchronously, on first use
  return (loaded ??= require('./citeModules.js') as typeof CiteModules);
}
