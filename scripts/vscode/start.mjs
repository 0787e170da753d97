#!/usr/bin/env node
// Starts a real VS Code (code-server) with a .vsix installed, for trying the
// extension by hand in a browser.
//
//   node scripts/vscode/start.mjs --vsix <file.vsix> --workspace <folder> [--port N]
//
// The .vsix is (re)installed into <repo>/.vscode-test/start-extensions each
// time; user data (settings, UI state) lives in .vscode-test/start-user-data.
// The editor opens a fresh copy of <folder> in .vscode-test/start-workspace/,
// never <folder> itself: quick fixes saved by auto-save change the copy, and the
// repository's tracked files (which the tests read) stay as they are.
// Listens on 127.0.0.1 only. Ctrl-C stops it.

import fs from 'node:fs';
import path from 'node:path';
import { commandLine, ensureSetup, installVsix, scratchCopy, startCodeServer, CACHE_DIR } from './lib.mjs';

const USAGE = 'usage: node scripts/vscode/start.mjs --vsix <file.vsix> --workspace <folder> [--port N] [--verbose]';

function fail(msg) {
  console.error(`[start] ${msg}`);
  process.exit(2);
}

const opts = commandLine(
  {
    vsix: { type: 'string' },
    workspace: { type: 'string' },
    port: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
  USAGE,
  fail,
);
if (!opts.vsix || !opts.workspace) fail(USAGE);
const vsix = path.resolve(opts.vsix);
const source = path.resolve(opts.workspace);
if (!fs.existsSync(vsix)) fail(`no such .vsix: ${vsix}`);
if (!fs.statSync(source, { throwIfNoEntry: false })?.isDirectory()) fail(`workspace is not a folder: ${source}`);
const port = opts.port ? Number(opts.port) : undefined;
if (opts.port && !(Number.isInteger(port) && port > 0 && port < 65536)) fail(`bad --port: ${opts.port}`);

await ensureSetup();
const extensionsDir = path.join(CACHE_DIR, 'start-extensions');
const userDataDir = path.join(CACHE_DIR, 'start-user-data');
fs.rmSync(extensionsDir, { recursive: true, force: true });
fs.mkdirSync(userDataDir, { recursive: true });
const installed = installVsix(vsix, extensionsDir, { userDataDir });
console.error(`[start] installed ${path.basename(vsix)} -> ${installed ?? extensionsDir}`);
const workspace = scratchCopy(source, path.join(CACHE_DIR, 'start-workspace'));

let server;
try {
  server = await startCodeServer({
    workspace,
    extensionsDir,
    userDataDir,
    port,
    onOutput: opts.verbose ? (l) => console.error(`[code-server] ${l}`) : undefined,
  });
} catch (e) {
  fail(e.message);
}

const url = server.workbenchUrl();
const bar = '='.repeat(Math.min(100, url.length + 4));
console.log(
  `\n${bar}\n  VS Code (code-server) is running with ${path.basename(vsix)}:\n\n  ${url}\n\n` +
    `  It opens a copy of ${path.relative(process.cwd(), source) || source}/, made afresh at each start:\n  ${workspace}\n` +
    `  Edits and quick fixes change the copy only.\n\n  Ctrl-C to stop.\n${bar}\n`,
);

let stopping = false;
async function shutdown(sig) {
  if (stopping) return;
  stopping = true;
  console.error(`[start] ${sig}: stopping code-server...`);
  await server.stop();
  console.error('[start] stopped');
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
server.exited.then((e) => {
  if (stopping) return;
  console.error(
    `[start] code-server exited on its own (${JSON.stringify(e)}):\n${server.output().split('\n').slice(-30).join('\n')}`,
  );
  process.exit(1);
});
