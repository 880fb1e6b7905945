// Feature: the library files' problems in the Problems panel.
import vscode = require('vscode');
import { announceProblems } from '../core/model/libraryProblem';
import type { DiagnosticSeverity, LibraryDiagnostic } from '../core/model/paper';
import type { FeatureDeps } from './deps';
import { notificationText } from '../core/model/untrustedText';

const SEVERITIES: Record<DiagnosticSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * What is wrong in the library files, in the Problems panel at each file and line, as of the
 * last load; a new error is also told once in a warning message.
 */
export function registerLibraryProblems({ library }: FeatureDeps): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('literatureNotes.library');
  let reported: ReadonlySet<string> = new Set();

  const show = () => {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const d of library.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), problemOf(d)]);
    collection.clear();
    collection.set([...byFile].map(([file, diagnostics]) => [vscode.Uri.file(file), diagnostics]));

    const announcement = announceProblems(library.diagnostics, reported, (file) => vscode.workspace.asRelativePath(file));
    reported = announcement.reported;
    for (const message of announcement.messages) {
      void vscode.window.showWarningMessage(notificationText(`Literature Notes: ${message}`), 'Show Problems').then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
    }
  };
  if (library.current) show();
  return [collection, library.onDidChange(show)];
}

/** The whole line: the parsers know an entry's line, not where on it the fault is. */
function problemOf(d: LibraryDiagnostic): vscode.Diagnostic {
  const line = Math.max(0, d.line - 1);
  const problem = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), d.message, SEVERITIES[d.severity]);
  problem.source = 'Literature Notes';
  return problem;
}
