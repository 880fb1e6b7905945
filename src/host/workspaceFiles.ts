// Reading a workspace file's text with the same bounds wherever it is: regular files only, of a bounded size.
import vscode = require('vscode');
import { megabytes, readWholeFile, RefusedFile } from '../node/textFile';

/**
 * The file's text, if it is a regular file of at most `maxBytes`; rejects with a `RefusedFile`
 * saying why if not, and as reading it would otherwise. A file on disk is read straight from
 * it (see `openRegularFile`: a named pipe or a link to a device is refused, never waited on);
 * one elsewhere (a virtual workspace) is looked at first through VS Code's file system.
 */
export async function readBoundedText(uri: vscode.Uri, maxBytes: number): Promise<string> {
  if (uri.scheme === 'file') return new TextDecoder().decode(await readWholeFile(uri.fsPath, undefined, maxBytes));
  const { type, size } = await vscode.workspace.fs.stat(uri);
  if (!(type & vscode.FileType.File)) throw new RefusedFile('it is not a regular file; it was not read');
  if (size > maxBytes) throw new RefusedFile(`it is ${megabytes(size)}, over the limit of ${megabytes(maxBytes)}; it was not read`);
  const bytes = await vscode.workspace.fs.readFile(uri);
  // A provider may give more than it said: no more than the limit is decoded.
  if (bytes.length > maxBytes) throw new RefusedFile(`it is over the limit of ${megabytes(maxBytes)}; it was not read`);
  return new TextDecoder().decode(bytes);
}
