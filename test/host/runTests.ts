/**
 * `npm run test:host`: runs test/host/suite inside a real VS Code extension host.
 *
 * By default that VS Code is code-server 4.100.3 (VS Code 1.100.3) in headless Chromium, through
 * test/host/codeServer/launch, because desktop VS Code cannot be downloaded everywhere (CI has
 * only the npm and Debian registries). `LITERATURE_NOTES_VSCODE=desktop` leaves the launcher out:
 * @vscode/test-electron then downloads desktop VS Code and runs the same suite in it (needs a
 * display, e.g. `xvfb-run -a npm run test:host` on Linux); `LITERATURE_NOTES_VSCODE=<path>` runs
 * a VS Code executable already on the machine.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { tempDir } from './codeServer/codeServer';
import { repoRoot } from './codeServer/install';

/** `--bench` (npm run bench:host) runs the benchmarks in test/host/bench instead of the tests. */
const suiteFolder = process.argv.includes('--bench') ? 'bench' : 'suite';
const suiteSource = path.join(repoRoot, 'test/host', suiteFolder);
const suiteOut = path.join(repoRoot, 'dist/test/host', suiteFolder);

async function main(): Promise<number> {
  // The extension under test is the built one; building again (a second or two) keeps a lone
  // `npm run test:host` from testing a stale bundle.
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) return built.status ?? 1;
  await buildSuite();

  const vscode = process.env.LITERATURE_NOTES_VSCODE;
  const vscodeExecutablePath =
    vscode === 'desktop' ? undefined : vscode ? path.resolve(vscode) : path.join(repoRoot, 'test/host/codeServer/launch');

  try {
    return await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(suiteOut, 'index.js'),
      extensionTestsEnv: grepPattern() ? { LITERATURE_NOTES_HOST_GREP: grepPattern() } : {},
      // A fresh profile per run, so no state from an earlier run (open editors, trust) leaks in.
      launchArgs: [workspaceCopy(), '--disable-extensions', `--user-data-dir=${tempDir('host-profile-')}`],
    });
  } catch (error) {
    // runTests rejects with the exit code when tests fail; the failures are already printed.
    const code = (error as { code?: number }).code;
    console.error(error instanceof Error ? error.message : error);
    return typeof code === 'number' && code !== 0 ? code : 1;
  }
}

/** A copy of test/host/workspace, so tests may edit notes and settings without touching the fixtures. */
function workspaceCopy(): string {
  const copy = path.join(tempDir('host-workspace-'), 'workspace');
  cpSync(path.join(repoRoot, 'test/host/workspace'), copy, { recursive: true });
  return copy;
}

/** `--grep <pattern>` (or `--grep=<pattern>`) on the command line: run only matching tests. */
function grepPattern(): string | undefined {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg === '--grep' || arg.startsWith('--grep='));
  if (at < 0) return undefined;
  return args[at].startsWith('--grep=') ? args[at].slice('--grep='.length) : args[at + 1];
}

/** Bundles each suite file on its own, so index.js finds the `*.test.js` files beside it. */
async function buildSuite(): Promise<void> {
  const entryPoints = readdirSync(suiteSource, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(suiteSource, file));
  await build({
    entryPoints,
    outdir: suiteOut,
    outbase: suiteSource,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Both come from the extension host: vscode is its API, mocha must be the one index.js loads.
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
