import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { excerptAround, textPreview } from '../../src/core/paperPreview';

describe('paper previews', () => {
  it('keep short text whole, flattening white space', () => {
    assert.equal(textPreview('  A short\n abstract. ', 100), 'A short abstract.');
  });

  it('cut long text at a word boundary with an ellipsis', () => {
    assert.equal(textPreview('one two three four five six', 14), 'one two three…');
    assert.equal(textPreview('Supercalifragilistic', 5), 'Super…');
  });

  it('show the words a search matched, even deep in the abstract', () => {
    const abstract = `${'Filler words about nothing. '.repeat(20)}Here the robot plays table tennis.`;
    const excerpt = excerptAround(abstract, ['tennis'], 80);
    assert.match(excerpt, /^….*table tennis/);
    assert.equal(excerptAround(abstract, ['absent'], 40), textPreview(abstract, 40));
    assert.equal(excerptAround('Tennis first', ['tennis'], 80), 'Tennis first');
  });

  it('never exceed the length asked for (plus the ellipses)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), fc.integer({ min: 4, max: 200 }), (text, terms, max) => {
        assert.ok(textPreview(text, max).length <= max + 1);
        assert.ok(excerptAround(text, terms, max).length <= max + 1);
      }),
    );
  });
});
