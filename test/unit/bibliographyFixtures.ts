/** Shared fixtures: library files in BibTeX and CSL-JSON, as researchers keep them. */

/** A library as a researcher keeps it: macros, braces, accents, an abstract, one broken entry. */
export const BIBTEX = String.raw`% Exported from a reference manager, then edited by hand.
@string{neurips = "Advances in Neural Information Processing Systems"}

@article{vaswani2017attention,
  author    = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},
  title     = {Attention Is All You Need},
  journal   = {CoRR},
  year      = {2017},
  doi       = {10.48550/arXiv.1706.03762},
  url       = {https://arxiv.org/abs/1706.03762},
  abstract  = {The dominant sequence transduction models are based on complex
               recurrent or convolutional neural networks.}
}

@inproceedings{doe:2021,
  author    = {Doe, Jane},
  title     = {An Entry {With a Brace Left Open,
  booktitle = neurips,
  year      = {2021}
}

@InProceedings{mueller2020,
  author    = {M{\"u}ller, J{\"o}rg and van der Berg, Anna and {OpenAI}},
  title     = {{\"U}ber {BERT}: Fine-Tuning {L}anguage Models
               for {G}erman},
  booktitle = neurips,
  year      = 2020,
  pages     = {1--10},
}

@misc{untitled, author = {Nobody}, year = {1999}}

@comment{Entries below came from a colleague.}
@Article(smith-2019,
  title = "Robots That Cook",
  date = {2019-05-01}
)
`;

export const CSL_JSON = `[
  {
    "id": "smith2020",
    "type": "article-journal",
    "title": "Robots That Cook",
    "author": [{ "family": "Smith", "given": "John" }, { "literal": "The Robot Team" }],
    "issued": { "date-parts": [["2020", 5]] },
    "container-title": "Journal of Robot Cooking",
    "DOI": "10.1000/cook",
    "URL": "https://example.org/cook",
    "abstract": "We teach robots to cook."
  },
  { "id": "no-title", "type": "book" },
  42,
  { "id": "bad-name", "title": "Bad Name", "author": [""] },
  { "citation-key": "Lee 2018", "id": 7, "title": "Numbers\\nand Words", "issued": { "raw": "circa 1999" } },
  { "title": "No Id Here" }
]`;

/** The 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

/** What real files hold and citation-js alone would lose: a starred command, `\_` in math, `{\aa}`, `\TeX`, `\-`, a macro, and a year, editor, volume and publisher inherited from a crossref. */
export const CROSSREF_BIBTEX = String.raw`@string{procs = "Proceedings of Things"}
@inproceedings{damgard:child,
  author    = {Damg{\aa}rd, Ivan},
  title     = {A Design Principle for \enquote*{Hash} Functions, \TeX{} and Ma\-th $\_x$},
  pages     = {416--427},
  crossref  = {things:1989},
}
@proceedings{things:1989,
  title     = procs,
  editor    = {Brassard, Gilles},
  volume    = {435},
  publisher = {Springer},
  location  = {New York},
  year      = {1989},
}
`;

/** The BibTeX text without the entries that start at these lines. */
export function withoutEntriesAt(text: string, lines: readonly number[]): string {
  const skipped = new Set(lines);
  const kept: string[] = [];
  let skipping = false;
  for (const [i, line] of text.split('\n').entries()) {
    if (/^\s*@/.test(line)) skipping = skipped.has(i + 1);
    if (!skipping) kept.push(line);
  }
  return kept.join('\n');
}
