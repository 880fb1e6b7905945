/**
 * One place that runs the extension in a real VS Code without desktop VS Code: code-server
 * (VS Code 1.100, or the newest, serving its workbench over HTTP, extensions in a Node extension host) and
 * Debian's headless Chromium driven by playwright-core. Shared by the test launcher (`launch`),
 * `npm start` (start.ts) and `npm run screenshots` (screenshots.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chosenCodeServer, ensureCodeServer, type CodeServerRelease } from './install';

export interface CodeServerOptions {
  userDataDir: string;
  extensionsDir: string;
  /** Merged into `<userDataDir>/User/settings.json`, over quiet defaults. */
  settings?: Record<string, unknown>;
  /**
   * Merged into `<userDataDir>/Machine/settings.json`: settings of machine scope, which a remote
   * window such as code-server's reads only there (it ignores them in the user's settings).
   */
  machineSettings?: Record<string, unknown>;
  /** Receives each line code-server and its extension host print; default: dropped. */
  onOutput?: (line: string) => void;
  /** Default: a free port the OS picks. */
  port?: number;
  /** Default: the one `LITERATURE_NOTES_VSCODE` names (`latest`), else the oldest. */
  release?: CodeServerRelease;
  /**
   * Whether the workbench address will carry a development payload (an extension or tests under
   * development): newer workbenches read it only from a server started for it.
   */
  developmentPayload?: boolean;
}

export interface WorkbenchTarget {
  folder?: string;
  /** A file to open in an editor. */
  openFile?: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The workbench address that opens `target`: folder, file, extension under development, tests. */
  workbenchUrl(target: WorkbenchTarget): string;
  stop(): Promise<void>;
}

/** Settings that keep a fresh profile from greeting, nagging or phoning home. */
const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'git.enabled': false,
  // Newer VS Code (1.139) opens Chat in a secondary side bar and logs its agents' sign-in attempts.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  // Its worker fails to load in code-server's web workbench, with harmless but noisy errors.
  'workbench.editor.languageDetection': false,
};

const cleanups = new Set<() => void>();
let exitHooksInstalled = false;

/** Runs `cleanup` when this process exits or is interrupted, whatever the path out. */
export function onExit(cleanup: () => void): () => void {
  if (!exitHooksInstalled) {
    exitHooksInstalled = true;
    process.on('exit', runCleanups);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        runCleanups();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    }
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function runCleanups(): void {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Exiting anyway: the rest must still run.
    }
  }
}

/** A temporary folder removed on exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { node, entry, release } = await ensureCodeServer(options.release ?? chosenCodeServer());
  writeSettings(options.userDataDir, 'User', { ...quietSettings, ...options.settings });
  if (options.machineSettings) writeSettings(options.userDataDir, 'Machine', options.machineSettings);
  mkdirSync(options.extensionsDir, { recursive: true });
  // code-server keeps its config file, logs and heartbeat under XDG folders: keep them out of $HOME.
  const home = tempDir('code-server-');
  const config = path.join(home, 'config.yaml');
  writeFileSync(config, 'auth: none\n');
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    entry,
    ...['--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`],
    ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    ...['--user-data-dir', options.userDataDir, '--extensions-dir', options.extensionsDir],
    // Passed through to VS Code's server, whose web workbench then reads the payload again.
    ...(options.developmentPayload && release.payloadNeedsSmokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  // Its own process group, so that stopping it also stops its extension hosts and helpers.
  const child = spawn(node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      // No extension gallery (open-vsx): nothing is installed from it, and offline it logs errors.
      EXTENSIONS_GALLERY: '{}',
    },
  });
  const removeHook = onExit(() => killGroup(child, 'SIGKILL'));
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      options.onOutput?.(line);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitUntilServing(origin, exited);
  } catch (error) {
    killGroup(child, 'SIGKILL');
    throw new Error(`${(error as Error).message}\n${output.slice(-30).join('\n')}`, { cause: error });
  }

  return {
    origin,
    workbenchUrl: (target) => workbenchUrl(origin, target),
    async stop() {
      killGroup(child, 'SIGTERM');
      await Promise.race([exited, delay(3000)]);
      // Whatever of the group outlived code-server itself (an extension host winding down) goes too.
      killGroup(child, 'SIGKILL');
      removeHook();
    },
  };
}

/**
 * Installs a packaged extension into `extensionsDir` as a user would, with code-server's own
 * `--install-extension`: the `.vsix` is unpacked and indexed there, nothing is linked.
 */
