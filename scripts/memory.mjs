// Resident memory of the language server (issue 14), over stdio, started as the VS Code
// client starts it (SERVER_PROCESS: V8 flags and environment). Prints figures; asserts nothing.
//   node scripts/memory.mjs [--server path/to/server.js]
// (a) 150 large Dockerfiles (40-100 KB each) opened, then all closed: RSS with them open and
//     a few seconds after the last close;
// (b) 400 edits inside a 43 KB heredoc RUN, each linted: RSS afterwards.
// Needs out/ and dist/. scripts/bench.mjs runs it as one of its sections (`measureMemory`).
import * as path from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';
import { startServer } from './serverSession.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lsp = require('vscode-languageserver-protocol/node');

const LARGE_DOCUMENTS = 150;
const HEREDOC_EDITS = 400;
/** How long the server is left alone before RSS is read (it may collect garbage when idle). */
const SETTLE_MS = 4000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startInitialized(server) {
  const session = startServer(server);
  await session.initialize();
  return session;
}

/** Large Dockerfiles of varied content: generated Dockerfiles one after another, 40-100 KB in all. */
function largeDockerfiles(count) {
  const { generateDockerfile, randomSource } = require(path.join(root, 'out/test/support/generateDockerfiles.js'));
  const random = randomSource(14);
  const documents = [];
  for (let i = 0; i < count; i++) {
    const size = 40_000 + Math.floor(random() * 60_000);
    let text = '';
    while (text.length < size) text += `${generateDockerfile(random)}\n`;
    documents.push(text);
  }
  return documents;
}

/** A Dockerfile whose one RUN is a heredoc script of about 43 KB, and the line range of that script. */
function heredocDockerfile() {
  const commands = [
    (i) => `echo "step ${i}: preparing the build tree" >> /var/log/build.log`,
    (i) => `mkdir -p /opt/app/module${i} && cp -r /src/module${i}/. /opt/app/module${i}/`,
    (i) => `if [ -f /opt/app/module${i}/setup.sh ]; then sh /opt/app/module${i}/setup.sh; fi`,
    (i) => `for f in /opt/app/module${i}/*.conf; do sed -i 's/debug/info/' "$f"; done`,
    (i) => `chmod 0755 /opt/app/module${i}/bin/* || true`,
  ];
  const lines = [];
  for (let i = 0; lines.join('\n').length < 43_000; i++) lines.push(commands[i % commands.length](i));
  const header = ['FROM debian:12', 'RUN <<EOF', 'set -eux'];
  const text = [...header, ...lines, 'EOF', 'USER nobody', ''].join('\n');
  return { text, firstLine: header.length, lineCount: lines.length };
}

/** Runs both scenarios against `server` (a dist/server.js); returns { label, mb, targetMb } rows (targetMb: issue 14's, where it set one). */
export async function measureMemory(server = path.join(root, 'dist/server.js'), progress = () => {}) {
  const rows = [];
  progress(`memory (a): ${LARGE_DOCUMENTS} large Dockerfiles opened, then closed`);
  {
    const session = await startInitialized(server);
    await session.open('file:///memory/start/Dockerfile', 'FROM alpine:3.20\nUSER nobody\n');
    await sleep(SETTLE_MS);
    rows.push(['resident memory after start (1 small document)', session.rss()]);
    const documents = largeDockerfiles(LARGE_DOCUMENTS);
    const uris = documents.map((_, i) => `file:///memory/large/${i}/Dockerfile`);
    const total = documents.reduce((sum, text) => sum + text.length, 0);
    for (let i = 0; i < documents.length; i++) await session.open(uris[i], documents[i]);
    rows.push([
      `resident memory with ${LARGE_DOCUMENTS} large Dockerfiles open (${(total / 1e6).toFixed(1)} MB of text)`,
      session.rss(),
    ]);
    const cleared = uris.map((uri) => session.diagnostics(uri));
    for (const uri of uris)
      await session.connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await Promise.all(cleared);
    await sleep(SETTLE_MS);
    rows.push([`resident memory ${SETTLE_MS / 1000} s after closing them`, session.rss(), 100]);
    await session.stop();
  }
  progress(`memory (b): ${HEREDOC_EDITS} edits inside a 43 KB heredoc RUN`);
  {
    const session = await startInitialized(server);
    const uri = 'file:///memory/heredoc/Dockerfile';
    const { text, firstLine, lineCount } = heredocDockerfile();
    await session.open(uri, text);
    await sleep(SETTLE_MS);
    rows.push([
      `resident memory with the ${(text.length / 1000).toFixed(0)} KB heredoc Dockerfile open`,
      session.rss(),
    ]);
    // Each edit types one character at the start of a script line and waits for its diagnostics, so every version is linted.
    for (let version = 2; version <= HEREDOC_EDITS + 1; version++) {
      const line = firstLine + ((version * 37) % lineCount);
      const published = session.diagnostics(uri, version);
      await session.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }],
      });
      await published;
    }
    await sleep(SETTLE_MS);
    rows.push([`resident memory after ${HEREDOC_EDITS} edits, ${SETTLE_MS / 1000} s later`, session.rss(), 100]);
    await session.stop();
  }
  return rows.map(([label, mb, targetMb = null]) => ({ label, mb, targetMb }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const index = process.argv.indexOf('--server');
  const server = index > 0 ? path.resolve(process.argv[index + 1]) : path.join(root, 'dist/server.js');
  const rows = await measureMemory(server, (message) => process.stderr.write(`… ${message}\n`));
  console.log(`Language server memory (${path.relative(process.cwd(), server) || server}, node ${process.version})`);
  for (const { label, mb, targetMb } of rows)
    console.log(
      `  ${label.padEnd(72)} ${`${mb.toFixed(0)} MB`.padStart(7)}${targetMb ? `  (target < ${targetMb} MB)` : ''}`,
    );
}
