/**
 * Names a group of papers as a reader would label the pile: by the words and phrases of its
 * titles and keywords that its papers use far more than the papers around them.
 */
import { ASCII, isContentWord, stem, wordSpans, type WordSpan } from '../search/text';
import { plainText } from '../formats/cslText';
import type { CslData } from '../model/paper';
import type { ThemeDocument } from './themeFeatures';
import { NO_EDGE, NOT_ALONE } from './topicWords';

/** Longest phrase a name is made of, in words ("density matrix renormalization group"). */
const LONGEST_PHRASE = 4;
/** Longer phrases name a topic better than the single words in them, when about as common. */
const PHRASE_BONUS = [0, 1, 1.3, 1.45, 1.5];
/** A second phrase joins the name when it is about as telling as the first. */
const SECOND_PHRASE_SHARE = 0.7;
/** Each phrase of a name "X and Y" is used by at least this share of the group's papers: else Y names a few papers, not the pile. */
const JOINED_PAPERS_SHARE = 0.2;
/** Most telling phrases tried, each alone, before a name is made of two. */
const TRIED_ALONE = 8;
/** A word used by this share of the papers of several groups is common to the library (see `spreadWords`). */
const SPREAD_SHARE = 0.05;
const SPREAD_GROUPS = 3;
/** A word some paper of this share of the groups uses is common too, when there are this many groups. */
const TOUCHED_SHARE = 0.5;
const TOUCHED_FROM_GROUPS = 6;
/** A longer phrase holding the name's phrase replaces it when this share of its papers use it ("zero-knowledge" → "zero-knowledge proofs"). */
const LONGER_PHRASE_SHARE = 0.4;

/**
 * Little words of other languages' titles, read as English stop words are: they end a phrase
 * ("Der" and "eine" named the German papers of an economics library).
 */
const FOREIGN_STOP_WORDS = new Set(
  (
    'der die das und ein eine einer eines einen einem dem den des von zur zum mit auf bei aus fur uber ist sich nach oder ' +
    'ihre ihr ihren sein seine seiner wie als auch nicht ' +
    'les une pour dans sur avec par aux est leur leurs ses sont ' +
    'los las una por para con del como ' +
    'della delle degli dei per che una'
  ).split(' '),
);

/** A longer phrase ending in a word that mostly ends longer names replaces it when this share of its papers use it ("law" → "flow law"). */
const ENDED_PHRASE_SHARE = 0.25;
/** A phrase used as part of a longer name more often than this share of its uses is no name of its own. */
const FRAGMENT_SHARE = 0.6;
/** Papers whose abstracts are read for how a name's words are written: enough to tell, bounded for a large theme. */
const CASED_ABSTRACTS = 200;
/** Characters of an abstract read for it. */
const CASED_ABSTRACT_LENGTH = 1500;
/** A title whose words after the first are capitalised at least this often is in title case, and tells nothing of a word's case. */
const TITLE_CASE_SHARE = 0.8;

/** A paper as naming reads it: its CSL item, when it has one, tells the case its entry protects. */
export interface NamedDocument extends ThemeDocument {
  readonly csl?: CslData;
}

/** How many of a group's papers use each phrase (key: its stems), and how each phrase is written. */
export class PhraseCounts {
  readonly papers = new Map<string, number>();
  /** Per phrase, how often it is used, and how often as part of a longer name (see `isFragment`). */
  private readonly uses = new Map<string, number>();
  private readonly fragments = new Map<string, number>();
  private readonly ends = new Map<string, number>();
  /** The group's papers, read again only for how the words of its name are written (see `cased`). */
  private readonly docs: NamedDocument[] = [];
  /** Per phrase, each way of writing it and how often it was seen, and how often that way was part of a longer name. */
  private readonly written = new Map<string, Map<string, number>>();
  private readonly writtenFragments = new Map<string, Map<string, number>>();
  private readonly spansRead = new Map<string, WordSpan[]>();
  size = 0;

