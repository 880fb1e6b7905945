// A CSL style as read from its XML: what the renderer needs to know of it beyond what citeproc does with it.

export interface CitationStyle {
  /** The style's XML, as citeproc reads it. */
  readonly xml: string;
  /** The style's `<title>`, for messages and pickers. */
  readonly title: string;
  /** `[1]` styles: no author in the citation, so an in-text `@key` is cited like `[@key]`, as pandoc does. */
  readonly numeric: boolean;
  /** The citation layout's affixes and delimiter, for citing keys that are not in the library as pandoc does. */
  readonly layout: { readonly prefix: string; readonly suffix: string; readonly delimiter: string };
  /** The style's default locale, if it names one (`default-locale="en-GB"`). */
  readonly defaultLocale?: string;
}

export type StyleRead = { readonly kind: 'style'; readonly style: CitationStyle } | { readonly kind: 'invalid'; readonly reason: string };

/** Reads a CSL style's XML enough to check it is one and to know its citation layout. Never throws. */
export function readCitationStyle(xml: string): StyleRead {
  const text = xml.replace(/^\uFEFF/, '');
  const root = /<style\b([^>]*)>/.exec(text);
  if (!root || !/xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(root[1])) {
    return { kind: 'invalid', reason: 'it is not a CSL style (no <style xmlns="http://purl.org/net/xbiblio/csl"> element)' };
  }
  if (/<link\b[^>]*rel="independent-parent"/.test(text) && !/<citation\b/.test(text)) {
    return { kind: 'invalid', reason: 'it is a dependent style, which only names its parent style; use the parent style\'s file' };
  }
  const citation = /<citation\b[^>]*>([\s\S]*?)<\/citation>/.exec(text);
  const layout = citation && /<layout\b([^>]*)>/.exec(citation[1]);
  if (!citation || !layout) return { kind: 'invalid', reason: 'it has no <citation> with a <layout>' };
  const attribute = (attributes: string, name: string) => unescapeXml(new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? '');
  const format = /<category\b[^>]*citation-format="([^"]+)"/.exec(text)?.[1];
  const defaultLocale = attribute(root[1], 'default-locale');
  return {
    kind: 'style',
    style: {
      xml: text,
      title: unescapeXml(/<title>([^<]*)<\/title>/.exec(text)?.[1]?.trim() ?? 'CSL style'),
      numeric: format === 'numeric' || format === 'label',
      layout: { prefix: attribute(layout[1], 'prefix'), suffix: attribute(layout[1], 'suffix'), delimiter: attribute(layout[1], 'delimiter') },
      ...(defaultLocale ? { defaultLocale } : {}),
    },
  };
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()] ?? entity;
  });
}
