/**
 * The host tests' hold on the browser page their workbench runs in, through the test launcher's
 * bridge (test/host/codeServer/browserBridge.ts): real key presses, the window's size, and the
 * DOM of the workbench and of the Abstract panel. Absent in desktop VS Code, where tests that need
 * it are skipped.
 */
import { BRIDGE_VARIABLE, type BrowserRequest } from '../codeServer/browserBridge';

export interface Browser {
  press(key: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Calls the function `script` (its source: it runs in the page, apart from this file) in the panel's page. */
  inPanel<T>(script: string): Promise<T>;
  /** ... or in the workbench's page. */
  inWorkbench<T>(script: string): Promise<T>;
}

/** The bridge, when the tests run in code-server through the launcher. */
export function browser(): Browser | undefined {
  const url = process.env[BRIDGE_VARIABLE];
  if (!url) return undefined;
  const ask = async (request: BrowserRequest): Promise<unknown> => {
    // The page may still be loading when the first test asks: the bridge says so with 503.
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, { method: 'POST', body: JSON.stringify(request) });
      const body = (await response.json()) as { result?: unknown; error?: string };
      if (response.ok) return body.result;
      if (response.status !== 503 || attempt >= 50) throw new Error(`browser ${request.op}: ${body.error ?? response.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    press: async (key) => void (await ask({ op: 'press', key })),
    setViewport: async (width, height) => void (await ask({ op: 'viewport', width, height })),
    inPanel: async <T>(script: string) => (await ask({ op: 'evaluate', in: 'panel', script })) as T,
    inWorkbench: async <T>(script: string) => (await ask({ op: 'evaluate', in: 'workbench', script })) as T,
  };
}
