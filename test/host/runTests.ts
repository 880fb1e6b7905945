/**
 * `npm run test:host`: runs test/host/suite inside a real VS Code extension host.
 *
 * By default that VS Code is code-server 4.100.3 (VS Code 1.100.3, the oldest `engines.vscode`
 * allows) in headless Chromium, through test/host/codeServer/launch, because desktop VS Code cannot
 * be downloaded everywhere (CI has only the npm and Debian registries). `--vscode latest` (or
 * `LITERATURE_NOTES_VSCODE=latest`) runs the newest code-server instead (codeServer/install.ts
 * names it). `LITERATURE_NOTES_VSCODE=desktop` leaves the launcher out:
 * @vscode/test-electron then downloads desktop VS Code and runs the same suite in it (needs a
 * display, e.g. `xvfb-run -a npm run test:host` on Linux); `LITERATURE_NOTES_VSCODE=<path>` runs
 * a VS Code executable already on the machine.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { citationKeysFor } from '../../src/core/model/citationKey';
import { finish } from '../../src/core/work/slices';
import { print, recordFigures } from './bench/figures';
import type { GeneratedLibrary } from './bench/largeLibrary';
import { browserLatency } from './codeServer/browserLatency';
import { installVsix, tempDir } from './codeServer/codeServer';
import { repoRoot } from './codeServer/install';

/** `--bench` (npm run bench:host) runs the benchmarks in test/host/bench instead of the tests. */
const bench = process.argv.includes('--bench');
/** `--vsix` packages the extension, installs the `.vsix` and runs the smoke test in test/host/vsix through it. */
const vsix = process.argv.includes('--vsix');
const suiteFolder = bench ? 'bench' : vsix ? 'vsix' : 'suite';
const suiteSource = path.join(repoRoot, 'test/host', suiteFolder);
const suiteOut = path.join(repoRoot, 'dist/test/host', suiteFolder);

async function main(): Promise<number> {
  // `--vscode latest|oldest|desktop|<path>`: the launcher started by runTests reads it from the environment.
  const vscodeChoice = argument('--vscode');
  if (vscodeChoice) process.env.LITERATURE_NOTES_VSCODE = vscodeChoice;
  // The extension under test is the built one; building again (a second or two) keeps a lone
  // `npm run test:host` from testing a stale bundle.
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) return built.status ?? 1;
  await buildSuite();
  if (bench) return runBenchmarks();
  if (vsix) return runVsixSmokeTest();
  // A fresh profile per run, so no state from an earlier run (open editors, trust) leaks in.
  return runSession('index.js', workspaceCopy(), tempDir('host-profile-'), grepPattern() ? { LITERATURE_NOTES_HOST_GREP: grepPattern() } : {});
}

/**
 * Writes a generated library of `--papers` papers (10,000 by default; the same papers as the core
 * benchmark's of that size), then runs the benchmarks in three sessions on one profile: index.js
 * (the seed library's figures, then loading the generated one uncached and cached),
 * freshSession.js, a new start on the caches the first session left, in a workspace whose
 * settings already name the generated library, and a session driven from the browser that
 * times hovers and completion as a user asks for them (codeServer/browserLatency.ts).
 */
async function runBenchmarks(): Promise<number> {
  const papers = numberArgument('--papers') ?? 10_000;
  // Loaded here only: the seeds are read on import, and the test suite needs neither.
  const { generatePapers, seedFormat } = await import('../bench/generateLibrary');
  const { seedEntries } = await import('../unit/seedLibrary');
  const file = path.join(tempDir('host-bench-library-'), `generated-${papers}.txt`);
  const generated = generatePapers(seedEntries, papers);
  writeFileSync(file, seedFormat(generated));
  const library: GeneratedLibrary = { file, papers, title: generated[generated.length - 1].title };
  const env = { LITERATURE_NOTES_BENCH_LIBRARY: JSON.stringify(library) };
  // The launcher's limit per session: a first, uncached load of 100,000 papers has taken minutes.
  process.env.LITERATURE_NOTES_HOST_TIMEOUT_MS ??= String(45 * 60_000);
  const profile = tempDir('host-profile-');
  const first = await runSession('index.js', workspaceCopy(), profile, env);
  const fresh = first !== 0 ? first : await runSession('freshSession.js', workspaceNaming(file), profile, env);
  if (fresh !== 0) return fresh;
  // The keys the extension gives the generated papers, after the seeds': a sample of them is cited.
  const keys = finish(citationKeysFor([...seedEntries, ...generated])).slice(seedEntries.length);
  const step = Math.max(1, Math.floor(generated.length / LATENCY_SAMPLE));
  const cited = generated.flatMap((p, i) => (i % step === 0 ? [{ key: keys[i], title: p.title }] : [])).slice(0, LATENCY_SAMPLE);
  const { hoverSeen, completionSeen } = await browserLatency(profile, workspaceNaming(file), cited);
  print([hoverSeen, completionSeen]);
  recordFigures({ hoverSeen, completionSeen });
  return 0;
}

