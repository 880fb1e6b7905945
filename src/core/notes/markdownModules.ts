/**
 * The Markdown parsers (remark on micromark), bundled apart from the extension as
 * dist/markdownModules.js and required the first time a note is read (see `markdown.ts`): half
 * of the extension's bundle, which VS Code otherwise loads in one step when it activates it.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export { visitParents } from 'unist-util-visit-parents';

/** Notes as the scanner reads them: GitHub's extensions (tables, autolinks, footnotes) and YAML or TOML front matter. */
export const noteParser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** CommonMark and front matter: enough to find the References section's markers. */
export const sectionParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);
