// Finds paper titles written in a note's prose, whatever their case, markup or line breaks.
import type { Work } from '../work/slices';
import { wordSpans, type WordSpan } from './text';

/** Titles shorter than this (in words and characters) are everyday phrases, not citations. */
const MIN_WORDS = 3;
const MIN_CHARS = 12;

interface Candidate<T> {
  readonly words: readonly string[];
  readonly value: T;
}

export interface TitleMatch<T> {
  readonly value: T;
  readonly start: number;
  readonly end: number;
}

/**
 * Finds titles written in prose: the same words in the same order, whatever the case,
 * accents, punctuation, inline markup or line breaks between them.
 */
export class TitleMatcher<T> {
  private constructor(
    /** Candidates by first word, longest first so the longest title wins. */
    private readonly byFirstWord: ReadonlyMap<string, Candidate<T>[]>,
    private readonly byWords: ReadonlyMap<string, T>,
  ) {}

  /** Pauses between titles: reading every title of a large library must not hold the thread at once. */
  static *build<T>(entries: readonly { title: string; value: T }[]): Work<TitleMatcher<T>> {
    const byFirstWord = new Map<string, Candidate<T>[]>();
    const byWords = new Map<string, T>();
    for (const { title, value } of entries) {
      yield;
      const words = wordSpans(title).map((w) => w.word);
      if (words.length === 0) continue;
      const joined = words.join(' ');
      if (byWords.has(joined)) continue;
      byWords.set(joined, value);
      if (words.length < MIN_WORDS && title.trim().length < MIN_CHARS) continue;
      const list = byFirstWord.get(words[0]) ?? [];
      list.push({ words, value });
      byFirstWord.set(words[0], list);
    }
    for (const list of byFirstWord.values()) {
      list.sort((a, b) => b.words.length - a.words.length);
      yield;
    }
    return new TitleMatcher(byFirstWord, byWords);
  }

  /** The entry whose title is exactly this text, word for word. */
  exactly(text: string): T | undefined {
    return this.byWords.get(wordSpans(text).map((w) => w.word).join(' '));
  }

  /**
   * Titles within the given spans of `text`, read as one run: a title may cross from one
   * span to the next only over punctuation, markup and white space, never over words.
   */
  findIn(text: string, spans: readonly { start: number; end: number }[]): TitleMatch<T>[] {
    const words: WordSpan[] = spans.flatMap((s) => wordSpans(text, s.start, s.end));
    const matches: TitleMatch<T>[] = [];
    for (let i = 0; i < words.length; ) {
      const hit = this.byFirstWord.get(words[i].word)?.find((c) => this.matchesAt(text, words, i, c.words));
      if (!hit) {
        i++;
        continue;
      }
      const last = words[i + hit.words.length - 1];
      matches.push({ value: hit.value, start: words[i].start, end: last.end });
      i += hit.words.length;
    }
    return matches;
  }

  private matchesAt(text: string, words: readonly WordSpan[], at: number, title: readonly string[]): boolean {
    if (at + title.length > words.length) return false;
    for (let k = 0; k < title.length; k++) {
      if (words[at + k].word !== title[k]) return false;
      if (k > 0 && /[\p{L}\p{N}]/u.test(text.slice(words[at + k - 1].end, words[at + k].start))) return false;
    }
    return true;
  }
}
