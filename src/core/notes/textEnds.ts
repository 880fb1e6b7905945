// The run of certain characters at the end of a text, found from the end: patterns such as
// /\s*$/ try every run in the text and take quadratic time on a long one that is not at the end.

/** How many characters at the end of `text` are among `chars`. */
export function trailingLength(text: string, chars: string): number {
  let at = text.length;
  while (at > 0 && chars.includes(text[at - 1])) at--;
  return text.length - at;
}

/** `text` without the characters among `chars` at its end. */
export function withoutTrailing(text: string, chars: string): string {
  return text.slice(0, text.length - trailingLength(text, chars));
}

/** The characters `\s` matches, as one string for `trailingLength`. */
export const WHITESPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** The line breaks in a text, `\r\n` counted as one. */
export function lineBreakCount(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}
