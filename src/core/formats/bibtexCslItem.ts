// A BibTeX entry's CSL item as citation-js reads it, brought to what pandoc reads from the same entry.
import { languageTag } from './biblatexLanguages';
import { asPandocReads } from './bibtexLatex';
import { literalName } from './bibtexNames';
import { isEnglish, sentenceCase, TITLE_PART_MARK, withoutTitlePartMarks } from './sentenceCase';

/** Title fields pandoc writes in sentence case for English entries; a journal's name is not one. */
const TITLE_FIELDS = ['title', 'title-short', 'volume-title', 'collection-title', 'event', 'event-title', 'original-title'];
const JOURNAL_TYPES = new Set(['article', 'article-journal', 'article-magazine', 'article-newspaper', 'periodical']);
/** Fields pandoc reads verbatim: every other string's straight apostrophes it reads as typographic ones. */
const VERBATIM_FIELDS = new Set(['id', 'citation-key', 'type', 'language', 'URL', 'DOI', 'ISBN', 'ISSN', 'PMID', 'PMCID', 'page', 'volume', 'issue', 'number']);

/**
 * The item with its titles as pandoc reads them: in sentence case for an English entry, an
 * apostrophe as `’`, and a short title (the part before a colon) when the entry gives none.
 * `entryText` is the entry's own text (for its language), `parentsText` the text citation-js
 * read it from, with the macros and entries it inherits from.
 * citation-js keeps an id it may change; the entry's own key is what notes cite.
 */
export function pandocLikeItem(item: Record<string, unknown>, key: string | undefined, entryText = '', parentsText = entryText): Record<string, unknown> {
  // The entry's own fields first: `fieldText` takes the first it finds, which must be the entry's when it has one.
  const withParents = entryText === parentsText ? entryText : `${entryText}\n${parentsText}`;
  const result: Record<string, unknown> = { ...item };
  delete result._graph;
  for (const [field, value] of Object.entries(result)) if (typeof value === 'string') result[field] = asPandocReads(value);
  if (key !== undefined) result.id = result['citation-key'] = key;
  // pandoc reads an entry's language from its `langid` or `hyphenation` (its own or inherited) and from no other field.
  const language = languageOf(entryText) ?? languageOf(withParents);
  if (language !== undefined) result.language = language;
  else delete result.language;
  const english = language === undefined ? isEnglish(undefined) : language.startsWith('en-');
  const entryType = /^\s*@\s*([A-Za-z]+)/.exec(entryText)?.[1].toLowerCase();
  if (entryType !== undefined) {
    delete result.genre;
    Object.assign(result, typeAndGenre(entryType, entryText, withParents));
  }
  // A series given as a number is the n-th series; keys (`newseries`) are words.
  if (typeof result['collection-title'] === 'string') result['collection-title'] = seriesTitle(result['collection-title'].trim());
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
  const shortTitle = typeof title !== 'string' ? undefined : title.includes(TITLE_PART_MARK) ? title.slice(0, title.indexOf(TITLE_PART_MARK)).replace(/: $/, '') : impliedShortTitle(title);
  if (result['title-short'] === undefined && shortTitle !== undefined) result['title-short'] = shortTitle;
  for (const [field, value] of Object.entries(result)) {
    if (typeof value === 'string' && !VERBATIM_FIELDS.has(field)) {
      // Macros are often written with spaces around their text (`" J. ACM "`).
      const text = latexQuotes(typographicApostrophes(value.trim()));
      const cased = withoutTitlePartMarks(english && titleFields.includes(field) ? sentenceCase(text) : text);
      // A brace group that held only a dropped command (`{\rpackage{irace}}`) holds nothing.
      result[field] = spacesOutsideMarkup(cased.includes(EMPTY_GROUP) ? cased.split(EMPTY_GROUP).join('') : cased).trim();
    } else if (typeof value === 'string') {
      result[field] = value.trim();
    } else if (Array.isArray(value) && value.every((name) => typeof name === 'object' && name !== null)) {
      result[field] = value.map((name: Record<string, unknown>) => Object.fromEntries(Object.entries(withFamilyName(name)).map(([part, text]) => [part, typeof text === 'string' ? typographicApostrophes(asPandocReads(text).trim()) : text])));
    }
  }
  for (const [field, value] of Object.entries(result)) {
    // Lists (`location = {Paris and London}`) pandoc writes as one string.
    if (Array.isArray(value) && value.every((part) => typeof part === 'string')) result[field] = value.join('; ');
  }
  // pandoc keeps keywords as written; citation-js splits them at commas and joins them again with a bare comma.
  const keywords = fieldText(withParents, 'keywords');
  if (typeof result.keyword === 'string') result.keyword = keywords !== undefined && !/[\\$~]/.test(keywords) ? typographicApostrophes(keywords.replace(/\s+/g, ' ')) : result.keyword.split(',').map((keyword) => keyword.trim()).join(', ');
  if (entryType !== undefined) asPandocReadsFields(result, entryType, entryText, withParents);
  return result;
}

