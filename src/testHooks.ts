// Test hooks: the providers the extension's own host tests read. Not part of the public API.
import type vscode = require('vscode');
import type { AbstractPanel } from './features/abstractPanel';
import type { CitationCompletionProvider } from './features/citationCompletion';
import type { CitedTreeProvider } from './features/citedView';
import type { CoverageStatusBar } from './features/coverageStatus';
import type { ThemeTreeProvider } from './features/paperTree';

/** Filled in by the features as they register. */
export interface TestHooks {
  tree?: ThemeTreeProvider;
  panel?: AbstractPanel;
  cited?: CitedTreeProvider;
  coverage?: CoverageStatusBar;
  hover?: vscode.HoverProvider;
  completion?: CitationCompletionProvider;
}
