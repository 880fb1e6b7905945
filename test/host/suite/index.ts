/**
 * The mocha entry point VS Code loads in the extension host (`--extensionTestsPath`): runs every
 * `*.test.js` built beside this file and rejects when any test fails, which sets the exit code.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 20_000,
    // The extension host's output is not a terminal: colour codes would only clutter CI logs.
    color: false,
    reporter: 'spec',
  });
  // `npm run test:host -- --grep <pattern>` runs only the matching tests.
  const grep = process.env.LITERATURE_NOTES_HOST_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    if (files.length === 0) return reject(new Error(`no *.test.js files in ${__dirname}`));
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
