// A BibTeX entry's CSL item as citation-js reads it, brought to what pandoc reads from the same entry.
import { asPandocReads } from './bibtexLatex';
import { isEnglish, sentenceCase, TITLE_PART_MARK, withoutTitlePartMarks } from './sentenceCase';

/** Title fields pandoc writes in sentence case for English entries; a journal's name is not one. */
const TITLE_FIELDS = ['title', 'title-short', 'volume-title', 'collection-title', 'event', 'event-title', 'original-title'];
const JOURNAL_TYPES = new Set(['article', 'article-journal', 'article-magazine', 'article-newspaper', 'periodical']);
/** Fields pandoc reads verbatim: every other string's straight apostrophes it reads as typographic ones. */
const VERBATIM_FIELDS = new Set(['id', 'citation-key', 'type', 'language', 'URL', 'DOI', 'ISBN', 'ISSN', 'PMID', 'PMCID', 'page', 'volume', 'issue', 'number']);

/**
 * The item with its titles as pandoc reads them: in sentence case for an English entry, an
 * apostrophe as `’`, and a short title (the part before a colon) when the entry gives none.
 * `entryText` is the entry's own text (for its language), `withParents` with the entries it
 * inherits from.
 * citation-js keeps an id it may change; the entry's own key is what notes cite.
 */
export function pandocLikeItem(item: Record<string, unknown>, key: string | undefined, entryText = '', withParents = entryText): Record<string, unknown> {
  const result: Record<string, unknown> = { ...item };
  delete result._graph;
  for (const [field, value] of Object.entries(result)) if (typeof value === 'string') result[field] = asPandocReads(value);
  if (key !== undefined) result.id = result['citation-key'] = key;
  const language = languageOf(entryText);
  if (language !== undefined) result.language = language;
  const english = language === undefined ? isEnglish(item.language) : language.startsWith('en');
  // A journal's name, and a book's `booktitle`, pandoc keeps as written.
  const titleFields = JOURNAL_TYPES.has(String(item.type)) || item.type === 'book' ? TITLE_FIELDS : [...TITLE_FIELDS, 'container-title'];
  // A book's `maintitle` is its title for pandoc, and its own title that of the volume.
  if (result.type === 'book' && /\bmaintitle\s*=/i.test(withParents) && typeof result['container-title'] === 'string' && typeof result.title === 'string') {
    [result.title, result['volume-title']] = [result['container-title'], result.title];
    delete result['container-title'];
  }
  // A `@periodical`'s issue title is its title for pandoc, and its own title the journal's.
  if (/^\s*@\s*periodical\b/i.test(entryText) && typeof result['volume-title'] === 'string') {
    [result.title, result['container-title']] = [result['volume-title'], result.title];
    delete result['volume-title'];
  }
  // Its short title: the title field alone when a subtitle follows, else the title up to a colon.
  const title = result.title;
  const shortTitle = typeof title !== 'string' ? undefined : title.includes(TITLE_PART_MARK) ? title.slice(0, title.indexOf(TITLE_PART_MARK)).replace(/: $/, '') : /: /.test(title) ? title.slice(0, title.indexOf(': ')) : undefined;
  if (result['title-short'] === undefined && shortTitle !== undefined) result['title-short'] = shortTitle;
  for (const [field, value] of Object.entries(result)) {
    if (typeof value === 'string' && !VERBATIM_FIELDS.has(field)) {
      // Macros are often written with spaces around their text (`" J. ACM "`).
      const text = latexQuotes(typographicApostrophes(value.trim()));
      const cased = withoutTitlePartMarks(english && titleFields.includes(field) ? sentenceCase(text) : text);
      // A brace group that held only a dropped command (`{\rpackage{irace}}`) holds nothing.
      result[field] = cased.includes(EMPTY_GROUP) ? cased.split(EMPTY_GROUP).join('').trim() : cased;
    } else if (Array.isArray(value) && value.every((name) => typeof name === 'object' && name !== null)) {
      result[field] = value.map((name: Record<string, unknown>) => Object.fromEntries(Object.entries(withFamilyName(name)).map(([part, text]) => [part, typeof text === 'string' ? typographicApostrophes(asPandocReads(text).trim()) : text])));
    }
  }
  for (const [field, value] of Object.entries(result)) {
    // Lists (`location = {Paris and London}`) pandoc writes as one string.
    if (Array.isArray(value) && value.every((part) => typeof part === 'string')) result[field] = value.join('; ');
  }
  // citation-js joins keywords with a bare comma, pandoc with a comma and a space.
  if (typeof result.keyword === 'string') result.keyword = result.keyword.split(',').map((keyword) => keyword.trim()).join(', ');
  if (typeof result.language === 'string') result.language = LANGUAGE_CODES[result.language.toLowerCase()] ?? result.language;
  return result;
}

