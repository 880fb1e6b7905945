/**
 * citeproc-js and the YAML reader, bundled apart from the extension as dist/citeModules.js and
 * required the first time a citation is formatted or a front matter read (see `cite.ts`):
 * together they would double the bundle VS Code loads when it activates the extension.
 */
export { default as CSL } from 'citeproc';
export { isMap, isScalar, isSeq, LineCounter, parse as parseYaml, parseDocument } from 'yaml';
