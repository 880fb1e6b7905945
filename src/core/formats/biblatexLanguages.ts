// BibLaTeX's (babel's) language names and the BCP 47 tags pandoc reads them as.

/** pandoc's table (`toIETF`): a `langid` it does not know it keeps as written, in lower case. */
export const LANGUAGE_TAGS: Readonly<Record<string, string>> = {
  english: 'en-US',
  usenglish: 'en-US',
  american: 'en-US',
  british: 'en-GB',
  ukenglish: 'en-GB',
  canadian: 'en-US',
  australian: 'en-GB',
  newzealand: 'en-GB',
  afrikaans: 'af-ZA',
  arabic: 'ar',
  basque: 'eu',
  bulgarian: 'bg-BG',
  catalan: 'ca-AD',
  croatian: 'hr-HR',
  czech: 'cs-CZ',
  danish: 'da-DK',
  dutch: 'nl-NL',
  estonian: 'et-EE',
  finnish: 'fi-FI',
  canadien: 'fr-CA',
  acadian: 'fr-CA',
  french: 'fr-FR',
  francais: 'fr-FR',
  austrian: 'de-AT',
  naustrian: 'de-AT',
  german: 'de-DE',
  germanb: 'de-DE',
  ngerman: 'de-DE',
  greek: 'el-GR',
  polutonikogreek: 'el-GR',
  hebrew: 'he-IL',
  hungarian: 'hu-HU',
  icelandic: 'is-IS',
  italian: 'it-IT',
  japanese: 'ja-JP',
  latvian: 'lv-LV',
  lithuanian: 'lt-LT',
  magyar: 'hu-HU',
  mongolian: 'mn-MN',
  norsk: 'nb-NO',
  nynorsk: 'nn-NO',
  farsi: 'fa-IR',
  polish: 'pl-PL',
  brazil: 'pt-BR',
  brazilian: 'pt-BR',
  portugues: 'pt-PT',
  portuguese: 'pt-PT',
  romanian: 'ro-RO',
  russian: 'ru-RU',
  serbian: 'sr-RS',
  serbianc: 'sr-RS',
  slovak: 'sk-SK',
  slovene: 'sl-SL',
  spanish: 'es-ES',
  swedish: 'sv-SE',
  thai: 'th-TH',
  turkish: 'tr-TR',
  ukrainian: 'uk-UA',
  vietnamese: 'vi-VN',
  latin: 'la',
};

/** The tag pandoc gives a `langid` (or `hyphenation`) as written. */
export function languageTag(langid: string): string {
  const name = langid.trim().toLowerCase();
  return LANGUAGE_TAGS[name] ?? name;
}

/** One name for each tag, the first the table gives it. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LANGUAGE_TAGS)
    .reverse()
    .map(([name, tag]) => [tag, name]),
);

/** The `langid` pandoc reads as the tag: a language name for it, else the tag in lower case (what pandoc keeps). */
export function languageName(tag: string): string {
  return LANGUAGE_NAMES[tag] ?? tag.trim().toLowerCase();
}
