// Finds JSON nested too deep to hand to a recursive parser, without recursing itself.

/**
 * Deeper than any CSL-JSON item or overrides file needs (they nest four or five levels), and
 * far below where jsonc-parser's recursive `parseTree` and `getNodeValue` overflow the stack
 * (a few thousand levels).
 */
export const MAX_JSON_DEPTH = 256;

/**
 * The offset of the first bracket or brace that opens a level deeper than `limit`, or undefined
 * when none does. Brackets inside strings are not counted; comments are not looked for, so a
 * bracket in one counts, which only errs towards refusing. One pass, no recursion, no allocation.
 */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** The message for a file nested past the limit. */
export function tooDeepMessage(consequence: string): string {
  return `nested more than ${MAX_JSON_DEPTH} levels deep; ${consequence}`;
}
