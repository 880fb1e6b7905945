// CSL items written as BibTeX or BibLaTeX entries that pandoc reads back to the same items.
import type { CslData } from '../model/paper';
import { languageName, languageTag } from './biblatexLanguages';
import { impliedShortTitle, isBibstring } from './bibtexCslItem';
import { sentenceCase } from './sentenceCase';

/** Classic BibTeX's field names (`journal`, `year`, `address`), or BibLaTeX's (`journaltitle`, `date`, `location`). */
export type BibtexVariant = 'bibtex' | 'biblatex';

/**
 * The items as entries, one after another. Each entry is written for pandoc's BibLaTeX
 * reader (what pandoc uses for a `.bib` file) to give back the item it came from: its type,
 * names, dates and every field pandoc reads. Classic BibTeX has no field for some of them
 * (`doi`, `url`, `langid`, `urldate`…) and no type for some (`@online`, `@patent`…); those
 * are written under BibLaTeX's names, which BibTeX styles skip and pandoc and biber read.
 */
export function bibtexEntries(items: readonly CslData[], variant: BibtexVariant): string {
  return items.map((item) => bibtexEntry(item, variant)).join('\n');
}

/** One item as an entry (see `bibtexEntries`). */
export function bibtexEntry(item: CslData, variant: BibtexVariant): string {
  const { type, subtype, genre } = entryType(item, variant);
  const classic = variant === 'bibtex';
  const language = text(item.language);
  const langid = language === undefined ? undefined : languageName(language);
  // pandoc writes the titles of English entries (and of entries that say no language) in sentence case.
  const english = langid === undefined || languageTag(langid).startsWith('en-');
  const chapterLike = CHAPTER_TYPES.has(type);
  const fields: [string, string | undefined][] = [];
  const add = (name: string, value: string | undefined) => fields.push([name, value]);
  const title = (field: string) => titleText(item[field], english);

  add('ids', raw(item['other-ids']));
  for (const [variable, field] of NAME_FIELDS) add(field, names(item[variable]));
  // A multi-volume work: pandoc reads `maintitle` as the title, or as a chapter's container.
  const volumeTitle = title('volume-title');
  if (volumeTitle !== undefined && chapterLike) {
    add('title', title('title'));
    add('maintitle', title('container-title'));
    add('booktitle', volumeTitle);
  } else if (volumeTitle !== undefined) {
    add('maintitle', title('title'));
    add('title', volumeTitle);
  } else {
    add('title', titleWithoutShortTitle(item, english));
    if (chapterLike) add('booktitle', title('container-title'));
  }
  if (!chapterLike) add(classic && ARTICLE_TYPES.has(type) ? 'journal' : 'journaltitle', latex(item['container-title']));
  if (item['title-short'] !== undefined && item['title-short'] !== shortTitleRead(item)) add('shorttitle', title('title-short'));
  add('shortjournal', latex(item['container-title-short']));
  // pandoc reads each word of a series that is a BibLaTeX key (`newseries`, `software`) as its text; a braced one as written.
  add('series', title('collection-title')?.replace(/(?<![\\\p{L}])\p{L}+/gu, (word) => (isBibstring(word) ? `{${word}}` : word)));
  add('eventtitle', title('event'));
  add('origtitle', title('original-title'));
  add(type === 'thesis' || type === 'phdthesis' || type === 'mastersthesis' ? 'school' : type === 'techreport' || type === 'report' ? 'institution' : 'publisher', list(item.publisher));
  add('origpublisher', latex(item['original-publisher']));
  if (type === 'patent') {
    add('address', list(item['publisher-place']));
    add('location', list(item.jurisdiction));
  } else add(classic ? 'address' : 'location', list(item['publisher-place']));
  add('origlocation', list(item['original-publisher-place']));
  add('venue', latex(item['event-place']));
  add('edition', latex(item.edition));
  add('version', latex(item.version));
  add('volume', latex(item.volume));
  add('volumes', latex(item['number-of-volumes']));
  add('number', latex(item[NUMBER_TYPES.has(type) ? 'collection-number' : ARTICLE_TYPES.has(type) ? 'issue' : 'number']));
  add('chapter', latex(item['chapter-number']));
  add('pages', latex(item.page));
  add('pagetotal', latex(item['number-of-pages']));
  fields.push(...dateFields(item.issued, '', classic));
  fields.push(...dateFields(item['event-date'], 'event', classic));
  fields.push(...dateFields(item['original-date'], 'orig', classic));
  fields.push(...dateFields(item.accessed, 'url', classic));
  add('type', genre);
  add('entrysubtype', subtype);
  add('langid', langid);
  for (const [variable, field] of RAW_FIELDS) add(field, raw(item[variable]));
  add('pubstate', latex(item.status));
  add('note', latex(item.note));
  add(classic ? 'annote' : 'annotation', latex(item.annote));
  add('keywords', latex(item.keyword));
  add('abstract', latex(item.abstract));
  const written = fields.filter((field): field is [string, string] => field[1] !== undefined);
  // A month as BibTeX's macro (`may`), which BibTeX styles print as the month's name.
  const value = (name: string, written: string) => (name === 'month' && MONTHS.includes(written) ? written : `{${written}}`);
  return `@${type}{${String(item.id)},\n${written.map(([name, written]) => `  ${name} = ${value(name, written)},\n`).join('')}}\n`;
}

