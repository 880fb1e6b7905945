// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
      // `import vscode = require('vscode')`: esbuild bundles `import * as vscode` as a copy of
      // the whole API object in each file that imports it, 32 copies when the extension loads.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  {
    // Notes and library files are anyone's text: a pattern that backtracks super-linearly on
    // some input (a long run of one character, say) would hang hovers or a load on it.
    files: ['src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    // The core is pure: no editor, no file system, no threads or processes. It is shared by the
    // CLI, the extension, the worker threads and the tests; I/O lives in src/node and src/host.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https'].map((name) => ({
            name,
            message: 'src/core is pure: do I/O in src/node (Node) or src/host (VS Code).',
          })),
          patterns: [{ group: ['**/node/*', '**/host/*', '**/features/*', '**/worker/*', '**/cli/*'], message: 'src/core must not import the layers above it.' }],
        },
      ],
    },
  },
);
