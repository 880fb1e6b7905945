/**
 * citation-js and its BibTeX and CSL plugins, bundled apart from the extension (as
 * dist/citationJsModules.js) and required on first use: at 1.5 MB with citeproc, loading them
 * with the extension held its host at every start, bibliographies or not (49–63 ms with them,
 * 35–51 ms without, in three profiled starts each).
 */
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export * as core from '@citation-js/core';
