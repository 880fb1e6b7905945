/**
 * citation-js and its BibTeX and CSL plugins, bundled apart from the extension (as
 * dist/citationJsModules.js) and required on first use: at 1.5 MB with citeproc, compiling them
 * with the extension held its host 30 ms longer on every start, bibliographies or not.
 */
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export * as core from '@citation-js/core';
