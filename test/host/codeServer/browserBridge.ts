/**
 * What the host tests ask of the browser page their workbench runs in: the test launcher serves
 * these requests on a local address (`LITERATURE_NOTES_BROWSER_BRIDGE`), so a test in the
 * extension host can press real keys, size the window and read the real DOM (the workbench's, or
 * the Abstract panel's inside its webview frames), which VS Code's API does not reach.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Frame, Page } from 'playwright-core';

export type BrowserRequest =
  /** A key or chord as playwright names it (`Tab`, `Shift+Tab`, `Enter`, ` `), to whatever has focus. */
  | { op: 'press'; key: string }
  | { op: 'viewport'; width: number; height: number }
  /**
   * Calls the function whose source is `script` in the workbench page, or in the frame of the
   * Abstract panel's page, and answers with what it returns (JSON).
   */
  | { op: 'evaluate'; in: 'workbench' | 'panel'; script: string };

/** The environment variable that tells the extension host where the bridge listens. */
export const BRIDGE_VARIABLE = 'LITERATURE_NOTES_BROWSER_BRIDGE';

/** A marker only the Abstract panel's page has (panelHtml.ts): its root, live for screen readers. */
const PANEL_ROOT = 'main#root[aria-live]';

export interface BrowserBridge {
  /** `http://127.0.0.1:PORT/<token>`: the token keeps other local processes from driving the page. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `BrowserRequest`s on `page()`, once there is one. */
export async function startBrowserBridge(page: () => Page | undefined): Promise<BrowserBridge> {
  const token = randomBytes(12).toString('hex');
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body ?? null));
      };
      const current = page();
      if (request.url !== `/${token}` || request.method !== 'POST') return answer(404, { error: 'not found' });
      if (!current) return answer(503, { error: 'the workbench page is not open yet' });
      let parsed: BrowserRequest;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BrowserRequest;
      } catch {
        return answer(400, { error: 'not JSON' });
      }
      serve(current, parsed).then(
        (result) => answer(200, { result }),
        (error: unknown) => answer(500, { error: error instanceof Error ? error.message : String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('the browser bridge has no port');
  return {
    url: `http://127.0.0.1:${address.port}/${token}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function serve(page: Page, request: BrowserRequest): Promise<unknown> {
  switch (request.op) {
    case 'press':
      await page.keyboard.press(request.key);
      return null;
    case 'viewport':
      await page.setViewportSize({ width: request.width, height: request.height });
      return null;
    case 'evaluate': {
      const frame = request.in === 'workbench' ? page.mainFrame() : await panelFrame(page);
      return frame.evaluate(`(${request.script})()`);
    }
    default:
      throw new Error(`unknown request ${JSON.stringify(request)}`);
  }
}

/** The frame holding the Abstract panel's page: a webview is a frame in a frame of the workbench. */
async function panelFrame(page: Page): Promise<Frame> {
  const found: Frame[] = [];
  for (const frame of page.frames()) {
    const isPanel = await frame.evaluate(`document.querySelector(${JSON.stringify(PANEL_ROOT)}) !== null`).catch(() => false);
    if (isPanel) found.push(frame);
  }
  if (found.length !== 1) throw new Error(`${found.length} Abstract panel frames in the page, not one`);
  return found[0];
}