/**
 * Packages the extension (`npm run package`), installs the `.vsix` into a clean extensions
 * folder with code-server's `--install-extension`, and runs test/host/vsix in a fresh profile.
 * The tests need an extension under development to be loaded at all, so a manifest-only
 * runner stands in for it; the extension tested is the installed one.
 */
async function runVsixSmokeTest(): Promise<number> {
  const vscode = process.env.LITERATURE_NOTES_VSCODE;
  if (vscode && vscode !== 'latest' && vscode !== 'oldest') throw new Error('--vsix runs in code-server: LITERATURE_NOTES_VSCODE may only be latest or oldest');
  const packaged = spawnSync('npm', ['run', '-s', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  if (packaged.status !== 0) return packaged.status ?? 1;
  const extensionsDir = tempDir('host-vsix-extensions-');
  await installVsix(path.join(repoRoot, 'dist/literature-notes.vsix'), extensionsDir);
  const runner = tempDir('host-vsix-runner-');
  const manifest = { name: 'vsix-smoke-runner', publisher: 'literature-notes-tests', version: '0.0.0', engines: { vscode: '*' } };
  writeFileSync(path.join(runner, 'package.json'), JSON.stringify(manifest, null, 2));
  return testsExitCode({
    vscodeExecutablePath: path.join(repoRoot, 'test/host/codeServer/launch'),
    extensionDevelopmentPath: runner,
    extensionTestsPath: path.join(suiteOut, 'index.js'),
    extensionTestsEnv: { LITERATURE_NOTES_VSIX_EXTENSIONS_DIR: extensionsDir, ...(grepPattern() ? { LITERATURE_NOTES_HOST_GREP: grepPattern() } : {}) },
    launchArgs: [workspaceCopy(), `--user-data-dir=${tempDir('host-profile-')}`, `--extensions-dir=${extensionsDir}`],
  });
}

/** Papers cited in the note that the browser session hovers and completes. */
const LATENCY_SAMPLE = 50;

/** Runs `entry` of the built suite in the extension host on `workspace`, with `profile` as its user data. */
async function runSession(entry: string, workspace: string, profile: string, env: Record<string, string | undefined>): Promise<number> {
  const vscode = process.env.LITERATURE_NOTES_VSCODE;
  const vscodeExecutablePath =
    vscode === 'desktop'
      ? undefined
      : vscode && vscode !== 'latest' && vscode !== 'oldest'
        ? path.resolve(vscode)
        : path.join(repoRoot, 'test/host/codeServer/launch');

  return testsExitCode({
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(suiteOut, entry),
    extensionTestsEnv: env,
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${profile}`],
  });
}

/** Runs the tests; their exit code, 0 when all passed. */
async function testsExitCode(options: Parameters<typeof runTests>[0]): Promise<number> {
  try {
    return await runTests(options);
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

/** An empty workspace whose settings name `library`, for the second benchmark session. */
function workspaceNaming(library: string): string {
  const folder = path.join(tempDir('host-bench-workspace-'), 'workspace');
  mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'literatureNotes.libraries': [library] }, null, 2));
  return folder;
}

/** `--<name> <value>` (or `--<name>=<value>`) on the command line. */
function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (at < 0) return undefined;
  return args[at].startsWith(`${name}=`) ? args[at].slice(name.length + 1) : args[at + 1];
}

/** `--grep <pattern>` (or `--grep=<pattern>`): run only matching tests. */
function grepPattern(): string | undefined {
  return argument('--grep');
}

function numberArgument(name: string): number | undefined {
  const value = argument(name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${name} takes a whole number, not ${value}`);
  return Number(value);
}

/** Bundles each suite file on its own, so index.js finds the `*.test.js` files beside it. */
async function buildSuite(): Promise<void> {
  // Emptied first: a test file deleted or renamed must not keep running from an earlier build.
  rmSync(suiteOut, { recursive: true, force: true });
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
