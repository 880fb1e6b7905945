// Who wrote a paper and when, in a few words, for lists of papers (search results, completion, the CLI).
import type { PaperMetadata } from './paper';

/** A name as `Paper.authors` gives it (`Family, Given`, or one name) cut to its family name. */
export function familyName(author: string): string {
  const comma = author.indexOf(',');
  return (comma >= 0 ? author.slice(0, comma) : author).trim();
}

/** `Hinton 2006`, `Hinton & Teh 2006`, `Hinton et al. 2006`, `2006`, `Hinton`; '' when neither is known. */
export function byline({ authors = [], year }: PaperMetadata): string {
  const names = authors.map(familyName).filter(Boolean);
  const who = names.length === 0 ? '' : names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`;
  return [who, year === undefined ? '' : String(year)].filter(Boolean).join(' ');
}
