import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonLinesReader, JsonLinesWriter } from '../../src/core/formats/jsonLines';
import { decodeInSlices, encodeInSlices, finish } from '../../src/core/work/slices';

describe('lines of JSON with raw strings', () => {
  /** Values, raw strings and values again, written; then read back from the UTF-8 bytes decoded in pieces of `pieceBytes`. */
  const roundTrip = (strings: string[], pieceBytes: number) => {
    const writer = new JsonLinesWriter();
    writer.value({ before: true });
    finish(writer.strings(strings));
    finish(writer.array(['after']));
    const pieces = finish(decodeInSlices(Buffer.concat(finish(encodeInSlices(writer.lines))), pieceBytes));
    const reader = new JsonLinesReader(pieces);
    const read = { before: reader.value(), strings: finish(reader.strings()), after: finish(reader.array()) };
    assert.ok(reader.done);
    return read;
  };

  it('reads back any strings, newlines and astral characters included, wherever the text is cut into pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '\n', '"', '\\', '😀', ' ') })), fc.integer({ min: 1, max: 64 }), (strings, pieceBytes) => {
        assert.deepEqual(roundTrip(strings, pieceBytes), { before: { before: true }, strings, after: ['after'] });
      }),
    );
  });

  it('throws when the strings are shorter or longer than counted, or the text ends within them', () => {
    const writer = new JsonLinesWriter();
    finish(writer.strings(['first', 'second']));
    const text = writer.lines.join('');
    const read = (variant: string) => () => finish(new JsonLinesReader(variant).strings());
    assert.deepEqual(read(text)(), ['first', 'second']);
    assert.throws(read(text.replace('firstsecond', 'firstsecondX')), /not as long as counted/);
    assert.throws(read(text.replace('firstsecond', 'firstsecon')), /not as long as counted|ends within/);
    assert.throws(read(text.slice(0, -4)), /ends within a string/);
    assert.throws(read(text.replace('[5,6]', '[5,-6]')), /not a count/);
  });
});
