import assert from 'node:assert/strict';
import { PaperLibrary } from '../../src/core/model/library';
import { PaperIndex } from '../../src/core/search/searchIndex';
import { finish } from '../../src/core/work/slices';
import { seedEntries, seedSource, seedThemes } from './seedLibrary';

describe('a search index moved to an updated library', () => {
  const papers = finish(finish(PaperLibrary.catalogue({ sources: [seedSource], entries: seedEntries, diagnostics: [] }, { themes: seedThemes })).indexedPapers());
  const queries = [...papers.map((p) => p.title), 'robot learning', 'graph neural', 'cooking videos'];

  for (const [what, laterOf] of [
    ['none moved, the last removed (a paper appended, one deleted at the end)', (at: number) => (at === papers.length - 1 ? -1 : at)],
    ['every paper after the fifth moved up', (at: number) => (at === 5 ? -1 : at > 5 ? at - 1 : at)],
  ] as const) {
    it(`answers as an index built of the papers where they are now, once vacuumed: ${what}`, async () => {
      const index = finish(PaperIndex.build(papers));
      const map = Int32Array.from(papers, (_, at) => laterOf(at));
      finish(index.moveTo(map));
      const added = { ...papers[3], id: papers.length - 1, title: 'Robot Arms That Learn To Stack Blocks' };
      finish(index.add([added]));
      // Until then, the removed paper's words still count toward how rare a word is.
      await index.vacuum();
      const expected = finish(PaperIndex.build([...papers.flatMap((p) => (map[p.id] < 0 ? [] : [{ ...p, id: map[p.id] }])), added].sort((a, b) => a.id - b.id)));
      for (const query of [...queries, added.title]) assert.deepEqual(index.search(query, 3).map((hit) => hit.id), expected.search(query, 3).map((hit) => hit.id), query);
    });
  }
});