export async function installVsix(vsix: string, extensionsDir: string, release: CodeServerRelease = chosenCodeServer()): Promise<void> {
  const { node, entry } = await ensureCodeServer(release);
  const home = tempDir('code-server-install-');
  const child = spawn(node, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(home, 'user'), '--install-extension', vsix], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config'), EXTENSIONS_GALLERY: '{}' },
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => output.push(line));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${output.join('\n')}`);
}

/**
 * Makes the extension at `extensionPath` an installed extension in `extensionsDir`, by a link,
 * so the workbench shows it as users see it (no "Extension Development Host") and the address
 * needs no payload. code-server indexes an extensions folder that has no index yet on start.
 */
export function linkExtension(extensionsDir: string, extensionPath: string): void {
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as Record<string, string>;
  mkdirSync(extensionsDir, { recursive: true });
  symlinkSync(path.resolve(extensionPath), path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

function workbenchUrl(origin: string, target: WorkbenchTarget): string {
  // The workbench reads files through the server: paths become vscode-remote URIs on it.
  const remote = (file: string) => `vscode-remote://${new URL(origin).host}${encodeURI(path.resolve(file))}`;
  const payload: [string, string][] = [];
  if (target.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  if (target.openFile) payload.push(['openFile', remote(target.openFile)]);
  const query = new URLSearchParams();
  if (target.folder) query.set('folder', path.resolve(target.folder));
  // A plain folder address when nothing more is asked, as a person would type it.
  if (payload.length > 0) query.set('payload', JSON.stringify([...payload, ['skipWelcome', 'true']]));
  return `${origin}/?${query.toString()}`;
}

function writeSettings(userDataDir: string, scope: 'User' | 'Machine', settings: Record<string, unknown>): void {
  const file = path.join(userDataDir, scope, 'settings.json');
  mkdirSync(path.dirname(file), { recursive: true });
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // Missing, or JSON with comments: ours replace it, as for a fresh profile.
  }
  writeFileSync(file, JSON.stringify({ ...existing, ...settings }, null, 2) + '\n');
}

async function waitUntilServing(origin: string, exited: Promise<number | null>): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`code-server exited with ${gone} before serving`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error('code-server did not answer on /healthz within 60 s');
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** A port nothing listens on now: the OS picks one for a throwaway listener. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Debian's Chromium (or $CHROMIUM_PATH); playwright's own browser downloads are not used. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      ...['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      ...['--disable-sync', '--no-first-run', '--disable-quic'],
    ],
  });
  // playwright closes its browser when node exits normally; a signal needs the hook.
  const browserProcess = (browser as unknown as { process?: () => ChildProcess }).process?.();
  onExit(() => browserProcess?.kill('SIGKILL'));
  return browser;
}

export interface WorkbenchOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /**
   * Receives the page's console messages, the extension host's console among them, with the
   * workbench's log level ('INFO', 'WARN', 'ERR'…; '' for unstyled messages).
   */
  onConsole?: (text: string, level: string) => void;
  /** Runs on the page before it loads the workbench, e.g. to expose functions to it. */
  beforeLoad?: (page: Page) => Promise<unknown>;
}

/** Opens `url` in a new page and waits for the workbench to be laid out. */
export async function openWorkbench(browser: Browser, url: string, options: WorkbenchOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  if (options.onConsole) {
    const forward = options.onConsole;
    page.on('console', (message) => {
      // Handles' previews: the values themselves for the strings and numbers logged here.
      const args = message.args().map(String);
      // Argument-less messages are the browser's own network notices (e.g. a 404 for an optional file).
      if (args.length > 0) {
        const { text, level } = consoleLine(args);
        forward(text, level);
      }
    });
    page.on('pageerror', (error) => forward(`page error: ${error.stack ?? error.message}`, 'ERR'));
  }
  await options.beforeLoad?.(page);
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return page;
}

/**
 * The workbench logs as `console.log('%c INFO', css, format, ...args)`, and the extension host's
 * console (mocha's reporter included) arrives the same way: drop the styling, apply the format.
 */
function consoleLine(args: string[]): { text: string; level: string } {
  const styled = /^%c\s*(\w+)$/.exec(args[0] ?? '');
  if (!styled) return { text: format(...args), level: '' };
  return { text: format(...args.slice(2)), level: styled[1] };
}
