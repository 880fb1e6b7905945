// Loads the Markdown parsers' bundle on first use.
import type * as MarkdownModules from './markdownModules';

let loaded: typeof MarkdownModules | undefined;

/**
 * The Markdown parsers, loaded on first use: by `require`, as a note must be read at once when
 * asked (a hover, a diagnostic), and from a bundle of their own in the extension (see
 * `markdownModules.ts`), so that activating it compiles half as much.
 */
export function markdownModules(): typeof MarkdownModules {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded synchronously, on first use
  return (loaded ??= require('./markdownModules.js') as typeof MarkdownModules);
}
