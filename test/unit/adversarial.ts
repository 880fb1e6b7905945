// Adversarial inputs: the probes of issue 17 by name, and fast-check generators of their kind, shared by the unit tests and `npm run fuzz`.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** How many runs each property makes: few in the unit tests, many under `npm run fuzz` (FUZZ_RUNS). */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 30;

/** Notes that micromark, or a pattern of ours, once took quadratic time or more on, or that overflowed the stack. */
export const PATHOLOGICAL_NOTES: Readonly<Record<string, string>> = {
  'one line of 80,000 [': '['.repeat(80_000),
  '100 kB of [[[…]]]': '[[['.repeat(17_000) + ']]]'.repeat(17_000),
  '30 kB of *a_': '*a_'.repeat(10_000),
  '1 MB of [a](': '[a]('.repeat(250_000),
  '1 MB of [@limo] x lines': '[@limo] x\n'.repeat(100_000),
  'lists nested 500 deep': Array.from({ length: 500 }, (_, i) => `${' '.repeat(2 * i)}- item @limo`).join('\n'),
  '10,000 nested > quotes': `${'>'.repeat(10_000)} quoted @limo`,
  '120,000 citations in one paragraph': '[@limo] '.repeat(120_000),
};

/** A run of one character, long: the attack string of a super-linear pattern. */
export const longRun = fc.tuple(fc.constantFrom(...'[]()*_>`~<!-@ \t\n\\{}":,'.split('')), fc.integer({ min: 1_000, max: 20_000 })).map(([c, n]) => c.repeat(n));

/** Brackets, braces or quote markers nested deep, closed or not. */
export const deepNesting = fc
  .tuple(fc.constantFrom(['[', ']'], ['{', '}'], ['>', ''], ['[', ''], ['{"a":', '}'], ['- ', '']), fc.integer({ min: 100, max: 8_000 }), fc.boolean())
  .map(([[open, close], depth, closed]) => open.repeat(depth) + (closed ? close.repeat(depth) : ''));

/** One paragraph with thousands of citations, links or emphasis. */
export const hugeParagraph = fc
  .tuple(fc.constantFrom('[@limo] ', '@limo ', '[a](b) ', '*a* ', '_a_ ', '[^1] ', '<x> ', '`c` '), fc.integer({ min: 1_000, max: 30_000 }))
  .map(([piece, n]) => piece.repeat(n));

/** Text of several encodings and none: a BOM, lone surrogates, invalid UTF-8 decoded, control characters, right-to-left overrides. */
export const mixedEncodings = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\uFEFF', '\uD800', '\uDFFF', '\u0000', '\u001b[2J', '\u009b31m', '\u202e', '\r\n', '\r', 'é', '𝄞', '\uFFFD'),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => new TextDecoder().decode(bytes)),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** Any of the above, or a mixture of them. */
export const adversarialText = fc.oneof(longRun, deepNesting, hugeParagraph, mixedEncodings, fc.array(fc.oneof(longRun, deepNesting, mixedEncodings), { maxLength: 3 }).map((parts) => parts.join('\n')));

/** An input kept in test/fuzz/failures.json: pieces, each repeated, joined; a long run stays one line of the file. */
export interface KeptFailure {
  readonly target: string;
  readonly pieces: readonly (readonly [string, number])[];
  readonly why: string;
}

export const FAILURES_FILE = path.join(__dirname, '..', 'fuzz', 'failures.json');

/** Every input that ever failed a property, kept: replayed by the unit tests as they are. */
export function keptFailures(): { readonly target: string; readonly input: string; readonly why: string }[] {
  const kept = JSON.parse(readFileSync(FAILURES_FILE, 'utf8')) as KeptFailure[];
  return kept.map(({ target, pieces, why }) => ({ target, why, input: pieces.map(([text, times]) => text.repeat(times)).join('') }));
}