/**
 * `and others` as pandoc reads it; and a name citation-js reads written with a space after it (`" David Abramson "`, common in
 * `@string` macros of names) as all given names; BibTeX takes the last word for the family name.
 */
function withFamilyName(name: Record<string, unknown>): Record<string, unknown> {
  const { given, family, literal } = name;
  // `and others` (et al.) is no person.
  if (family === 'others' && given === undefined) return { literal: 'others' };
  if (family !== undefined || literal !== undefined || typeof given !== 'string' || !/\S\s+\S/.test(given.trim())) return name;
  const words = given.trim().split(/\s+/);
  return { ...name, given: words.slice(0, -1).join(' '), family: words[words.length - 1] };
}

/**
 * The language pandoc gives an entry: its `langid` (or `hyphenation`), with `langidopts`'
 * variant (`variant=british`), as a BCP 47 tag; a name it does not know, as written.
 */
function languageOf(entryText: string): string | undefined {
  const field = (name: string) => new RegExp(`\\b${name}\\s*=\\s*[{"]?\\s*([^}",]*)`, 'i').exec(entryText)?.[1].trim();
  const name = (field('langid') || field('hyphenation'))?.toLowerCase();
  if (!name) return undefined;
  const variant = /variant\s*=\s*([a-z]+)/i.exec(field('langidopts') ?? '')?.[1].toLowerCase();
  return LANGUAGE_CODES[variant && name === 'english' ? variant : name] ?? name;
}

const EMPTY_GROUP = '<span class="nocase"></span>';

const typographicApostrophes = (text: string) => text.replace(/'/g, '’');

/** LaTeX's single quotes around text (`` `word' ``), which pandoc reads as quoted text, as typographic double quotes, as pandoc's CSL writes them. */
export function latexQuotes(text: string): string {
  return text.includes('`') ? text.replace(/`([^`'’]*)['’]/g, '“$1”').replace(/`/g, '‘') : text;
}

/** BibLaTeX's (babel's) language names, as pandoc writes them. */
const LANGUAGE_CODES: Readonly<Record<string, string>> = {
  english: 'en-US',
  american: 'en-US',
  usenglish: 'en-US',
  british: 'en-GB',
  ukenglish: 'en-GB',
  canadian: 'en-CA',
  australian: 'en-AU',
  newzealand: 'en-NZ',
  german: 'de-DE',
  ngerman: 'de-DE',
  austrian: 'de-AT',
  naustrian: 'de-AT',
  swissgerman: 'de-CH',
  nswissgerman: 'de-CH',
  french: 'fr-FR',
  italian: 'it-IT',
  spanish: 'es-ES',
  portuguese: 'pt-PT',
  brazilian: 'pt-BR',
  dutch: 'nl-NL',
  latin: 'la',
  greek: 'el-GR',
  russian: 'ru-RU',
  polish: 'pl-PL',
  swedish: 'sv-SE',
  danish: 'da-DK',
  norwegian: 'nb-NO',
  finnish: 'fi-FI',
  czech: 'cs-CZ',
  hungarian: 'hu-HU',
  catalan: 'ca-AD',
};