  /** Counts a paper's phrases, each once however often it uses it. */
  add(doc: NamedDocument): void {
    this.size++;
    this.docs.push(doc);
    const seen = new Set<string>();
    for (const text of [doc.title, ...(doc.keywords ?? [])]) {
      for (const { key, written, fragment, ends } of phrasesOf(text)) {
        if (ends) this.ends.set(key, (this.ends.get(key) ?? 0) + 1);
        if (fragment) {
          this.fragments.set(key, (this.fragments.get(key) ?? 0) + 1);
          const fragmentForms = this.writtenFragments.get(key) ?? new Map<string, number>();
          this.writtenFragments.set(key, fragmentForms.set(written, (fragmentForms.get(written) ?? 0) + 1));
        }
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
   * So is one whose way of writing it seen most is ("economic" of "economic models", counted
   * with "economics" by its stem: the name would be written "Economic"). An acronym never is.
   */
  isFragment(key: string): boolean {
    const form = this.writtenAs(key);
    // An acronym or a name written with capitals inside names a thing however it is used ("zk-SNARK parameters").
    if (/\p{Lu}/u.test(form.split(/[\s-]/).pop()!.slice(1))) return false;
    if ((this.fragments.get(key) ?? 0) > FRAGMENT_SHARE * (this.uses.get(key) ?? 0)) return true;
    // Only a word's forms differ in what they are ("economic", "economics"); a phrase's differ in hyphens and plurals.
    return !key.includes(' ') && (this.writtenFragments.get(key)?.get(form) ?? 0) > FRAGMENT_SHARE * (this.written.get(key)?.get(form) ?? 0);
  }

  /** Whether the word mostly ends a longer name in the group's papers ("law" of "flow law" and "sliding law"). */
  endsNames(key: string): boolean {
    return (this.ends.get(key) ?? 0) > FRAGMENT_SHARE * (this.uses.get(key) ?? 0);
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
    // `silent`: ranges whose words tell nothing (a phrase protected whole, which may be in title case).
    const count = (text: string, titleCase: () => boolean, silent: readonly (readonly [number, number])[] = []) => {
      if (!mayHold(text, wanted)) return;
      const spans = this.spansOf(text);
      // A sentence's first word, and any word of a title in title case, is capitalised whatever
      // it is. Asked only of the words wanted: most of a text's words are not.
      const tells = (k: number) => {
        const span = spans[k];
        if (silent.some(([from, to]) => span.start < to && span.end > from)) return false;
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
      // Asked only when a word wanted tells it, or the entry protects words of its title.
      let titleCase: boolean | undefined;
      const isTitleCase = () => (titleCase ??= inTitleCase(doc.title));
      count(doc.title, isTitleCase);
      // A title in title case tells nothing; in sentence case, as pandoc gives it to the CSL item with
      // the words its entry protects as written, it does ("Fractional {Chern} Insulators": "Fractional Chern insulators").
      const protectedTitle = caseProtected(doc.csl?.title);
      const sentenceCase = protectedTitle && isTitleCase() ? protectedTitle : undefined;
      if (sentenceCase && !inTitleCase(sentenceCase.text)) count(sentenceCase.text, never, sentenceCase.phrases);
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

const NOCASE_SPAN = /<span class="nocase">([^<]*)<\/span>/g;

/**
 * A CSL title's text (in sentence case, as pandoc makes it) and the ranges of it that protect
 * phrases of several words; undefined when it protects no word, and so may be as written.
 */
function caseProtected(title: unknown): { text: string; phrases: [number, number][] } | undefined {
  if (typeof title !== 'string' || !title.includes('class="nocase"')) return undefined;
  const phrases: [number, number][] = [];
  let text = '';
  let last = 0;
  for (const match of title.matchAll(NOCASE_SPAN)) {
    text += plainText(title.slice(last, match.index));
    // A span of words may protect a phrase in title case ("{{Tensor Networks}}"); a single word protects its own case.
    if (/\s/.test(match[1])) phrases.push([text.length, text.length + match[1].length]);
    text += match[1];
    last = match.index + match[0].length;
  }
  return { text: text + plainText(title.slice(last)), phrases };
}

/**
 * The group whose texts' words `cased` keeps (see `PhraseCounts.spansOf`): one group at a time,
 * so that the words of every group's texts are never held at once.
 */
let casing: WeakRef<PhraseCounts> | undefined;

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
  /**
   * It runs on into another word ("inverse" of "inverse problems", "head" of "head models"), or on
   * from one by a hyphen ("order" of "higher-order").
   */
  readonly fragment: boolean;
  /** It is one word after another that may start a name ("law" of "flow law", "sliding law"). */
  readonly ends: boolean;
}

/**
 * The phrases of a text, as stems joined by spaces, with how they are written there: runs of
 * one to four content words, none starting or ending with a word that says nothing (`NO_EDGE`),
 * not all of words that name nothing alone (`NOT_ALONE`). Acronyms and words written with
 * capitals inside (`GaN`, `zkSNARKs`) keep their case; a hyphen stays a hyphen.
 */
function phrasesOf(text: string): Phrase[] {
  const spans = wordSpans(text);
  const out: Phrase[] = [];
  // Per word, read once however many phrases hold it: its stem, how it is kept as written, and
  // what stands between it and the word before.
  const stems = spans.map((s) => stem(s.word));
  const kept = spans.map((s) => {
    const asWritten = text.slice(s.start, s.end);
    return /\p{Lu}/u.test(asWritten.slice(1)) ? asWritten : asWritten.toLowerCase();
  });
  const between = spans.map((s, k) => (k > 0 ? text.slice(spans[k - 1].end, s.start) : ''));
  // Whether the words at `a` and `b` (the next) are one run, joined by nothing but spaces or hyphens.
  const joinedBefore = between.map((b, k) => k > 0 && /^[\s-]+$/.test(b));
  const joined = (a: number, b: number) => b === a + 1 && joinedBefore[b];
  for (let start = 0; start < spans.length; start++) {
    // A short word starts a name when a hyphen joins it to the next ("zk-SNARKs").
    const short = start + 1 < spans.length && spans[start].word.length === 2 && between[start + 1] === '-';
    if (!isEdgeWord(spans[start].word) && !(short && isRunWord(spans[start].word) && !/^\d/.test(spans[start].word))) continue;
    // Joined by a hyphen to the word before ("order" of "higher-order"), or after a number ("century
    // sea level" of "21st century sea level"), or a word that names nothing alone after another
    // ("order glacier flow" of "higher order glacier flow").
    const before = spans[start - 1];
    const tail =
      before !== undefined &&
      (between[start] === '-' || (joined(start - 1, start) && isRunWord(before.word) && (/^\d/.test(before.word) || NOT_ALONE.has(spans[start].word))));
    let named = !NOT_ALONE.has(spans[start].word);
    let key = '';
    let written = '';
    for (let end = start; end < Math.min(spans.length, start + LONGEST_PHRASE); end++) {
      if (!isRunWord(spans[end].word)) break;
      if (end > start && !joined(end - 1, end)) break;
      key += (end > start ? ' ' : '') + stems[end];
      written += (end > start ? (between[end].includes('-') ? '-' : ' ') : '') + kept[end];
      named ||= !NOT_ALONE.has(spans[end].word) && !NO_EDGE.has(spans[end].word);
      if (!named || !isEdgeWord(spans[end].word)) continue;
      // A word that says nothing after a phrase leaves it whole ("Economic growth revisited"), unless joined by a hyphen ("lattice-based").
      const next = spans[end + 1];
      const runsOn = next !== undefined && isRunWord(next.word) && !/^\d/.test(next.word) && joined(end, end + 1) && (!NO_EDGE.has(next.word) || between[end + 1] === '-');
      // A single word after a word that may start a name ends a longer one there ("law" of "flow law").
      const ends = end === start && before !== undefined && isEdgeWord(before.word) && joined(start - 1, start);
      // Four words apart after another word are cut from a longer name ("sheet model intercomparison project").
      const cut = end - start + 1 === LONGEST_PHRASE && !written.includes('-') && before !== undefined && isRunWord(before.word) && between[start] === ' ';
      out.push({ key, written, fragment: tail || runsOn || cut, ends });
    }
  }
  return out;
}

/** A word a phrase may hold. */
function isRunWord(word: string): boolean {
  return isContentWord(word) && !FOREIGN_STOP_WORDS.has(word);
}

/** A word a name may start or end with. */
function isEdgeWord(word: string): boolean {
  return isRunWord(word) && !NO_EDGE.has(word) && !/^\d/.test(word) && word.length > 2;
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
 * A name for the group, not among `taken`: its most telling phrase that is a name of its own
 * and not one of the library's `generic` words, with the next that shares no word with it when
 * that is about as telling and each names a fair share of the papers ("Glacier dynamics and sea
 * level"). When those names are taken, the next phrases alone, then two joined. Undefined when
 * no phrase is shared by enough of its papers.
 */
export function themeName(group: PhraseCounts, candidates: readonly Candidate[], taken: ReadonlySet<string>, generic: ReadonlySet<string> = new Set()): string | undefined {
  const written = (c: Candidate) => group.writtenAs(c.key);
  const sharesWord = (a: Candidate, b: Candidate) => a.key.split(' ').some((w) => b.key.split(' ').includes(w));
  const isName = (c: Candidate) => !group.isFragment(c.key) && !generic.has(c.key);
  // A phrase of one paper names no share of a pile ("Brouwerschen Fixpunktsatzes and informationstheoretische Ungleichung").
  const fair = (c: Candidate) => (group.papers.get(c.key) ?? 0) >= Math.max(2, JOINED_PAPERS_SHARE * group.size);
  // A second phrase is a topic of its own: no word that names nothing alone ("and quantum systems"),
  // and no single word ("Fractional Chern insulators and atoms", "Flow and law").
  const second = (c: Candidate) => fair(c) && c.key.includes(' ') && c.key.split(' ').every((w) => !NOT_ALONE_STEMS.has(w));
  const whole = candidates.filter(isName);
  const firsts: Candidate[] = [];
  for (const best of candidates.slice(0, TRIED_ALONE)) {
    const first = longerPhrase(group, candidates, best);
    if (isName(first) && !firsts.includes(first)) firsts.push(first);
  }
  const joinable = (first: Candidate) => whole.filter((c) => c !== first && !sharesWord(c, first));
  // Names in the order they are wanted, made only until one is free.
  function* names(): Generator<string> {
    for (const first of firsts) {
      const next = fair(first) ? joinable(first).find((c) => second(c) && c.score >= SECOND_PHRASE_SHARE * first.score) : undefined;
      if (next) yield `${written(first)} and ${written(next)}`;
      yield written(first);
    }
    // Then two phrases that each name a fair share; then, not to be left unnamed, any two.
    for (const first of firsts) if (fair(first)) for (const other of joinable(first)) if (second(other)) yield `${written(first)} and ${written(other)}`;
    for (const first of firsts) for (const other of joinable(first)) yield `${written(first)} and ${written(other)}`;
  }
  // A name is best not a phrase of a name taken, nor one holding it ("Zero knowledge" beside
  // "Zero-knowledge proofs", "Glacier flow" under "Glacier flow model"), when another will do.
  const phrasesOfName = (name: string) => name.split(' and ').map(phraseKey).filter((key) => key.includes(' '));
  const takenPhrases = [...taken].flatMap(phrasesOfName);
  const overlaps = (name: string) => phrasesOfName(name).some((key) => takenPhrases.some((t) => ` ${key} `.includes(` ${t} `) || ` ${t} `.includes(` ${key} `)));
  // Nor ever a name taken in another form ("User interfaces" beside "User interface").
  const takenKeys = new Set([...taken].map(phraseKey));
  const free = (name: string) => !taken.has(name.toLowerCase()) && !takenKeys.has(phraseKey(name));
  for (const name of names()) if (free(name) && !overlaps(name)) return group.cased([name])[0];
  for (const name of names()) if (free(name)) return group.cased([name])[0];
  return undefined;
}

const NOT_ALONE_STEMS = new Set([...NOT_ALONE].map(stem));

/**
 * Single words that many groups' papers use (`SPREAD_SHARE` of a group's papers, in
 * `SPREAD_GROUPS` groups or a quarter of them), or that some paper of most groups uses: the
 * library's common words ("model", "ice" in glaciology, "economic" in economics), which name
 * none of its groups alone.
 */
export function spreadWords(groups: readonly PhraseCounts[]): Set<string> {
  const using = new Map<string, number>();
  const touching = new Map<string, number>();
  for (const group of groups) {
    const least = Math.max(2, SPREAD_SHARE * group.size);
    for (const [key, n] of group.papers) {
      if (key.includes(' ')) continue;
      touching.set(key, (touching.get(key) ?? 0) + 1);
      if (n >= least) using.set(key, (using.get(key) ?? 0) + 1);
    }
  }
  const most = Math.max(SPREAD_GROUPS, Math.ceil(groups.length / 4));
  const common = [...using].filter(([, n]) => n >= most).map(([key]) => key);
  // Only among enough groups does touching most of them say a word is everywhere.
  if (groups.length >= TOUCHED_FROM_GROUPS) common.push(...[...touching].filter(([, n]) => n >= TOUCHED_SHARE * groups.length).map(([key]) => key));
  return new Set(common);
}

/**
 * The most telling longer phrase that holds `c`'s words in order and is a name of its own, if
 * enough of `c`'s papers use it, or any of them do when `c` is only part of a name; else `c`.
 */
function longerPhrase(group: PhraseCounts, candidates: readonly Candidate[], c: Candidate): Candidate {
  const papers = group.papers.get(c.key) ?? 0;
  const share = group.isFragment(c.key) ? 0 : group.endsNames(c.key) ? ENDED_PHRASE_SHARE : LONGER_PHRASE_SHARE;
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
  const first = name.split(/\s/)[0];
  return /\p{Lu}/u.test(first) ? name : name.charAt(0).toUpperCase() + name.slice(1);
}
