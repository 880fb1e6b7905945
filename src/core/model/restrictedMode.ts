// What Restricted Mode lets the extension read of the library setting before the workspace is trusted.
import * as path from 'node:path';

/**
 * The user's own library entries that may be read while the workspace is not trusted: absolute
 * ones outside every workspace folder. A relative entry would be read from the untrusted folder,
 * and so would an absolute one inside it; the workspace's own entries wait for trust too (the
 * caller passes only the user's). A glob outside the folders that reaches into one is not seen here.
 */
export function entriesBeforeTrust(userEntries: unknown, workspaceFolders: readonly string[]): string[] {
  const inside = (entry: string) => workspaceFolders.some((folder) => isWithin(folder, entry));
  return (Array.isArray(userEntries) ? userEntries : [])
    .filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
    .filter((entry) => path.isAbsolute(entry) && !inside(entry));
}

/** Whether `file` is `folder` or inside it. */
export function isWithin(folder: string, file: string): boolean {
  const from = path.relative(folder, file);
  return !from.startsWith('..') && !path.isAbsolute(from);
}
