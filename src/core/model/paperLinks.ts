// A paper's DOI and URL as links, checked to be http(s) and nothing else.
import type { PaperMetadata } from './paper';

/** A paper's DOI and URL as links: the only ones the panel and hovers offer, and only http(s). */

/** Far above any real URL or DOI link, far below anything that could hurt. */
export const MAX_URL_LENGTH = 2048;

/** An absolute http(s) URL with no whitespace, control characters or credentials: the only links the panel opens. */
export function isExternalLink(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || /[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The https://doi.org link of a DOI, as written or already as a link (`doi:10.1/x`, `https://dx.doi.org/10.1/x`). */
export function doiLink(doi: string): string {
  const bare = doi.trim().replace(/^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i, '');
  return `https://doi.org/${bare.split('/').map(encodeURIComponent).join('/')}`;
}

/** The links of a paper, DOI first; a URL that is not http(s) is left out. */
export function paperLinks({ doi, url }: PaperMetadata): { readonly label: string; readonly url: string }[] {
  const links = [...(doi ? [{ label: `DOI ${doi.trim()}`, url: doiLink(doi) }] : []), ...(url ? [{ label: url.trim(), url: url.trim() }] : [])];
  return links.filter((link) => isExternalLink(link.url));
}
