/**
 * Takes the arguments VS Code would get from runTests (`--extensionDevelopmentPath=`,
 * `--extensionTestsPath=`, `--user-data-dir`, `--extensions-dir`, a folder or file to open, and
 * desktop-only flags, ignored), runs them in code-server with headless Chromium, prints the
 * extension host's output and exits with the tests' exit code.
 */
import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BRIDGE_VARIABLE, startBrowserBridge } from './browserBridge';
import { launchBrowser, openWorkbench, startCodeServer, tempDir, type WorkbenchTarget } from './codeServer';

const timeoutMs = Number(process.env.LITERATURE_NOTES_HOST_TIMEOUT_MS) || 10 * 60_000;

interface Arguments {
  target: WorkbenchTarget;
  userDataDir?: string;
  extensionsDir?: string;
}

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { target: {} };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const [flag, inline] = argument.startsWith('--') ? splitOnce(argument) : [undefined, argument];
    // These two may also be given as `--flag value`, as the VS Code CLI accepts.
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--extensionDevelopmentPath':
        parsed.target.extensionDevelopmentPath = value();
        break;
      case '--extensionTestsPath':
        parsed.target.extensionTestsPath = value();
        break;
      case '--user-data-dir':
        parsed.userDataDir = value();
        break;
      case '--extensions-dir':
        parsed.extensionsDir = value();
        break;
      case undefined: {
        const isFolder = statSync(argument, { throwIfNoEntry: false })?.isDirectory() ?? true;
        if (isFolder) parsed.target.folder = argument;
        else parsed.target.openFile = argument;
        break;
      }
      default:
      // Desktop flags (--no-sandbox, --disable-extensions, --skip-welcome…) mean nothing here.
    }
  }
  return parsed;
}

function splitOnce(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals < 0 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (!args.target.extensionTestsPath) throw new Error('launch runs extension tests: --extensionTestsPath= is missing');
  const serverLog: string[] = [];
  // The tests reach the page through the bridge: code-server, and so the extension host, inherit its address.
  let page: Page | undefined;
  const bridge = await startBrowserBridge(() => page);
  process.env[BRIDGE_VARIABLE] = bridge.url;
  const server = await startCodeServer({
    userDataDir: args.userDataDir ?? tempDir('host-user-'),
    extensionsDir: args.extensionsDir ?? tempDir('host-extensions-'),
    // code-server's log, with the extension host's own stdout and stderr: shown when tests fail.
    onOutput: (line) => serverLog.push(line),
    developmentPayload: true,
    // Otherwise the walkthrough opens in the first window, taking the editor the tests use; the
    // `.vsix` smoke test (LITERATURE_NOTES_VSIX_EXTENSIONS_DIR) checks that it opens.
    machineSettings: { 'workbench.welcomePage.walkthroughs.openOnInstall': Boolean(process.env.LITERATURE_NOTES_VSIX_EXTENSIONS_DIR) },
  });
  let timer: NodeJS.Timeout | undefined;
  let code = 1;
  const browser = await launchBrowser();
  try {
    code = await new Promise<number>((resolve, reject) => {
      timer = setTimeout(() => {
        console.log(`\nThe extension tests did not finish within ${timeoutMs / 1000} s.`);
        resolve(124);
      }, timeoutMs);
      openWorkbench(browser, server.workbenchUrl(args.target), {
        // The extension host's console: mocha's report, and any errors. All to stdout, since runTests
        // pipes stdout and stderr apart and would shuffle their lines.
        onConsole: (text, level) => console.log(level === 'INFO' || level === '' ? text : `${level} ${text}`),
        // The workbench calls this when the tests end, with their exit code.
        beforeLoad: (loading) => loading.exposeFunction('codeAutomationExit', (exitCode: number) => resolve(exitCode)),
      }).then((opened) => {
        page = opened;
        opened.on('crash', () => reject(new Error('the workbench page crashed')));
        opened.on('close', () => reject(new Error('the workbench page closed before the tests ended')));
      }, reject);
    });
    return code;
  } finally {
    clearTimeout(timer);
    if (code !== 0 || process.env.LITERATURE_NOTES_HOST_VERBOSE) {
      console.log(['', '--- code-server log ---', ...serverLog, '--- end of code-server log ---'].join('\n'));
    }
    await browser.close().catch(() => undefined);
    await server.stop();
    await bridge.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
