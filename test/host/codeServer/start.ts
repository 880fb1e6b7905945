/**
 * `npm start`: builds the extension and serves it, installed, in code-server over a copy of
 * seeds/sample-notes/ (edits stay out of the repository), and prints the address to open in a
 * browser. Runs until Ctrl-C; the copy and the profile are removed then.
 *
 *   npm start                   # sample notes, a free port
 *   npm start -- ~/notes        # your own notes folder, edited in place
 *   PORT=8080 npm start
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { linkExtension, startCodeServer, tempDir } from './codeServer';
import { repoRoot } from './install';

async function main(): Promise<void> {
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);

  const own = process.argv[2];
  if (own && !existsSync(own)) throw new Error(`no such folder: ${own}`);
  const notes = own ? path.resolve(own) : path.join(tempDir('literature-notes-'), 'sample-notes');
  if (!own) cpSync(path.join(repoRoot, 'seeds/sample-notes'), notes, { recursive: true });

  const extensionsDir = tempDir('literature-notes-extensions-');
  linkExtension(extensionsDir, repoRoot);
  const server = await startCodeServer({
    userDataDir: tempDir('literature-notes-profile-'),
    extensionsDir,
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
    // Problems while serving (an extension host crash, say) should be seen.
    onOutput: (line) => {
      if (/error|exited with code: [1-9]/i.test(line)) console.error(`[code-server] ${line}`);
    },
  });
  console.log(`\nLiterature Notes is running in code-server (VS Code 1.100) on ${own ? 'your notes' : 'a copy of the sample notes'}:`);
  console.log(`\n  ${server.workbenchUrl({ folder: notes })}\n`);
  console.log(`Notes folder: ${notes}${own ? '' : ' (removed on exit)'}`);
  console.log('After a rebuild (npm run build), run "Developer: Reload Window" to load it. Ctrl-C stops.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
