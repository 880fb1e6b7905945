// A paper's attached files: reading BibTeX `file` fields as reference managers write them, and where such a path may be on disk.
import type { PaperMetadata } from '../model/paper';
import { trailingLength } from '../notes/textEnds';

/** The longest field value read; a `file` field is a few paths, so anything longer is not one. */
const MAX_FIELD_LENGTH = 64 * 1024;

/**
 * The raw value of the entry's `file` field (outer braces or quotes removed, nothing
 * unescaped), or undefined when it has none. Fields are walked one by one, so a `file = `
 * inside another field's value (an abstract, say) is never taken for it. Never throws.
 */
export function bibtexFileField(entry: string): string | undefined {
  const open = /^[^{(]*[{(][^,]*,/.exec(entry);
  if (!open) return undefined;
  let at = open[0].length;
  const skipSpace = () => {
    while (at < entry.length && /[\s,]/.test(entry[at])) at++;
  };
  for (let fields = 0; fields < 1000; fields++) {
    skipSpace();
    const name = /^[A-Za-z_][\w:.+-]*/.exec(entry.slice(at, at + 100))?.[0];
    if (!name) return undefined;
    at += name.length;
    skipSpace();
    if (entry[at] !== '=') return undefined;
    at++;
    const parts: string[] = [];
    for (;;) {
      skipSpace();
      const value = readValue(entry, at);
      if (!value) return undefined;
      parts.push(value.text);
      at = value.end;
      while (at < entry.length && /\s/.test(entry[at])) at++;
      if (entry[at] !== '#') break;
      at++;
    }
    if (name.toLowerCase() === 'file') {
      const value = parts.join('');
      return value.length <= MAX_FIELD_LENGTH ? value : undefined;
    }
  }
  return undefined;
}

/** A braced or quoted value (balanced braces inside) or a bare word, from `start`. */
function readValue(text: string, start: number): { text: string; end: number } | undefined {
  const first = text[start];
  if (first === '{' || first === '"') {
    let depth = 0;
    for (let i = start + (first === '"' ? 1 : 0); i < text.length && i - start <= MAX_FIELD_LENGTH; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0 && first === '{') return { text: text.slice(start + 1, i), end: i + 1 };
        if (depth < 0) return undefined;
      } else if (c === '"' && first === '"' && depth === 0) return { text: text.slice(start + 1, i), end: i + 1 };
    }
    return undefined;
  }
  const word = /^[^\s,#})]+/.exec(text.slice(start, start + 200))?.[0];
  return word ? { text: '', end: start + word.length } : undefined;
}

/** The entry with the files its BibTeX text's `file` field names, if it names any. */
export function withAttachments<T extends PaperMetadata>(entry: T, bibtexEntry: string): T {
  const field = bibtexFileField(bibtexEntry);
  const attachments = field === undefined ? [] : attachmentsOfField(field);
  return attachments.length ? { ...entry, attachments } : entry;
}

/**
 * The paths a `file` field names, as written (still relative or absolute, `\` or `/`), in order.
 * The forms: Zotero and Better BibTeX `path;path`; JabRef, Mendeley and Zotero's own export
 * `description:path:type;…` (`:path:type` without a description); `\:`, `\;` and `\\` escape a
 * colon, semicolon and backslash; Mendeley writes the escaping backslash as `$\backslash$`. A Windows drive
 * letter's colon may be escaped or not (`C\:\\x.pdf`, `C:\x.pdf`). Never throws.
 */
export function attachmentsOfField(field: string): string[] {
  const text = field.replace(/\$\\backslash\$/g, '\\').replace(/\{\\([_&%$#])\}/g, '\\$1');
  const paths: string[] = [];
  for (const item of splitUnescaped(text, ';')) {
    const parts = splitUnescaped(item, ':').map(unescape);
    const path = pathOfParts(parts).trim();
    if (path && !paths.includes(path)) paths.push(path);
  }
  return paths;
}

/** `text` split at each `separator` that no backslash escapes; the escapes are kept for `unescape`. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A backslash before punctuation stands for it; before anything else it is a path's own backslash. */
function unescape(text: string): string {
  return text.replace(/\\([\\:;_&%$#{}])/g, '$1');
}

const DRIVE = /^[A-Za-z]$/;

/**
 * The path among a file item's colon-separated parts: the whole of it for one part (or a drive
 * letter and its path), else the middle of `description:path:type`, which may itself hold the
 * colon of a drive letter (`Full Text:C:\x.pdf:application/pdf`).
 */
function pathOfParts(parts: string[]): string {
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    if (DRIVE.test(parts[0]) && /^[\\/]/.test(parts[1])) return parts.join(':');
    // `description:path` or `path:type`: the part that looks like a path.
    return /[\\/.]/.test(parts[1]) ? parts[1] : parts[0];
  }
  return parts.slice(1, -1).join(':');
}

/** How the machine spells paths; tests give either, the extension its own. */
export interface PathStyle {
  readonly windows: boolean;
  /** The user's home folder, for `~/` paths (as Better BibTeX writes them). */
  readonly home?: string;
}

/** The file types a paper's attachment may be opened as: documents a viewer shows, never a program. */
const OPENABLE = /\.(?:pdf|epub|html?)$/i;

export function isOpenableAttachment(path: string): boolean {
  return OPENABLE.test(path);
}

/** A web address given as an attachment (JabRef keeps arXiv PDFs so); it is not a file on disk. */
export function isWebAddress(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) && !/^file:/i.test(path);
}

/**
 * Where a path from a library file may be on disk, first the likeliest: absolute as it is;
 * `~/` in the home folder; relative to the library file's folder. A path written on the other
 * system has its separators turned, and Mendeley's absolute paths, which lose their leading
 * `/`, are tried from the root too. `file://` addresses become paths. Web addresses give none.
 */
export function attachmentCandidates(written: string, libraryFolder: string, style: PathStyle): string[] {
  let path = written.trim();
  if (!path || isWebAddress(path)) return [];
  if (/^file:\/\//i.test(path)) path = fileUrlPath(path, style);
  const sep = style.windows ? '\\' : '/';
  path = style.windows ? path.replace(/\//g, '\\') : path.replace(/\\/g, '/');
  const candidates: string[] = [];
  if (isAbsolute(path, style)) candidates.push(path);
  else if (/^~[\\/]/.test(path)) {
    if (style.home) candidates.push(joinPath(style.home, path.slice(2), sep));
  } else {
    candidates.push(joinPath(libraryFolder, path, sep));
    if (!style.windows) candidates.push(`/${path}`);
  }
  return candidates.map((candidate) => normalise(candidate, sep));
}

function isAbsolute(path: string, { windows }: PathStyle): boolean {
  return windows ? /^(?:[A-Za-z]:\\|\\\\)/.test(path) : path.startsWith('/');
}

function joinPath(folder: string, relative: string, sep: string): string {
  return folder.endsWith(sep) ? `${folder}${relative}` : `${folder}${sep}${relative}`;
}

/** `.` and `..` segments resolved, separators doubled by a join made single (not a UNC path's). */
function normalise(path: string, sep: string): string {
  const unc = sep === '\\' && path.startsWith('\\\\');
  const segments = path.split(sep);
  const kept: string[] = [];
  segments.forEach((segment, i) => {
    if (segment === '.' || (segment === '' && i > 0 && i < segments.length - 1)) return;
    if (segment === '..' && kept.length > 1) kept.pop();
    else if (segment !== '..') kept.push(segment);
  });
  const joined = kept.join(sep);
  return unc ? `\\\\${joined.replace(/^\\+/, '')}` : joined;
}

function fileUrlPath(url: string, { windows }: PathStyle): string {
  try {
    const pathname = decodeURIComponent(new URL(url).pathname);
    return windows ? pathname.replace(/^\/([A-Za-z]:)/, '$1') : pathname;
  } catch {
    return url;
  }
}

/** Characters no file name may hold on Windows, macOS or Linux. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAME = /[<>:"/\\|?*\u0000-\u001f]/g;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i;

/**
 * A citation key as a file name on any system: each character a file name cannot hold becomes
 * `_`, as do a leading dot and trailing dots and spaces; a name Windows reserves (`con`, `aux`)
 * gets a leading `_`. The same key always gives the same name.
 */
export function fileNameOfKey(key: string): string {
  let name = key
    .replace(UNSAFE_IN_FILE_NAME, '_')
    .replace(/^\./, '_');
  // Trailing dots and spaces, counted from the end: /[. ]+$/ is quadratic on a long run of them.
  const tail = trailingLength(name, '. ');
  name = name.slice(0, name.length - tail) + '_'.repeat(tail);
  return WINDOWS_RESERVED.test(name) ? `_${name}` : name || '_';
}

/** The files a PDF folder may hold for a paper: named by its key, in each openable type. */
export function keyedAttachmentNames(key: string): string[] {
  const name = fileNameOfKey(key);
  return ['pdf', 'epub', 'html'].map((extension) => `${name}.${extension}`);
}