/**
 * The short title pandoc takes from a title that has a colon, when the entry gives none: the
 * part before the first colon, spaces and all, unless the colon is inside markup or quotes.
 */
export function impliedShortTitle(title: unknown): string | undefined {
  if (typeof title !== 'string' || title.indexOf(':') <= 0) return undefined;
  const before = title.slice(0, title.indexOf(':'));
  const withoutPairs = before.replace(/<([a-z]+)(?:\s[^>]*)?>[^<]*<\/\1>/g, '');
  const count = (mark: string) => before.split(mark).length;
  return withoutPairs.includes('<') || count('“') > count('”') || count('‘') > count('’') ? undefined : before;
}

/** `and others` as pandoc reads it, and a name written whole (see `LITERAL_NAME_MARK`). */
function withFamilyName(name: Record<string, unknown>): Record<string, unknown> {
  const { given, family } = name;
  // `and others` (et al.) is no person.
  if (family === 'others' && given === undefined) return { literal: 'others' };
  return literalName(name);
}

/**
 * The language pandoc gives an entry: its `langid` (with `langidopts`' variant of English,
 * `variant=british`) or else its `hyphenation`, as a BCP 47 tag.
 */
function languageOf(entryText: string): string | undefined {
  const name = (fieldText(entryText, 'langid') || fieldText(entryText, 'hyphenation'))?.toLowerCase();
  if (!name) return undefined;
  const variant = /variant\s*=\s*([a-z]+)/i.exec(fieldText(entryText, 'langidopts') ?? '')?.[1].toLowerCase();
  return languageTag((name === 'english' && variant && ENGLISH_VARIANTS[variant]) || name);
}

/** `langidopts` variants of English pandoc knows, and the language each names. */
const ENGLISH_VARIANTS: Readonly<Record<string, string>> = { british: 'british', uk: 'british', american: 'american', us: 'american', usmax: 'american', australian: 'australian', newzealand: 'newzealand' };

/**
 * A field's value as written, if it is a plain one (no nested braces): a type, a key, a number,
 * an identifier; a `@string` macro's (as `text` holds its definition), else its name.
 */
function fieldText(text: string, name: string): string | undefined {
  const [braced, quoted, bare] = new RegExp(`[,{(]\\s*${name}\\s*=\\s*(?:\\{([^{}]*)\\}|"([^"{}]*)"|([A-Za-z0-9._:-]+)\\s*[,})])`, 'i').exec(text)?.slice(1) ?? [];
  if (bare === undefined || /^\d+$/.test(bare)) return (braced ?? quoted ?? bare)?.trim();
  const escaped = bare.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const macro = new RegExp(`@string\\s*[{(]\\s*${escaped}\\s*=\\s*(?:\\{([^{}]*)\\}|"([^"{}]*)")`, 'i').exec(text)?.slice(1);
  return (macro?.[0] ?? macro?.[1] ?? bare).trim();
}

const EMPTY_GROUP = '<span class="nocase"></span>';

/** pandoc moves spaces at the edges of markup (`\textbf{Report on }`) out of it, where they join the spaces there. */
function spacesOutsideMarkup(text: string): string {
  if (!text.includes('<')) return text;
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out
      .replace(/(<(?:i|b|sc|sup|sub|span[^>]*)>) /g, ' $1')
      .replace(/ (<\/(?:i|b|sc|sup|sub|span)>)/g, '$1 ')
      .replace(/ {2}(<(?:i|b|sc|sup|sub|span[^>]*)>)/g, ' $1')
      .replace(/(<\/(?:i|b|sc|sup|sub|span)>) {2}/g, '$1 ');
  }
  return out;
}

