import assert from 'node:assert/strict';
import { TermSpace } from '../../src/core/search/termVectors';
import { assignThemes, parseThemeDefinitions, UNSORTED_THEME } from '../../src/core/search/themes';
import { loadSeedLibrary, seedEntries, seedThemes } from './seedLibrary';
import { finish } from '../../src/core/work/slices';

describe('themes', () => {
  it('group the 92 seed papers into 6 to 12 named themes, one each, deterministically', () => {
    const groups = loadSeedLibrary().themeGroups();
    assert.ok(groups.length >= 6 && groups.length <= 12, `${groups.length} themes`);
    assert.equal(groups.reduce((n, g) => n + g.papers.length, 0), 92);
    for (const g of groups) {
      assert.match(g.theme.name, /^[A-Z][a-z]+( [a-z,]+| and [a-z]+)*/);
      assert.doesNotMatch(g.theme.name, /\d|cluster|other|misc/i);
      assert.ok(g.papers.length >= 2, `${g.theme.name} has ${g.papers.length}`);
    }
    assert.deepEqual(finish(assignThemes(seedEntries, seedThemes)), finish(assignThemes(seedEntries, seedThemes)));
  });

  it('put together the papers a reader would put together', () => {
    const library = loadSeedLibrary();
    const themeOf = (key: string) => library.paperByKey(key)!.theme;
    const together: Record<string, string[]> = {
      'Robot learning': ['yell-robot-improving', 'achieving-human-level', 'say-grounding-language', 'rt-h', 'robomatrix', 'skills-made-order', 'learning-latent-plans'],
      Reasoning: ['limo', 'b-star', 'complexity-based-prompting', 'system-2-mathematical', 'think-thrice-before'],
      'Agents and tool use': ['tool-learning-foundation', 'tool-documentation-enables', 'agentgen', 'openagi'],
      'Evaluation and benchmarks': ['agieval', 'hemm', 'flask', 'skill-mix', 'improve-llm-judge'],
      'Experts, routing and merging': ['harder-tasks-need', 'moe2', 'learning-route-among', 'selma'],
      'Jobs and applications': ['resumeflow', 'labor-llm', 'application-llm-agents', 'design-negative-sampling'],
      'Feedback and alignment': ['perfect-blend-redefining', 'quality-diversity-ai', 'self-improvement-language'],
      'Training data selection': ['less', 'diversify-conquer-diversity', 'harnessing-diversity-important', 'critiq'],
    };
    for (const [theme, keys] of Object.entries(together)) for (const key of keys) assert.equal(themeOf(key), theme, key);
  });

  it('place a paper no keyword describes beside the papers it resembles', () => {
    const newPaper = {
      title: 'Dexterous In-Hand Reorientation Learned from Human Video',
      abstract:
        'We teach a five-fingered hand to rotate objects by watching people. Policies trained in simulation transfer to hardware with tactile sensing and succeed on unseen objects in the lab.',
    };
    const themes = finish(assignThemes([...seedEntries, newPaper], seedThemes));
    assert.equal(themes.at(-1), 'Robot learning');
  });

  it('recover most papers from their neighbours alone (leave-one-out, far above chance)', () => {
    const themes = finish(assignThemes(seedEntries, seedThemes));
    const space = finish(TermSpace.build(seedEntries));
    let agree = 0;
    seedEntries.forEach((_, i) => {
      let best = '';
      let bestScore = -1;
      for (const { name } of seedThemes) {
        const members = themes.flatMap((t, j) => (t === name && j !== i ? [j] : []));
        if (members.length === 0) continue;
        const centroid = space.centroid(members);
        const v = space.vectors[i];
        let score = 0;
        for (let k = 0; k < v.ids.length; k++) score += v.weights[k] * centroid[v.ids[k]];
        if (score > bestScore) [best, bestScore] = [name, score];
      }
      if (best === themes[i]) agree++;
    });
    // Chance is 1 in 12; keyword-free resemblance agrees with the shipped grouping on over half.
    assert.ok(agree / seedEntries.length > 0.5, `${agree} of ${seedEntries.length}`);
  });

  it('leave a paper that shares no words with any theme unsorted, and all papers when there are no themes', () => {
    const stranger = { title: 'Zxq Vbnm Qwrt', abstract: 'Plokij uhygtf rdeswa.' };
    assert.equal(finish(assignThemes([...seedEntries, stranger], seedThemes)).at(-1), UNSORTED_THEME.name);
    assert.deepEqual(new Set(finish(assignThemes(seedEntries, []))), new Set([UNSORTED_THEME.name]));
  });

  it('read definitions, reporting bad entries with their line and keeping the good ones', () => {
    const text = `{
  "themes": [
    { "name": "Robots", "keywords": ["robot"] },
    { "name": "", "keywords": ["x"] },
    { "name": "Robots", "keywords": ["arm"] },
    { "name": "Empty", "keywords": [] }
  ]
}`;
    const { themes, diagnostics } = parseThemeDefinitions(text, 'my-themes.json');
    assert.deepEqual(themes, [{ name: 'Robots', keywords: ['robot'] }]);
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line]),
      [
        ['my-themes.json', 4],
        ['my-themes.json', 5],
        ['my-themes.json', 6],
      ],
    );
    assert.match(parseThemeDefinitions('{ nope', 'bad.json').diagnostics[0].message, /not valid JSON/);
    assert.match(parseThemeDefinitions('[]', 'bad.json').diagnostics[0].message, /"themes" array/);
  });
});
