/**
 * citation-js and its BibTeX and CSL plugins, bundled apart from the extension (as
 * dist/citationJsModules.js) and required on first use: large with citeproc, loading them
 * with the extension held its host at every start, bibliographies or not (see test/bench/README.md).
 */
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export * as core from '@citation-js/core';
// The plugin's LaTeX value grammar, which `loadCitationJs` adjusts to read as pandoc does.
export { valueGrammar as bibtexValueGrammar } from '@citation-js/plugin-bibtex/lib/input/value.js';
