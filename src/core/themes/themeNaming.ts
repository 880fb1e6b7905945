/**
 * Names a group of papers as a reader would label the pile: by the words and phrases of its
 * titles and keywords that its papers use far more than the papers around them.
 */
import { isContentWord, stem, wordSpans, type WordSpan } from '../search/text';
import type { ThemeDocument } from './themeFeatures';

/** Longest phrase a name is made of, in words. */
const LONGEST_PHRASE = 3;
/** Longer phrases name a topic better than the single words in them, when about as common. */
const PHRASE_BONUS = [0, 1, 1.3, 1.45];
/** A second phrase joins the name when it is about as telling as the first. */
const SECOND_PHRASE_SHARE = 0.7;
/** A longer phrase holding the name's phrase replaces it when this share of its papers use it ("zero-knowledge" → "zero-knowledge proofs"). */
const LONGER_PHRASE_SHARE = 0.4;

/**
 * Words that start or end no name: they say how a paper works, not what it is about.
 * ("Lattice-based cryptography" is a name; "lattice-based" alone is not.)
 */
const GENERIC = new Set(
  (
    'new novel using based approach approaches study studies analysis method methods towards efficient improved general simple ' +
    'note notes result results application applications problem problems paper survey review case via use framework frameworks ' +
    'model models system systems technique techniques theory practical first large scale one two three non also all any each ' +
    'other some very well better fast faster high low part revisited extended abstract introduction toward vol basic ' +
    'dynamic multiple level volume proceedings ' +
    // Words of other languages' titles that say nothing alone ("Der" and "eine" named a theme).
    'der die das und ein eine einer eines dem den von zur zum für über les une pour dans sur avec del los las por para con della'
  ).split(' '),
);

/** A phrase used as part of a longer name more often than this share of its uses is no name of its own. */
const FRAGMENT_SHARE = 0.6;
/** Papers whose abstracts are read for how a name's words are written: enough to tell, bounded for a large theme. */
const CASED_ABSTRACTS = 200;
/** Characters of an abstract read for it. */
const CASED_ABSTRACT_LENGTH = 1500;
/** A title whose words after the first are capitalised at least this often is in title case, and tells nothing of a word's case. */
const TITLE_CASE_SHARE = 0.8;

/** How many of a group's papers use each phrase (key: its stems), and how each phrase is written. */
export class PhraseCounts {
  readonly papers = new Map<string, number>();
  /** Per phrase, how often it is used, and how often as part of a longer name (see `isFragment`). */
  private readonly uses = new Map<string, number>();
  private readonly fragments = new Map<string, number>();
  /** The group's papers, read again only for how the words of its name are written (see `cased`). */
  private readonly docs: ThemeDocument[] = [];
  /** Per phrase, each way of writing it and how often it was seen. */
  private readonly written = new Map<string, Map<string, number>>();
  private readonly spansRead = new Map<string, WordSpan[]>();
  size = 0;

  /** Counts a paper's phrases, each once however often it uses it. */
  add(doc: ThemeDocument): void {
    this.size++;
    this.docs.push(doc);
    const seen = new Set<string>();
    for (const text of [doc.title, ...(doc.keywords ?? [])]) {
      for (const { key, written, fragment } of phrasesOf(text)) {
        if (fragment) this.fragments.set(key, (this.fragments.get(key) ?? 0) + 1);
        this.uses.set(key, (this.uses.get(key) ?? 0) + 1);
        const forms = this.written.get(key) ?? new Map<string, number>();
        forms.set(written, (forms.get(written) ?? 0) + 1);
        this.written.set(key, forms);
        if (seen.has(key)) continue;
        seen.add(key);
        this.papers.set(key, (this.papers.get(key) ?? 0) + 1);
      }
    }
  }

  /** Adds another group's paper counts (not how it writes them): the background its phrases are judged against. */
  addAll(other: PhraseCounts): void {
    this.size += other.size;
    for (const [key, n] of other.papers) this.papers.set(key, (this.papers.get(key) ?? 0) + n);
  }

  /**
   * Whether the phrase is mostly part of a longer name in the group's papers ("dimensional" of
   * "two-dimensional systems", "economic" of "economic growth"): no name, nor a name's end.
   */
  isFragment(key: string): boolean {
    return (this.fragments.get(key) ?? 0) > FRAGMENT_SHARE * (this.uses.get(key) ?? 0);
  }