/** Names as pandoc reads them from a BibTeX name list. */
const NAME_FIELDS: readonly (readonly [string, string])[] = [
  ['author', 'author'],
  ['editor', 'editor'],
  ['translator', 'translator'],
  ['director', 'director'],
  ['container-author', 'bookauthor'],
];

/** Fields pandoc reads verbatim, with no LaTeX in them. */
const RAW_FIELDS: readonly (readonly [string, string])[] = [
  ['URL', 'url'],
  ['DOI', 'doi'],
  ['ISBN', 'isbn'],
  ['ISSN', 'issn'],
  ['PMID', 'pmid'],
  ['PMCID', 'pmcid'],
  ['call-number', 'library'],
];

/** Entry types whose `booktitle` pandoc reads as the container's title (and in sentence case). */
const CHAPTER_TYPES: ReadonlySet<string> = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook']);
/** Entry types whose `journal` or `journaltitle` pandoc reads as the container, and `number` as the issue. */
const ARTICLE_TYPES: ReadonlySet<string> = new Set(['article', 'periodical', 'suppperiodical', 'review']);
/** Entry types whose `number` pandoc reads as the series number (`collection-number`). */
const NUMBER_TYPES: ReadonlySet<string> = new Set(['book', 'collection', 'proceedings', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference', 'bookinbook', 'inbook', 'incollection', 'inproceedings', 'inreference', 'suppbook', 'suppcollection']);

/** The genres pandoc gives a `@phdthesis` and a `@mastersthesis` that name none. */
const PHD_THESIS = 'PhD thesis';
const MASTERS_THESIS = 'Master’s thesis';

/** CSL types and the entry types pandoc reads as them; classic BibTeX's own where it has one. */
const ENTRY_TYPES: Readonly<Record<string, string>> = {
  'article-journal': 'article',
  // What the seed format's papers are (see `toCslItem`): pandoc has no entry type for it, and reads `@article` as a journal's.
  article: 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  book: 'book',
  pamphlet: 'booklet',
  'paper-conference': 'inproceedings',
  'entry-encyclopedia': 'inreference',
  dataset: 'dataset',
  webpage: 'online',
  patent: 'patent',
  report: 'report',
  manuscript: 'unpublished',
  graphic: 'artwork',
  song: 'music',
  legal_case: 'jurisdiction',
  legislation: 'legislation',
  treaty: 'legal',
  personal_communication: 'letter',
  motion_picture: 'movie',
  review: 'review',
};

/** The entry type (with `entrysubtype`, and `type` for the genre) that pandoc reads as the item's CSL type. */
function entryType(item: CslData, variant: BibtexVariant): { type: string; subtype?: string; genre?: string } {
  const cslType = String(item.type ?? '');
  const genre = raw(item.genre);
  const subtype = cslType === 'article-magazine' ? 'magazine' : cslType === 'article-newspaper' ? 'newspaper' : undefined;
  if (cslType === 'chapter') return { type: item.editor ? 'incollection' : 'inbook', genre };
  if (cslType === 'thesis') {
    if (genre === PHD_THESIS) return { type: 'phdthesis' };
    if (genre === MASTERS_THESIS) return { type: 'mastersthesis' };
    return { type: genre !== undefined && variant === 'bibtex' ? 'phdthesis' : 'thesis', genre };
  }
  // pandoc reads an `@unpublished` with an event as a talk, and a `@performance` as one always.
  if (cslType === 'speech') return { type: item.event || item['event-date'] || item['event-place'] ? 'unpublished' : 'performance', genre };
  if (cslType === 'report' && variant === 'bibtex') return { type: 'techreport', genre };
  return { type: ENTRY_TYPES[cslType] ?? 'misc', ...(subtype ? { subtype } : {}), genre };
}

/** The short title pandoc makes from the title it reads: that of the volume for a multi-volume work. */
function shortTitleRead(item: CslData): string | undefined {
  return impliedShortTitle(CHAPTER_TYPES.has(entryType(item, 'biblatex').type) ? item.title : (item['volume-title'] ?? item.title));
}

/** The title, its first colon braced when the item has no short title, so that pandoc makes none from it. */
function titleWithoutShortTitle(item: CslData, english: boolean): string | undefined {
  const title = titleText(item.title, english);
  if (title === undefined || item['title-short'] !== undefined || item['volume-title'] !== undefined) return title;
  return title.replace(':', '{:}');
}

/** A string (an empty one too: pandoc reads `{}` as one), or a number written out. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Text for a field pandoc reads as it is written: braces kept balanced, so the file stays readable. */
function raw(value: unknown): string | undefined {
  const written = text(value);
  if (written === undefined) return undefined;
  let depth = 0;
  for (const c of written) {
    depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    if (depth < 0) break;
  }
  return depth === 0 ? written : latex(written);
}

/** A list pandoc splits at `and` and joins with `; ` (publishers, places). */
function list(value: unknown): string | undefined {
  const written = text(value);
  return written === undefined ? undefined : written.split('; ').map((part) => latex(part, { and: true })).join(' and ');
}

/** A title field: in sentence case for an English entry, so each word sentence case would change is braced. */
function titleText(value: unknown, english: boolean): string | undefined {
  const written = text(value);
  return written === undefined ? undefined : latex(written, { sentenceCase: english });
}

interface LatexOptions {
  /** Brace the words pandoc's sentence case would change. */
  readonly sentenceCase?: boolean;
  /** Brace the word `and`, which separates names and list items. */
  readonly and?: boolean;
}

/** CSL rich-text tags and the LaTeX pandoc reads back as them. */
const TAG_COMMANDS: Readonly<Record<string, string>> = {
  '<i>': '\\emph{',
  '<b>': '\\textbf{',
  '<sc>': '\\textsc{',
  '<span style="font-variant:small-caps;">': '\\textsc{',
  '<sup>': '\\textsuperscript{',
  '<sub>': '\\textsubscript{',
  '<span class="nocase">': '{',
};
const TAG = /<\/?(?:i|b|sc|sup|sub)>|<span(?: class="nocase"| style="font-variant:small-caps;")>|<\/span>/g;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Characters LaTeX reads otherwise than as themselves. */
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '‘': '\\textquoteleft{}',
  '\u00a0': '~',
};

/**
 * A CSL string as LaTeX that pandoc reads back to it: special characters escaped, `--` and
 * `''` kept from becoming a dash or a quote, rich-text tags that open and close in pairs as
 * the commands pandoc reads as them (any other as the text it is), words braced as asked.
 */
export function latex(value: unknown, options: LatexOptions = {}): string | undefined {
  const written = text(value);
  if (written === undefined) return undefined;
  const braced = options.sentenceCase ? changedWords(written) : new Map<number, number>();
  if (options.and) for (const m of written.matchAll(/(?<=\s)and(?=\s)/g)) braced.set(m.index, m.index + 3);
  const tags = pairedTags(written);
  let out = '';
  let wordEnd = -1;
  for (let i = 0; i < written.length; i++) {
    const tag = tags.get(i);
    if (tag !== undefined) {
      out += tag.command;
      i += tag.length - 1;
      continue;
    }
    if (braced.has(i)) {
      out += '{';
      wordEnd = braced.get(i) ?? -1;
    }
    const c = written[i];
    const next = written[i + 1];
    out += ESCAPES[c] ?? (/[ \t\r\n]/.test(c) ? ' ' : c);
    // `--` would read as a dash and `''` as a closing quote.
    if ((c === '-' && next === '-') || (c === "'" && next === "'")) out += '{}';
    if (i + 1 === wordEnd) out += '}';
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/**
 * Where each word that starts with a capital, or that sentence case would change, starts, and where its brace closes: after its
 * first letter (`{G}erman`), which keeps the word's case and reads back without a case-protected
 * span; a word braced whole as the only argument of a command (`\\textbf{{Word}}`) would not stay.
 */
function changedWords(text: string): Map<number, number> {
  const changed = new Map<number, number>();
  const cased = sentenceCase(text);
  const before = [...text.matchAll(WORD)];
  const after = [...cased.matchAll(WORD)];
  if (before.length !== after.length) return changed;
  before.forEach((m, i) => {
    // Every capital that starts a word is kept, even where pandoc would keep it anyway: its
    // sentence case also lower-cases a last word after a full stop (`St. Matthew`) and a
    // capital before a subscript (`H<sub>2</sub>O`).
    // A word whose first letter pandoc may make a capital: the title's, or a sentence's first.
    let before = m.index - 1;
    while (before >= 0 && !/[\p{L}\p{N}.?!:]/u.test(text[before])) before--;
    const starts = before < 0 || '.?!:'.includes(text[before]);
    if (m[0] !== after[i][0] || /^\p{Lu}/u.test(m[0]) || (starts && /^\p{Ll}/u.test(m[0]))) {
      // A capital alone before lower-case letters is kept by its brace (`{G}erman`); `NY` braced so would read as `Ny`.
      const first = [...m[0]][0].length;
      changed.set(m.index, m.index + (/\p{Lu}/u.test(m[0].slice(first)) ? m[0].length : first));
    }
  });
  return changed;
}

/** The rich-text tags that open and close in pairs, by where they start: the command each is written as, and its length. */
function pairedTags(text: string): Map<number, { readonly command: string; readonly length: number }> {
  const paired = new Map<number, { command: string; length: number }>();
  const open: { readonly tag: string; readonly at: number; readonly end: number }[] = [];
  for (const m of text.matchAll(TAG)) {
    const tag = m[0];
    if (!tag.startsWith('</')) {
      open.push({ tag, at: m.index, end: m.index + tag.length });
      continue;
    }
    const opened = open[open.length - 1];
    if (!opened || tag !== closingTag(opened.tag)) continue;
    open.pop();
    // A pair around nothing reads back as nothing.
    if (m.index === opened.end) continue;
    paired.set(opened.at, { command: TAG_COMMANDS[opened.tag], length: opened.tag.length });
    paired.set(m.index, { command: '}', length: tag.length });
  }
  return paired;
}

const closingTag = (tag: string) => (tag.startsWith('<span') ? '</span>' : `</${tag.slice(1)}`);

/** A name list: `Family, Suffix, Given`, particles before the family name, an organisation in braces. */
function names(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const written = value.flatMap((name: unknown) => (typeof name === 'object' && name !== null ? [bibtexName(name as Record<string, unknown>)] : []));
  return written.length ? written.join(' and ') : undefined;
}

function bibtexName(name: Record<string, unknown>): string {
  const part = (field: string) => latex(name[field], { and: true });
  const literal = text(name.literal);
  if (literal !== undefined) return literal === 'others' ? 'others' : `{${latex(literal)}}`;
  const [family, given, suffix, dropping, nonDropping] = ['family', 'given', 'suffix', 'dropping-particle', 'non-dropping-particle'].map(part);
  // pandoc reads lower-case words braced with the family name as its non-dropping particle.
  const familyName = nonDropping ? `{${nonDropping} ${family ?? ''}}` : family !== undefined && /^\p{Lu}[^\s,]*$/u.test(family) ? family : `{${family ?? ''}}`;
  // pandoc takes words before the family name for a particle only if they do not start with a capital; a braced capital does not count.
  const particle = dropping?.replace(/(^|\s)(\p{Lu})/gu, '$1{$2}');
  const last = particle ? `${particle} ${familyName}` : familyName;
  if (given === undefined && suffix === undefined) return last === family ? last : `${last},`;
  return [last, suffix, given ?? ''].filter((p) => p !== undefined).join(', ');
}

/** A CSL date as BibLaTeX's `date` (EDTF: `2020-05-01/2021`), or for classic BibTeX as `year`, `month` and `day` where it has no more. */
function dateFields(value: unknown, prefix: string, classic: boolean): [string, string][] {
  if (typeof value !== 'object' || value === null) return [];
  const { 'date-parts': parts, circa, literal, raw: rawDate } = value as Record<string, unknown>;
  const literalText = text(literal);
  const dateParts = Array.isArray(parts) ? parts.filter(Array.isArray).map((p: unknown[]) => p.map(Number)) : [];
  const dateName = prefix === '' ? 'date' : `${prefix}date`;
  if (literalText !== undefined && dateParts.length === 0) return [[`${prefix}year`, latex(literalText) ?? '']];
  if (dateParts.length === 0) return rawDate !== undefined && raw(rawDate) !== undefined ? [[dateName, raw(rawDate) ?? '']] : [];
  if (dateParts.some((p) => p.some((n) => !Number.isInteger(n)))) return [];
  const [start, end] = dateParts;
  const simple = !circa && dateParts.length <= 2 && start.length > 0 && start[0] > 0 && !(end && (end.length === 0 || end[0] <= 0));
  if (classic && prefix === '' && simple) {
    const fields: [string, string][] = [];
    const add = (field: string, part: number | undefined, write: (n: number) => string) => part !== undefined && fields.push([field, write(part)]);
    add('year', start[0], String);
    add('month', start[1], (n) => MONTHS[n - 1] ?? String(n));
    add('day', start[2], String);
    add('endyear', end?.[0], String);
    add('endmonth', end?.[1], String);
    add('endday', end?.[2], String);
    return fields;
  }
  return [[dateName, dateParts.map(edtfDate).join('/') + (circa ? '~' : '')]];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `2020-05-01`; a year before 1 as EDTF's (`-0099` is 100 BC, year -100 in CSL); `[0]` as an open end. */
function edtfDate(parts: readonly number[]): string {
  const [year, ...rest] = parts;
  if (year === 0 && rest.length === 0) return '';
  const yearText = year > 0 ? String(year).padStart(4, '0') : `-${String(-year - 1).padStart(4, '0')}`;
  return [yearText, ...rest.map((n) => String(n).padStart(2, '0'))].join('-');
}
