// How an inserted citation joins the note around the cursor: pandoc groups merge, words keep a space.
import { blockAt } from './noteBlocks';
import { NoteScanner } from './noteScanner';
import type { TextEdit } from './textEdit';

/** A citation about to be inserted, as one style writes it. */
export interface CitationToInsert {
  /** The citation as it reads alone: `[@b]`, `Title [@b]`, `[Title](#b)`… */
  readonly snippet: string;
  /**
   * For the pandoc style, what it cites (`@b`, `@{b c}`): merged into a pandoc citation group the
   * cursor is in or beside instead of written as a second group (`[@a][@b]` reads as one citation
   * followed by a bracket). Absent for the other styles.
   */
  readonly references?: readonly string[];
}

/** The edit that inserts a citation, and where the cursor goes after it (an offset in the edited text). */
export interface CitationEdit extends TextEdit {
  readonly caret: number;
}

/** A pandoc citation group: the offsets of its `[` and its `]`. */
interface Group {
  readonly open: number;
  readonly close: number;
}

/** An insertion into the text: `insert` at `at`; the caret lands at `caret`, an offset in the text before the insertion. */
interface Insertion {
  readonly at: number;
  readonly insert: string;
  /** Where the caret goes, in the text before the insertion; the caret goes after the inserted text when absent. */
  readonly caretBefore?: number;
}

/** Reads only pandoc citations: whether a bracket holds one is all it is asked. */
const scanner = new NoteScanner([]);

/** Characters after which a citation needs no space: the line's start, spaces, and opening punctuation. */
const OPENS = /[\s([{"'“‘«]/u;
/** Characters before which an inserted citation needs a space, or it would run into a word, a link or a key. */
const CONTINUES = /[\p{L}\p{N}_[@]/u;

/**
 * The edit that puts `citation` in place of `text.slice(start, end)` (the selection; empty at a
 * cursor), joined to what is around it. In the pandoc style, inside a citation group it becomes
 * one more item (`[@a; @b]`, or `[@b; @a]` at the group's start), and right after or before a
 * group it joins that group; anywhere else the citation is set apart from the words beside it by
 * a space. Never throws.
 */
export function citationInsertEdit(text: string, start: number, end: number, citation: CitationToInsert): CitationEdit {
  // The selection goes first; the citation then joins what is left around the cursor.
  const rest = text.slice(0, start) + text.slice(end);
  const { at, insert, caretBefore } = insertionAt(rest, start, citation);
  const edited = rest.slice(0, at) + insert + rest.slice(at);
  const caretInRest = caretBefore === undefined ? at + insert.length : caretBefore + (caretBefore >= at ? insert.length : 0);
  // The edit of the original text: from where the selection or the insertion starts to where either ends.
  const editStart = Math.min(at, start);
  const endInText = Math.max(at <= start ? at : at + (end - start), end);
  const newText = edited.slice(editStart, edited.length - (text.length - endInText));
  return { start: editStart, end: endInText, newText, caret: caretInRest };
}

function insertionAt(text: string, offset: number, citation: CitationToInsert): Insertion {
  const references = citation.references?.length ? citation.references.join('; ') : undefined;
  if (references !== undefined) {
    const groups = groupsNear(text, offset);
    const inside = groups.find((g) => g.open < offset && offset <= g.close);
    if (inside) return intoGroup(text, offset, inside, references);
    const before = groups.find((g) => g.close === offset - 1);
    if (before) return { at: trimmedEnd(text, before.open + 1, before.close), insert: `; ${references}`, caretBefore: offset };
    const after = groups.find((g) => g.open === offset);
    if (after) return { at: offset + 1, insert: `${references}; ` };
  }
  return { at: offset, insert: spaced(text, offset, citation.snippet) };
}

/** A new item in a group the cursor is in: before the item the cursor starts, else after the one it is in. */
function intoGroup(text: string, offset: number, group: Group, references: string): Insertion {
  const itemStart = text.lastIndexOf(';', offset - 1) > group.open ? text.lastIndexOf(';', offset - 1) + 1 : group.open + 1;
  const semicolonAfter = text.indexOf(';', offset);
  const itemEnd = semicolonAfter >= 0 && semicolonAfter < group.close ? semicolonAfter : group.close;
  const afterSemicolon = itemStart > group.open + 1;
  if (text.slice(itemStart, itemEnd).trim() === '') {
    // An empty item (`[@a; |]`): the references fill it.
    return { at: offset, insert: (afterSemicolon && offset === itemStart ? ' ' : '') + references };
  }
  if (text.slice(itemStart, offset).trim() === '') {
    // At an item's start (`[|@a]`, `[@a;| @c]`): the references come before it.
    const lead = afterSemicolon && offset === itemStart ? ' ' : '';
    return { at: offset, insert: `${lead}${references};${/\s/.test(text[offset]) ? '' : ' '}` };
  }
  return { at: trimmedEnd(text, itemStart, itemEnd), insert: `; ${references}` };
}

/** `end`, moved back over the spaces that end `text.slice(start, end)`. */
function trimmedEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /\s/.test(text[at - 1])) at--;
  return at;
}

/** `snippet` with a space before it after a word, and after it before a word, a link or a key. */
function spaced(text: string, offset: number, snippet: string): string {
  const previous = text[offset - 1];
  const next = text[offset];
  const lead = previous !== undefined && !OPENS.test(previous) && !/^\s/.test(snippet) ? ' ' : '';
  const trail = next !== undefined && CONTINUES.test(next) && !/\s$/.test(snippet) ? ' ' : '';
  return lead + snippet + trail;
}

/**
 * The pandoc citation groups on the cursor's line that could hold it or touch it: brackets with
 * no bracket inside, that hold a pandoc citation as the note scanner reads it (so none in code,
 * links' targets or after an escaped `\[`), and that are not a link's text.
 */
function groupsNear(text: string, offset: number): Group[] {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const nextBreak = text.slice(offset).search(/[\r\n]/);
  const lineEnd = nextBreak < 0 ? text.length : offset + nextBreak;
  const candidates: Group[] = [];
  for (let open = text.indexOf('[', lineStart); open >= 0 && open < lineEnd; open = text.indexOf('[', open + 1)) {
    const close = text.slice(open + 1, lineEnd).search(/[[\]]/);
    if (close < 0 || text[open + 1 + close] !== ']') continue;
    const group = { open, close: open + 1 + close };
    const touches = group.open <= offset && offset <= group.close + 1;
    if (touches && text[group.close + 1] !== '(' && text[open - 1] !== '\\') candidates.push(group);
  }
  if (candidates.length === 0) return [];
  const block = blockAt(text, Math.min(lineStart, Math.max(0, text.length - 1)));
  const citations = scanner.scan(text.slice(block.start, block.end)).filter((c) => c.form === 'pandoc');
  return candidates.filter((g) => citations.some((c) => block.start + c.start > g.open && block.start + c.end <= g.close));
}