  /** The way of writing a phrase seen most often (the first such in text order on a tie). */
  writtenAs(key: string): string {
    let best = key;
    let most = 0;
    for (const [form, n] of this.written.get(key) ?? []) if (n > most) [best, most] = [form, n];
    return best;
  }
  /**
   * `wordSpans(text)`, kept until another group is cased: naming a group cases its name, then
   * its phrases, from mostly the same texts, and taking them apart was most of the casing.
   */
  private spansOf(text: string): WordSpan[] {
    if (casing?.deref() !== this) {
      casing?.deref()?.spansRead.clear();
      casing = new WeakRef(this);
    }
    let spans = this.spansRead.get(text);
    if (!spans) this.spansRead.set(text, (spans = wordSpans(text)));
    return spans;
  }

  /**
   * The texts (a name, phrases) with each word written as the group's papers most often write
   * it where case tells ("Antarctic", "LoRA", "Bitcoin"), else in lower case; the first word
   * then capitalised, if `capitalise`, unless it has capitals already.
   */
  cased(texts: readonly string[], capitalise = true): string[] {
    // Each text's phrases ("X and Y"), as words: a word is cased as it is written in its phrase
    // ("Last Glacial Maximum") when the papers write the phrase, else as it is written anywhere.
    const phrases = [...new Set(texts.flatMap((text) => text.split(' and ')))].map((phrase) => wordSpans(phrase).map((s) => s.word));
    const byFirst = new Map<string, number[]>();
    phrases.forEach((words, p) => byFirst.set(words[0], [...(byFirst.get(words[0]) ?? []), p]));
    const wanted = new Set(phrases.flat());
    const inPhrase = phrases.map((words) => words.map(() => new Map<string, number>()));
    const anywhere = new Map<string, Map<string, number>>();
    const seen = (forms: Map<string, number>, form: string) => forms.set(form, (forms.get(form) ?? 0) + 1);
    const count = (text: string, titleCase: () => boolean) => {
      if (!mayHold(text, wanted)) return;
      const spans = this.spansOf(text);
      // A sentence's first word, and any word of a title in title case, is capitalised whatever
      // it is. Asked only of the words wanted: most of a text's words are not.
      const tells = (k: number) => {
        const span = spans[k];
        const form = text.slice(span.start, span.end);
        const opensSentence = k === 0 || /[.:;!?]\s*$/.test(text.slice(spans[k - 1].end, span.start));
        return /\p{Lu}/u.test(form.slice(1)) || !(titleCase() || opensSentence);
      };
      spans.forEach((span, k) => {
        if (!wanted.has(span.word)) return;
        if (tells(k)) {
          const forms = anywhere.get(span.word) ?? new Map<string, number>();
          anywhere.set(span.word, seen(forms, text.slice(span.start, span.end)));
        }
        for (const p of byFirst.get(span.word) ?? []) {
          const words = phrases[p];
          if (!words.every((w, d) => spans[k + d]?.word === w)) continue;
          words.forEach((_, d) => tells(k + d) && seen(inPhrase[p][d], text.slice(spans[k + d].start, spans[k + d].end)));
        }
      });
    };
    const never = () => false;
    this.docs.forEach((doc, i) => {
      let titleCase: boolean | undefined;
      count(doc.title, () => (titleCase ??= inTitleCase(doc.title)));
      for (const keyword of doc.keywords ?? []) count(keyword, never);
      if (i < CASED_ABSTRACTS) count(doc.abstract.slice(0, CASED_ABSTRACT_LENGTH), never);
    });
    const casedPhrase = (phrase: string) => {
      const p = phrases.findIndex((words) => words.join(' ') === wordSpans(phrase).map((s) => s.word).join(' '));
      let out = '';
      let last = 0;
      wordSpans(phrase).forEach((span, d) => {
        const form = mostWritten(inPhrase[p][d]) ?? mostWritten(anywhere.get(span.word)) ?? phrase.slice(span.start, span.end);
        out += phrase.slice(last, span.start) + form;
        last = span.end;
      });
      return out + phrase.slice(last);
    };
    return texts.map((text) => {
      const out = text.split(' and ').map(casedPhrase).join(' and ');
      return capitalise ? capitalised(out) : out;
    });
  }
}

