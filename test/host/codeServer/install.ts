/**
 * Installs code-server (VS Code in a browser, with a Node extension host) into
 * `.vscode-test/code-server/`, a cache of the test tooling, so the host tests can run a real
 * VS Code where desktop VS Code cannot be downloaded. Idempotent: a finished install leaves a
 * marker naming its version, and a run with that marker present does nothing.
 *
 * Run alone: `node --import tsx test/host/codeServer/install.ts`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep that code-server's VS Code depends on, and the archive it fetches. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const installDir = path.join(repoRoot, '.vscode-test', 'code-server');
const marker = path.join(installDir, `installed-${CODE_SERVER_VERSION}`);
/** code-server's command line entry point, run with the current node. */
export const codeServerEntry = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export async function ensureCodeServer(): Promise<string> {
  if (existsSync(marker) && existsSync(codeServerEntry)) return codeServerEntry;
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20, not ${process.version}`);

  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, installDir)}/ (a minute or two)…`);
  const started = Date.now();
  // Start clean: a half-finished install (interrupted, or failed offline) must not count.
  rmSync(installDir, { recursive: true, force: true });
  const tmp = path.join(installDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  // Its own package.json makes this folder the npm project, apart from the extension's.
  writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ private: true, description: 'test tooling cache' }) + '\n');
  seedRipgrepCache(tmp);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Read by @vscode/ripgrep's postinstall: its download cache lives under os.tmpdir().
    TMPDIR: tmp,
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
  // Native modules build against the running node's own headers where it ships them (Debian,
  // NodeSource), since node-gyp cannot download headers offline.
  const headers = path.resolve(process.execPath, '../../include/node');
  if (!env.npm_config_nodedir && existsSync(path.join(headers, 'node.h'))) env.npm_config_nodedir = path.dirname(path.dirname(headers));
  // When run from `npm test`, npm's own settings for the extension must not steer this install.
  for (const key of ['npm_config_global', 'npm_config_prefix', 'npm_config_save', 'npm_config_package_lock']) delete env[key];
  const code = await run('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], installDir, env);
  if (code !== 0 || !existsSync(codeServerEntry)) {
    throw new Error(
      `npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}). It needs Node 20, g++, make, python3 and ` +
        "Debian's libkrb5-dev (apt-get install libkrb5-dev build-essential python3).",
    );
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(marker, new Date().toISOString() + '\n');
  console.log(`Installed code-server in ${Math.round((Date.now() - started) / 1000)} s.`);
  return codeServerEntry;
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
  ensureCodeServer().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
