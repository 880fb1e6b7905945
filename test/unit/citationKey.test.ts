import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assignCitationKeys, citationKeyFor, citationKeysFor, keyCandidates, PANDOC_KEY, updatedCitationKeys, type KeyedEntry } from '../../src/core/model/citationKey';
import { seedEntries } from './seedLibrary';
import { finish } from '../../src/core/work/slices';

const keyOf = (title: string) => citationKeyFor(title);

describe('citation keys', () => {
  it('take the acronym before a colon, else the first significant title words', () => {
    assert.equal(keyOf('LIMO: Less is More for Reasoning'), 'limo');
    assert.equal(keyOf('Skill-Mix: a Flexible and Expandable Family of Evaluations for AI models'), 'skill-mix');
    assert.equal(keyOf('MoE^2: Optimizing Collaborative Inference for Edge Large Language Models'), 'moe2');
    assert.equal(keyOf('Skills Made to Order: Efficient Acquisition of Robot Cooking Skills'), 'skills-made-order');
    assert.equal(keyOf('On the Measure of Intelligence'), 'measure-intelligence');
    assert.equal(keyOf("On Giant's Shoulders: Effortless Weak to Strong"), 'giants-shoulders-effortless');
    assert.equal(keyOf('Über die Anwendbarkeit neuronaler Netze'), 'uber-die-anwendbarkeit');
  });

  it('are unique, readable and pandoc-valid for the 92 seed papers', () => {
    const keys = assignCitationKeys(seedEntries);
    assert.equal(new Set(keys).size, 92);
    for (const key of keys) {
      assert.match(key, PANDOC_KEY);
      assert.match(key, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(key.length <= 40, key);
    }
    assert.ok(keys.includes('limo') && keys.includes('orca') && keys.includes('rt-h'));
  });

  it('settle a clash between two titles from the titles, whatever their order', () => {
    const a = { title: 'Robot Learning at Scale with Language', abstract: 'x' };
    const b = { title: 'Robot Learning at Scale from Video', abstract: 'y' };
    const c = { title: 'Reasoning in Small Models', abstract: 'z' };
    assert.deepEqual(assignCitationKeys([a, b, c]), ['robot-learning-scale-language', 'robot-learning-scale-video', 'reasoning-small-models']);
    assert.deepEqual(assignCitationKeys([c, b, a]), ['reasoning-small-models', 'robot-learning-scale-video', 'robot-learning-scale-language']);
    // Same words, other punctuation: the title's hash decides.
    const [k1, k2] = assignCitationKeys([{ title: 'Deep Nets, Wide Nets', abstract: '' }, { title: 'Deep Nets: Wide Nets?', abstract: '' }]);
    assert.notEqual(k1, k2);
    assert.match(k1, /^deep-nets-wide-nets-[0-9a-f]{4}$/);
  });

  it('do not change when other papers are added or removed', () => {
    const full = assignCitationKeys(seedEntries);
    const keyByTitle = new Map(seedEntries.map((e, i) => [e.title, full[i]]));
    fc.assert(
      fc.property(fc.shuffledSubarray([...seedEntries]), (subset) => {
        const keys = assignCitationKeys(subset);
        subset.forEach((e, i) => {
          // Only a paper whose own short key clashed in the full library may read shorter here.
          const shortKey = citationKeyFor(e.title, e.abstract);
          if (keyByTitle.get(e.title) === shortKey) assert.equal(keys[i], shortKey);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('keep the keys files give, and compute the others around them, whatever the order', () => {
    const limo = { title: 'LIMO: Less is More for Reasoning', abstract: 'x' };
    const fromFile = { key: 'limo', title: 'Another Paper Its Bib File Calls limo', abstract: 'y' };
    const odd = { key: 'Smith 2020: {odd}', title: 'Odd', abstract: '' };
    assert.deepEqual(finish(citationKeysFor([limo, fromFile, odd])), ['limo-less-reasoning', 'limo', 'Smith 2020: {odd}']);
    assert.deepEqual(finish(citationKeysFor([odd, fromFile, limo])), ['Smith 2020: {odd}', 'limo', 'limo-less-reasoning']);
    // Two file entries with one key both keep it; the library reports them.
    assert.deepEqual(finish(citationKeysFor([fromFile, { ...fromFile, title: 'Its Twin' }])), ['limo', 'limo']);
  });

  it('never take a reserved key, for any titles and reserved keys', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 15 }), fc.array(fc.string({ maxLength: 30 }), { maxLength: 15 }), (titles, reservedTitles) => {
        // Reserve the very keys the titles want, and the forms made unique by a number.
        const wanted = [...titles, ...reservedTitles].flatMap((t) => keyCandidates(t));
        const reserved = new Set([...wanted, ...wanted.map((k) => `${k}-2`)]);
        const keys = assignCitationKeys(titles.map((title) => ({ title, abstract: '' })), reserved);
        assert.equal(new Set(keys).size, keys.length);
        for (const key of keys) assert.ok(!reserved.has(key), key);
      }),
      { numRuns: 300 },
    );
  });

  it('are settled again only where papers came or went, as settling them all would settle them', () => {
    // Few words, so that titles clash, and file keys that computed ones want.
    const word = fc.constantFrom('Deep', 'deep', 'Learning', 'Robot', 'LIMO:', 'Skill-Mix:', 'Graph', 'the', 'of', 'Robots');
    const entry = fc.record(
      { title: fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')), abstract: fc.constantFrom('', 'a', 'b'), key: fc.constantFrom('deep', 'limo', 'robot-graph', 'smith2020') },
      { requiredKeys: ['title', 'abstract'] },
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.array(fc.boolean(), { maxLength: 20 }), fc.array(fc.tuple(entry, fc.nat()), { maxLength: 6 }), (earlier, gone, added) => {
        const entries: KeyedEntry[] = earlier.filter((_, i) => !gone[i]);
        for (const [e, at] of added) entries.splice(at % (entries.length + 1), 0, e);
        const earlierKeys = finish(citationKeysFor(earlier));
        const earlierKeyOf = new Map<KeyedEntry, string>(earlier.map((e, i) => [e, earlierKeys[i]]));
        const removed = earlierKeys.filter((_, i) => gone[i]);
        assert.deepEqual(
          finish(
            updatedCitationKeys(
              entries,
              entries.map((e) => earlierKeyOf.get(e)),
              removed,
            ),
          ),
          finish(citationKeysFor(entries)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('are always unique and pandoc-valid, for any titles', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ title: fc.string({ maxLength: 60 }), abstract: fc.string({ maxLength: 20 }) }), { maxLength: 25 }), (papers) => {
        const keys = assignCitationKeys(papers);
        assert.equal(new Set(keys).size, keys.length);
        for (const key of keys) assert.match(key, PANDOC_KEY);
      }),
      { numRuns: 500 },
    );
  });
});
