/**
 * Installs code-server (VS Code in a browser, with a Node extension host) into `.vscode-test/`,
 * a cache of the test tooling, so the host tests can run a real VS Code where desktop VS Code
 * cannot be downloaded. Two are known: the oldest VS Code `engines.vscode` allows, and the newest
 * code-server on npm, which runs on a Node of its own (from npm too). Idempotent: a finished
 * install leaves a marker naming its version, and a run with that marker present does nothing.
 *
 * Run alone: `node --import tsx test/host/codeServer/install.ts [oldest|latest]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which VS Code the host tests run in: `LITERATURE_NOTES_VSCODE=latest` (or `--vscode latest`) picks the newest. */
export type CodeServerChoice = 'oldest' | 'latest';

export interface CodeServerRelease {
  readonly choice: CodeServerChoice;
  /** code-server's version on npm; its VS Code has the same minor and patch (4.100.3 is VS Code 1.100.3). */
  readonly version: string;
  /** The folder under `.vscode-test/` it is installed in. */
  readonly folder: string;
  /** The major version of the Node it needs; undefined: the Node running the tests (20). */
  readonly nodeMajor?: number;
  /**
   * Whether its workbench reads the development `payload` of the address (extension and tests
   * under development) only when the server runs with `enable-smoke-test-driver`: VS Code 1.10x
   * reads it always; newer ones only then, since a built workbench otherwise ignores it.
   */
  readonly payloadNeedsSmokeTestDriver: boolean;
}

export const CODE_SERVERS: Record<CodeServerChoice, CodeServerRelease> = {
  oldest: { choice: 'oldest', version: '4.100.3', folder: 'code-server', payloadNeedsSmokeTestDriver: false },
  latest: { choice: 'latest', version: '4.139.1', folder: 'code-server-4.139.1', nodeMajor: 24, payloadNeedsSmokeTestDriver: true },
};

/** The code-server that `LITERATURE_NOTES_VSCODE` asks for: the newest for `latest`, else the oldest. */
export function chosenCodeServer(env: NodeJS.ProcessEnv = process.env): CodeServerRelease {
  return env.LITERATURE_NOTES_VSCODE === 'latest' ? CODE_SERVERS.latest : CODE_SERVERS.oldest;
}

/** The oldest code-server's version, as the docs and the screenshots name it. */
export const CODE_SERVER_VERSION = CODE_SERVERS.oldest.version;
/** The @vscode/ripgrep that code-server 4.100's VS Code depends on, and the archive it fetches. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const toolingDir = path.join(repoRoot, '.vscode-test');

/** What starts an installed code-server: the Node to run and its command line entry point. */
export interface InstalledCodeServer {
  readonly node: string;
  readonly entry: string;
  readonly release: CodeServerRelease;
}

function installDir(release: CodeServerRelease): string {
  return path.join(toolingDir, release.folder);
}

/** The folder npm puts `node-<platform>-<arch>` in, holding `bin/node` and `include/node`. */
function nodeDir(major: number): string {
  return path.join(toolingDir, `node-${major}`, 'node_modules', `node-${process.platform}-${process.arch}`);
}

