/** Words that name no topic alone: how names are made of them, and how little they tie papers together. */

/**
 * Words that start or end no name: they say how a paper works, not what it is about.
 * ("Lattice-based cryptography" is a name; "lattice-based" alone is not.)
 */
export const NO_EDGE = new Set(
  (
    'new novel using based approach approaches study studies towards improved simple note notes result results ' +
    'application applications paper papers survey review case via use also all any each other some very well better faster ' +
    'part revisited extended abstract introduction toward vol basic volume proceedings see remarks comment comments reply ' +
    'discussion lecture lectures handbook essay essays related subject ' +
    // The same in the languages whose little words end a phrase (see `FOREIGN_STOP_WORDS` in themeNaming.ts).
    'anwendung anwendungen bemerkungen beitrag untersuchungen'
  ).split(' '),
);

/**
 * Words that are part of many names and no name alone: "Dynamic programming", "Game theory",
 * "Inverse problems" are topics; "Dynamic", "Theory", "Problems" are not.
 */
export const NOT_ALONE = new Set(
  (
    'model models modeling modelling system systems theory theories method methods problem problems framework frameworks ' +
    'technique techniques dynamic dynamics general large scale multiple level learning data solution solutions algorithm algorithms ' +
    'process processes design control evidence effect effects role measure measures structure structures properties property ' +
    'function functions equation equations estimation approximation simulation simulations computation performance order ' +
    'analysis efficient first non high low fast one two three dimensional term terms manual theorie beweis'
  ).split(' '),
);

/** Whether a word (lower case, as written) names no topic alone: it ties papers together less than a topic's word. */
export function namesNoTopicAlone(word: string): boolean {
  return NOT_ALONE.has(word) || NO_EDGE.has(word);
}