/**
 * Whether `text` may have one of the `wanted` words (as `wordSpans` gives them): false only
 * when it surely has none, which for plain ASCII text is when its letters in lower case, without
 * apostrophes, hold none of them. Taking every abstract apart into words was most of the naming.
 */
function mayHold(text: string, wanted: ReadonlySet<string>): boolean {
  if (!ASCII.test(text)) return true;
  const plain = text.toLowerCase().replace(/'/g, '');
  for (const word of wanted) if (plain.includes(word)) return true;
  return false;
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * The group whose texts' words `cased` keeps (see `PhraseCounts.spansOf`): one group at a time,
 * so that the words of every group's texts are never held at once.
 */
let casing: WeakRef<PhraseCounts> | undefined;

/** The form seen most often, lower case on a tie; undefined when none was seen. */
function mostWritten(forms: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [form, n] of forms ?? []) if (n > most || (n === most && form === form.toLowerCase())) [best, most] = [form, n];
  return best;
}

/** Whether a title capitalises its words after the first ("Deep Learning for Glacier Flow"): then its case tells nothing. */
function inTitleCase(title: string): boolean {
  let words = 0;
  let capitalised = 0;
  for (const span of wordSpans(title).slice(1)) {
    const form = title.slice(span.start, span.end);
    // A TeX command's name (`\\frac`) is no word of the title.
    if (form.length < 4 || !isContentWord(span.word) || /\p{Lu}/u.test(form.slice(1)) || title.charAt(span.start - 1) === '\\') continue;
    words++;
    if (/^\p{Lu}/u.test(form)) capitalised++;
  }
  return words > 0 && capitalised >= TITLE_CASE_SHARE * words;
}

/** A phrase of a text: its stems, how it is written there, and whether it is part of a longer name there. */
interface Phrase {
  readonly key: string;
  readonly written: string;
  /** It runs on into another word ("inverse" of "inverse problems", "head" of "head models"), or on from one by a hyphen ("order" of "higher-order"). */
  readonly fragment: boolean;
}

/**
 * The phrases of a text, as stems joined by spaces, with how they are written there: runs of
 * one to three content words, none starting or ending with a generic word. Acronyms and words
 * written with capitals inside (`GaN`, `zkSNARKs`) keep their case; a hyphen stays a hyphen.
 */
function phrasesOf(text: string): Phrase[] {
  const spans = wordSpans(text);
  const out: Phrase[] = [];
  // Per word, read once however many phrases it is in: whether it is a content word and a name
  // word, its stem, how it is kept as written, and whether it is one run with the word before,
  // joined by nothing but spaces or hyphens, and by a hyphen.
  const n = spans.length;
  const content: boolean[] = [];
  const nameWord: boolean[] = [];
  const stems: string[] = [];
  const kept: string[] = [];
  const joined: boolean[] = [];
  const hyphened: boolean[] = [];
  for (let k = 0; k < n; k++) {
    const { word, start, end } = spans[k];
    content.push(isContentWord(word));
    nameWord.push(isNameWord(word));
    stems.push(stem(word));
    const asWritten = text.slice(start, end);
    kept.push(/\p{Lu}/u.test(asWritten.slice(1)) ? asWritten : asWritten.toLowerCase());
    const between = k > 0 ? text.slice(spans[k - 1].end, start) : '';
    joined.push(k > 0 && /^[\s-]+$/.test(between));
    hyphened.push(between.includes('-'));
  }
  for (let start = 0; start < n; start++) {
    if (!nameWord[start]) continue;
    const tail = start > 0 && text.slice(spans[start - 1].end, spans[start].start) === '-';
    let key = '';
    let written = '';
    for (let end = start; end < Math.min(n, start + LONGEST_PHRASE); end++) {
      if (!content[end]) break;
      if (end > start && !joined[end]) break;
      key += (end > start ? ' ' : '') + stems[end];
      written += (end > start ? (hyphened[end] ? '-' : ' ') : '') + kept[end];
      if (!nameWord[end]) continue;
      const runsOn = end + 1 < n && content[end + 1] && !/^\d/.test(spans[end + 1].word) && joined[end + 1];
      out.push({ key, written, fragment: tail || runsOn });
    }
  }
  return out;
}

function isNameWord(word: string): boolean {
  return isContentWord(word) && !GENERIC.has(word) && !/^\d/.test(word) && word.length > 2;
}

/** A phrase's key as `PhraseCounts` counts it: the stems of its words, joined by spaces. */
export function phraseKey(phrase: string): string {
  return wordSpans(phrase)
    .map((s) => stem(s.word))
    .join(' ');
}

/** A phrase and how telling it is of the group. */
interface Candidate {
  readonly key: string;
  readonly score: number;
}

/**
 * The group's phrases, most telling first: used by many of its papers, and by few of the other
 * papers of `all` (which holds the group's own). Each needs at least two of the group's papers,
 * or its one paper when the group is one paper.
 */
export function telling(group: PhraseCounts, all: PhraseCounts): Candidate[] {
  const needed = group.size === 1 ? 1 : Math.max(2, Math.ceil(group.size * 0.04));
  const others = Math.max(1, all.size - group.size);
  const candidates: Candidate[] = [];
  for (const [key, n] of group.papers) {
    if (n < needed) continue;
    const inside = n / group.size;
    const outside = ((all.papers.get(key) ?? n) - n + 0.5) / (others + 1);
    if (inside <= outside) continue;
    const length = key.split(' ').length;
    candidates.push({ key, score: inside * Math.log(inside / outside) * PHRASE_BONUS[length] });
  }
  return candidates.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * A name for the group, not among `taken`: its most telling phrase, with the next that shares
 * no word with it when that is about as telling ("Glacier dynamics and sea level"). Undefined
 * when no phrase is shared by enough of its papers.
 */
export function themeName(group: PhraseCounts, candidates: readonly Candidate[], taken: ReadonlySet<string>): string | undefined {
  const written = (c: Candidate) => group.writtenAs(c.key);
  const sharesWord = (a: Candidate, b: Candidate) => a.key.split(' ').some((w) => b.key.split(' ').includes(w));
  const whole = candidates.filter((c) => !group.isFragment(c.key));
  for (const best of candidates.slice(0, 8)) {
    const first = longerPhrase(group, candidates, best);
    if (group.isFragment(first.key)) continue;
    const second = whole.find((c) => c !== first && c.score >= SECOND_PHRASE_SHARE * first.score && !sharesWord(c, first));
    const names = [second && `${written(first)} and ${written(second)}`, written(first)];
    // Then the first with each later phrase, for a name that is not taken yet.
    for (const other of whole) if (other !== first && !sharesWord(other, first)) names.push(`${written(first)} and ${written(other)}`);
    const name = names.find((n) => n && !taken.has(n.toLowerCase()));
    if (name) return group.cased([name])[0];
  }
  return undefined;
}

/**
 * The most telling longer phrase that holds `c`'s words in order and is a name of its own, if
 * enough of `c`'s papers use it, or any of them do when `c` is only part of a name; else `c`.
 */
function longerPhrase(group: PhraseCounts, candidates: readonly Candidate[], c: Candidate): Candidate {
  const papers = group.papers.get(c.key) ?? 0;
  const share = group.isFragment(c.key) ? 0 : LONGER_PHRASE_SHARE;
  const holds = (longer: string) => longer.length > c.key.length && ` ${longer} `.includes(` ${c.key} `);
  return candidates.find((other) => holds(other.key) && !group.isFragment(other.key) && (group.papers.get(other.key) ?? 0) >= share * papers) ?? c;
}

/** Up to `count` of the group's telling phrases, as written, for a theme's description. */
export function tellingPhrases(group: PhraseCounts, candidates: readonly Candidate[], count: number): string[] {
  return group.cased(
    candidates.slice(0, count).map((c) => group.writtenAs(c.key)),
    false,
  );
}

/** The name with its first letter capitalised, unless its first word has capitals already ("zkSNARKs", "LoRA"). */
function capitalised(name: string): string {
  const first = name.split(/[\s-]/)[0];
  return /\p{Lu}/u.test(first) ? name : name.charAt(0).toUpperCase() + name.slice(1);
}
