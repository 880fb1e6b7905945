// Feature: the status-bar item for the active note's citations, and Show Note Coverage.
import vscode = require('vscode');
import { uncoveredThemes } from '../core/notes/noteCoverage';
import { noteName, type ActiveNote, type ActiveNoteState } from '../host/activeNote';
import { REVEAL_CITATION } from './citedView';
import type { FeatureDeps } from './deps';

const SHOW_COVERAGE = 'literatureNotes.showCoverage';
/** Uncited papers suggested per theme the note leaves out. */
const SUGGESTIONS_PER_THEME = 3;

const papers = (n: number) => (n === 1 ? '1 paper' : `${n} papers`);

/** What the status bar says of a note: papers cited, and how many of the library's themes they cover. */
function summary({ library, coverage }: ActiveNoteState): { counts: string; tooltip: string } {
  const cited = coverage.themes.reduce((sum, t) => sum + t.papers.length, 0);
  const covered = coverage.themes.length;
  const total = library.themes.length;
  const unresolved = coverage.unresolved.length;
  const missing = unresolved ? `, and ${unresolved === 1 ? '1 key' : `${unresolved} keys`} not in the library` : '';
  return {
    counts: `${papers(cited)} · ${covered}/${total} themes`,
    tooltip: `This note cites ${papers(cited)} from ${covered} of the library's ${total} themes${missing}. Click for the themes it covers, those it does not, and papers to read next.`,
  };
}

/** The status-bar item for the note being worked on; hidden when there is none. */
export class CoverageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('literatureNotes.coverage', vscode.StatusBarAlignment.Right, 100);
  private shown?: { text: string; tooltip: string };
  private readonly subscription: vscode.Disposable;

  constructor(readonly note: ActiveNote) {
    this.item.name = 'Literature Notes: Note Coverage';
    this.item.command = SHOW_COVERAGE;
    this.subscription = note.onDidChange(() => this.update());
    this.update();
  }

  /** The item's text and tooltip while it is shown. */
  snapshot(): { text: string; tooltip: string } | undefined {
    return this.shown;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    const state = this.note.current;
    if (!state) {
      this.shown = undefined;
      return this.item.hide();
    }
    const { counts, tooltip } = summary(state);
    this.shown = { text: `$(book) ${counts}`, tooltip };
    this.item.text = this.shown.text;
    this.item.tooltip = tooltip;
    this.item.show();
  }
}

interface CoverageItem extends vscode.QuickPickItem {
  readonly choose?: () => Thenable<unknown>;
}

/** Covered themes (choosing one shows its first citation), then each uncovered theme with papers to read next. */
function coverageItems({ document, library, coverage }: ActiveNoteState): CoverageItem[] {
  const separator = (label: string): CoverageItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const covered = coverage.themes.map(({ theme, papers: cited }): CoverageItem => ({
    label: theme.name,
    iconPath: new vscode.ThemeIcon(theme.icon ?? 'symbol-folder'),
    description: `${papers(cited.length)} cited`,
    detail: cited.map((c) => c.paper.key).join(', '),
    choose: () => vscode.commands.executeCommand(REVEAL_CITATION, document.uri, cited[0].paper.key),
  }));
  const citedPapers = coverage.themes.flatMap((t) => t.papers.map((p) => p.paper));
  const uncovered = uncoveredThemes(library, citedPapers, SUGGESTIONS_PER_THEME).flatMap(({ theme, papers: next }) => [
    separator(`${theme.name} · not covered`),
    ...next.map((paper): CoverageItem => ({
      label: paper.title,
      iconPath: new vscode.ThemeIcon('book'),
      description: paper.key,
      choose: () => vscode.commands.executeCommand('literatureNotes.openPaper', paper.key),
    })),
  ]);
  return [...(covered.length ? [separator('Covered by this note'), ...covered] : []), ...uncovered];
}

/** The status-bar item (made by `activate`, which hands it to the API too) and Show Note Coverage. */
export function registerCoverageStatus({ library, activeNote, testHooks }: FeatureDeps): vscode.Disposable[] {
  const status = new CoverageStatusBar(activeNote);
  testHooks.coverage = status;
  const showCoverage = async () => {
    const state = status.note.current;
    if (!state) return void vscode.window.showInformationMessage('Literature Notes: open a Markdown note to see which themes it covers.');
    await library.relatedReady(state.library); // the papers to read next are the cited ones' related papers
    const chosen = await vscode.window.showQuickPick(coverageItems(state), {
      title: `${noteName(state.document)}: ${summary(state).counts}`,
      placeHolder: 'Choose a covered theme to show its first citation, or a paper to read next',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    await chosen?.choose?.();
  };
  return [status, vscode.commands.registerCommand(SHOW_COVERAGE, showCoverage)];
}
