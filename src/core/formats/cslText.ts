// CSL strings as text to show: citation-js and pandoc mark italics, small capitals and case protection with a few HTML-like tags.

/** The tags CSL processors read in strings (citeproc-js's "rich text"); nothing else is taken for markup. */
const RICH_TEXT_TAG = /<\/?(?:i|b|sc|sup|sub)>|<span(?: class="nocase"| style="font-variant:\s*small-caps;?")>|<\/span>/g;

/** The text without its rich-text tags: what the sidebar, search and hovers show. */
export function plainText(text: string): string {
  return text.replace(RICH_TEXT_TAG, '');
}