export async function ensureCodeServer(release: CodeServerRelease = chosenCodeServer()): Promise<InstalledCodeServer> {
  const dir = installDir(release);
  const marker = path.join(dir, `installed-${release.version}`);
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const node = release.nodeMajor === undefined ? process.execPath : path.join(nodeDir(release.nodeMajor), 'bin', 'node');
  if (existsSync(marker) && existsSync(entry) && existsSync(node)) return { node, entry, release };
  if (release.nodeMajor === undefined) {
    const major = Number(process.versions.node.split('.')[0]);
    if (major !== 20) throw new Error(`code-server ${release.version} needs Node 20, not ${process.version}`);
  } else {
    await ensureNode(release.nodeMajor);
  }

  console.log(`Installing code-server ${release.version} into ${path.relative(repoRoot, dir)}/ (a minute or two)…`);
  const started = Date.now();
  // Start clean: a half-finished install (interrupted, or failed offline) must not count.
  rmSync(dir, { recursive: true, force: true });
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  // Its own package.json makes this folder the npm project, apart from the extension's.
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, description: 'test tooling cache' }) + '\n');
  // VS Code 1.139 takes its rg from @vscode/ripgrep-universal, which ships it; 1.100 downloads it.
  if (release.nodeMajor === undefined) seedRipgrepCache(tmp);

  const env = toolingEnv({ TMPDIR: tmp });
  if (release.nodeMajor !== undefined) {
    // npm and the install scripts run on the Node code-server will run on; postinstall reads
    // its major from npm's user agent, so the outer npm's (Node 20) must not be passed down.
    const own = nodeDir(release.nodeMajor);
    env.PATH = `${path.join(own, 'bin')}${path.delimiter}${env.PATH ?? ''}`;
    env.npm_config_nodedir = own;
    for (const key of ['npm_config_user_agent', 'npm_execpath', 'npm_node_execpath']) delete env[key];
  } else {
    // Native modules build against the running node's own headers where it ships them (Debian,
    // NodeSource), since node-gyp cannot download headers offline.
    const headers = path.resolve(process.execPath, '../../include/node');
    if (!env.npm_config_nodedir && existsSync(path.join(headers, 'node.h'))) env.npm_config_nodedir = path.dirname(path.dirname(headers));
  }
  const code = await run('npm', ['install', '--no-save', '--no-package-lock', `code-server@${release.version}`], dir, env);
  if (code !== 0 || !existsSync(entry)) {
    throw new Error(
      `npm install code-server@${release.version} failed (exit ${code}). It needs Node ${release.nodeMajor ?? 20}, g++, make, python3 and ` +
        "Debian's libkrb5-dev (apt-get install libkrb5-dev build-essential python3).",
    );
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(marker, new Date().toISOString() + '\n');
  console.log(`Installed code-server ${release.version} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { node, entry, release };
}

/**
 * Node `major` from npm's `node-<platform>-<arch>` package, in a folder of its own: a second
 * `npm install --no-save` in code-server's folder would prune it.
 */
async function ensureNode(major: number): Promise<void> {
  if (existsSync(path.join(nodeDir(major), 'bin', 'node'))) return;
  const folder = path.join(toolingDir, `node-${major}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ private: true, description: 'test tooling cache' }) + '\n');
  const code = await run('npm', ['install', '--no-save', '--no-package-lock', `node-${process.platform}-${process.arch}@${major}`], folder, toolingEnv({}));
  if (code !== 0) throw new Error(`npm install node-${process.platform}-${process.arch}@${major} failed (exit ${code})`);
}

/** npm's environment for a tooling install: scripts allowed, nothing of the extension's own npm settings. */
function toolingEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extra,
    // As root npm runs install scripts as nobody unless told; code-server's postinstall insists.
    npm_config_unsafe_perm: 'true',
    // node-pty's install script runs `npx node-gyp`, which would otherwise wait for a "yes".
    npm_config_yes: 'true',
    // npm 11 skips dependency install scripts unless approved, and code-server's postinstall runs
    // further `npm install`s (in lib/vscode) whose package.json cannot carry an `allowScripts`
    // approval; npm rejects `allow-scripts` from the environment in project installs, so this
    // pinned, isolated tooling install lets every script run. Older npm ignores the setting.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // When run from `npm test`, npm's own settings for the extension must not steer this install.
  for (const key of ['npm_config_global', 'npm_config_prefix', 'npm_config_save', 'npm_config_package_lock']) delete env[key];
  return env;
}

/**
 * @vscode/ripgrep downloads its binary from GitHub at install time, which fails offline. It uses
 * `$TMPDIR/vscode-ripgrep-cache-<version>/<asset>` instead when present, untarring it and
 * expecting `rg` at the archive's root; so a local `rg` (Debian's ripgrep 13, the same version) is
 * packed there. Without a local `rg` the normal download happens.
 */
function seedRipgrepCache(tmp: string): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') return;
  const which = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  const rg = which.stdout.trim();
  if (which.status !== 0 || !rg) return;
  const cache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cache, { recursive: true });
  const tar = spawnSync('tar', ['-czf', path.join(cache, RIPGREP_ASSET), '-C', path.dirname(rg), path.basename(rg)], { stdio: 'inherit' });
  if (tar.status !== 0) throw new Error(`could not pack ${rg} for @vscode/ripgrep`);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const choice = process.argv[2] === 'latest' ? CODE_SERVERS.latest : CODE_SERVERS.oldest;
  ensureCodeServer(choice).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
