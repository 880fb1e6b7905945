// A text edit the core asks an editor to apply to a note.
/** A replacement of `text.slice(start, end)` by `newText`: what the core asks an editor to apply. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The note's own line break (its first one), so added lines match the lines around them. */
export function lineBreakOf(text: string): string {
  return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}
