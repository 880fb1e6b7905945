// Where a paper is defined in its library file, as an editor location.
import vscode = require('vscode');
import type { Paper } from '../core/model/paper';

/**
 * Where a paper is defined: the whole title line of its entry in its library file (the
 * extension loads library files by absolute path). The whole line, because the title as
 * parsed may be shorter than as written (escapes, trailing spaces).
 */
export function paperEntry(paper: Paper): vscode.Location {
  return new vscode.Location(vscode.Uri.file(paper.file), new vscode.Range(paper.line - 1, 0, paper.line, 0));
}