const typographicApostrophes = (text: string) => text.replace(/'/g, '’');

/** LaTeX's single quotes around text (`` `word' ``), which pandoc reads as quoted text, as typographic double quotes, as pandoc's CSL writes them. */
export function latexQuotes(text: string): string {
  return text.includes('`') ? text.replace(/`([^`'’]*)['’]/g, '“$1”').replace(/`/g, '‘') : text;
}

/** Entry types and the CSL types pandoc reads them as (`getTypeAndGenre`); pandoc reads any other (`@misc`) as type "". */
const CSL_TYPES: Readonly<Record<string, string>> = {
  article: 'article-journal',
  book: 'book',
  booklet: 'pamphlet',
  bookinbook: 'chapter',
  collection: 'book',
  dataset: 'dataset',
  electronic: 'webpage',
  inbook: 'chapter',
  incollection: 'chapter',
  inreference: 'entry-encyclopedia',
  inproceedings: 'paper-conference',
  manual: 'book',
  mastersthesis: 'thesis',
  mvbook: 'book',
  mvcollection: 'book',
  mvproceedings: 'book',
  mvreference: 'book',
  online: 'webpage',
  patent: 'patent',
  periodical: 'article-journal',
  phdthesis: 'thesis',
  proceedings: 'book',
  reference: 'book',
  report: 'report',
  software: 'book',
  suppbook: 'chapter',
  suppcollection: 'chapter',
  suppperiodical: 'article-journal',
  techreport: 'report',
  thesis: 'thesis',
  unpublished: 'manuscript',
  www: 'webpage',
  artwork: 'graphic',
  audio: 'song',
  commentary: 'book',
  image: 'graphic',
  jurisdiction: 'legal_case',
  legislation: 'legislation',
  legal: 'treaty',
  letter: 'personal_communication',
  movie: 'motion_picture',
  music: 'song',
  performance: 'speech',
  review: 'review',
  standard: 'legislation',
  video: 'motion_picture',
  data: 'dataset',
  letters: 'personal_communication',
  newsarticle: 'article-newspaper',
};

/** The CSL type and genre pandoc gives an entry of this type. */
function typeAndGenre(entryType: string, entryText: string, withParents: string): { type: string; genre?: string } {
  const subtype = fieldText(entryText, 'entrysubtype')?.toLowerCase();
  const periodical = entryType === 'article' || entryType === 'periodical' || entryType === 'suppperiodical';
  let type = CSL_TYPES[entryType] ?? '';
  if (periodical && subtype === 'magazine') type = 'article-magazine';
  else if (periodical && subtype === 'newspaper') type = 'article-newspaper';
  else if (entryType === 'unpublished' && /[,{(]\s*(?:eventdate|eventtitle|venue)\s*=/i.test(withParents)) type = 'speech';
  const written = fieldText(entryText, 'type');
  const genre = written ? bibstring(written) : entryType === 'mastersthesis' ? bibstring('mathesis') : entryType === 'phdthesis' ? bibstring('phdthesis') : undefined;
  return { type, ...(genre !== undefined ? { genre } : {}) };
}

/** Entry types whose `booktitle` pandoc reads as the container. */
const CHAPTER_TYPES: ReadonlySet<string> = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook']);
const ARTICLE_TYPES: ReadonlySet<string> = new Set(['article', 'periodical', 'suppperiodical', 'review']);

/** Fields citation-js reads otherwise than pandoc, brought to pandoc's reading. */
function asPandocReadsFields(result: Record<string, unknown>, entryType: string, entryText: string, withParents: string): void {
  const has = (name: string) => new RegExp(`[,{(]\\s*${name}\\s*=`, 'i').test(withParents);
  // pandoc takes a container's title only from a journal's, or a chapter's book's.
  if (!CHAPTER_TYPES.has(entryType) && entryType !== 'periodical' && !has('journaltitle') && !has('journal')) delete result['container-title'];
  // A multi-volume work's own short title pandoc does not read; it takes one from a colon in the volume's title.
  if (has('maintitle') && !CHAPTER_TYPES.has(entryType)) {
    const volumeTitle = result['volume-title'];
    if (typeof volumeTitle === 'string' && volumeTitle.includes(': ')) result['title-short'] = volumeTitle.slice(0, volumeTitle.indexOf(': '));
    else delete result['title-short'];
  }
  // pandoc reads `howpublished` (often `\url{…}`) as a publisher, after an organisation and before the publisher.
  const howPublished = /[,{(]\s*howpublished\s*=\s*\{\s*\\url\{([^{}]*)\}\s*\}/i.exec(entryText)?.[1] ?? fieldText(entryText, 'howpublished');
  if (howPublished !== undefined && !/[\\{}$]/.test(howPublished)) {
    if (result.URL === howPublished && !has('url')) delete result.URL;
    const others = typeof result.publisher === 'string' ? result.publisher.split('; ').filter((name) => name !== howPublished) : [];
    result.publisher = (has('publisher') ? [...others.slice(0, -1), howPublished, ...others.slice(-1)] : [...others, howPublished]).join('; ');
  }
  // pandoc prefers `address` to `location`.
  const address = fieldText(withParents, 'address');
  if (address !== undefined && has('location') && !/[\\{}$]/.test(address)) result['publisher-place'] = typographicApostrophes(address.replace(/\s+/g, ' ')).split(' and ').join('; ');
  // pandoc reads a number of pages only from `pagetotal`.
  if (!has('pagetotal')) delete result['number-of-pages'];
  // pandoc reads a number only from `number` (an article's issue, a book's series number), not from `eid`.
  if (!has('number')) {
    delete result.number;
    delete result['collection-number'];
  } else if (ARTICLE_TYPES.has(entryType)) delete result.number;
  // A URL pandoc reads as it is written (citation-js reads `~` as a space).
  const url = fieldText(entryText, 'url');
  if (url !== undefined && typeof result.URL === 'string') result.URL = url;
  if (result['part-number'] !== undefined) {
    result.volume = result.volume === undefined ? result['part-number'] : `${String(result.volume)}.${String(result['part-number'])}`;
    delete result['part-number'];
  }
  // pandoc writes a page range's en dashes as hyphens.
  if (typeof result.page === 'string') result.page = result.page.replace(/–/g, '-');
  const ids = fieldText(entryText, 'ids');
  if (ids !== undefined) result['other-ids'] = ids;
  // A patent's `location` is where it holds (country keys as their names); its `address` where it was published.
  if (entryType === 'patent' && typeof result['publisher-place'] === 'string' && !has('address')) {
    result.jurisdiction = result['publisher-place'].split('; ').map(bibstring).join('; ');
    delete result['publisher-place'];
  }
  if (result.URL === undefined) {
    const base = EPRINT_URLS[fieldText(withParents, 'eprinttype')?.toLowerCase() ?? fieldText(withParents, 'archiveprefix')?.toLowerCase() ?? ''];
    const eprint = fieldText(withParents, 'eprint');
    if (base && eprint) result.URL = base + eprint;
  }
  if (result['original-date'] === undefined) {
    const original = fieldText(withParents, 'origdate') ?? fieldText(withParents, 'origyear');
    const parts = original && /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(original)?.slice(1).filter(Boolean).map(Number);
    if (parts) result['original-date'] = { 'date-parts': [parts] };
  }
  for (const field of ['author', 'editor', 'translator', 'container-author']) {
    // Without BibLaTeX's `useprefix`, pandoc reads `von` in `von Last, First` as a particle that drops before the family name.
    if (Array.isArray(result[field]) && !/\buseprefix\b(?!\s*=\s*false)/i.test(fieldText(withParents, 'options') ?? '')) result[field] = (result[field] as Record<string, unknown>[]).map(droppingParticle);
    if (Array.isArray(result[field])) result[field] = (result[field] as Record<string, unknown>[]).map(particleOfFamily);
  }
}

/**
 * A name's parts as pandoc writes them: lower-case words that start a family name (`{den Besten}`)
 * as its non-dropping particle, lower-case words that end the given names as the dropping
 * particle, initials apart (`C.H.E.` as `C. H. E.`); a particle citation-js took for the family name is it.
 */
function particleOfFamily(written: Record<string, unknown>): Record<string, unknown> {
  let name = written;
  if (name.family === undefined && typeof name['dropping-particle'] === 'string') {
    const { 'dropping-particle': family, ...rest } = name;
    name = { ...rest, family };
  }
  if (typeof name.given === 'string') {
    const given = name.given.replace(/(?<=(?:^|[^\p{L}])\p{Lu})\.(?=\p{Lu}(?![\p{L}]))/gu, '. ');
    const words = given.split(' ');
    const lower = words.findIndex((word, i) => i > 0 && /^\p{Ll}/u.test(word) && words.slice(i).every((w) => /^\p{Ll}/u.test(w)));
    name = lower > 0 && name['dropping-particle'] === undefined ? { ...name, given: words.slice(0, lower).join(' '), 'dropping-particle': words.slice(lower).join(' ') } : { ...name, given };
  }
  const family = name.family;
  if (typeof family !== 'string' || name['non-dropping-particle'] !== undefined) return name;
  const words = family.split(' ');
  const lower = words.findIndex((word) => !/^\p{Ll}/u.test(word));
  if (lower <= 0) return name;
  return { ...name, 'non-dropping-particle': words.slice(0, lower).join(' '), family: words.slice(lower).join(' ') };
}

function droppingParticle(name: Record<string, unknown>): Record<string, unknown> {
  if (typeof name !== 'object' || name === null || name['non-dropping-particle'] === undefined || name['dropping-particle'] !== undefined) return name;
  const { 'non-dropping-particle': particle, ...rest } = name;
  return { ...rest, 'dropping-particle': particle };
}

/** Where pandoc finds an `eprint` of each `eprinttype`. */
const EPRINT_URLS: Readonly<Record<string, string>> = {
  arxiv: 'https://arxiv.org/abs/',
  jstor: 'https://www.jstor.org/stable/',
  pubmed: 'https://www.ncbi.nlm.nih.gov/pubmed/',
  googlebooks: 'https://books.google.com?id=',
};

/** `3` as `3rd series` (pandoc looks up the ordinal of one or two digits only as CSL's English locale gives it), each key word as its text. */
function seriesTitle(series: string): string {
  if (/^\d+$/.test(series)) return `${series}${ORDINALS[series.padStart(2, '0')] ?? 'th'} ${bibstring('jourser')}`;
  return series.replace(/[A-Za-z]+/g, (word) => BIBLATEX_STRINGS[word] ?? word);
}
const ORDINALS: Readonly<Record<string, string>> = { '01': 'st', '02': 'nd', '03': 'rd' };

/** Whether pandoc reads the word as a BibLaTeX localisation key (in a series, say), and so writes it otherwise. */
export function isBibstring(word: string): boolean {
  return Object.hasOwn(BIBLATEX_STRINGS, word);
}

/** A BibLaTeX localisation key (`phdthesis`, `countryuk`) as pandoc reads it in English, else the text as it is. */
function bibstring(text: string): string {
  return BIBLATEX_STRINGS[text] ?? text;
}

/** BibLaTeX's English strings for the keys a database uses in `type`, `series`, `pubstate` and a patent's `location` (from its english.lbx, as pandoc keeps it). */
const BIBLATEX_STRINGS: Readonly<Record<string, string>> = {
  jourser: 'series',
  newseries: 'new series',
  oldseries: 'old series',
  mathesis: 'Master’s thesis',
  phdthesis: 'PhD thesis',
  candthesis: 'Candidate thesis',
  resreport: 'research report',
  techreport: 'technical report',
  software: 'computer software',
  datacd: 'CD-ROM',
  audiocd: 'audio CD',
  inpreparation: 'in preparation',
  submitted: 'submitted',
  forthcoming: 'forthcoming',
  inpress: 'in press',
  prepublished: 'pre-published',
  countryde: 'Germany',
  countryeu: 'European Union',
  countryep: 'European Union',
  countryfr: 'France',
  countryuk: 'United Kingdom',
  countryus: 'United States of America',
  patent: 'patent',
  patentde: 'German patent',
  patenteu: 'European patent',
  patentfr: 'French patent',
  patentuk: 'British patent',
  patentus: 'U.S. patent',
  patreq: 'patent request',
  patreqde: 'German patent request',
  patreqeu: 'European patent request',
  patreqfr: 'French patent request',
  patrequk: 'British patent request',
  patrequs: 'U.S. patent request',
};
