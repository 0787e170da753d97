// The language server as the benchmarks drive it: dist/server.js over stdio, started as the
// VS Code client starts it (SERVER_PROCESS: V8 flags and environment), so the figures, memory
// above all, are those of the process users get. Used by bench.mjs and memory.mjs.
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lsp = require('vscode-languageserver-protocol/node');

/** Resident memory of a process, in MB. */
export function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Starts the server (not yet initialized): the last diagnostics of each document, and a wait for the next. */
export function startServer(server = path.join(root, 'dist/server.js')) {
  const { SERVER_PROCESS } = require(path.join(root, 'out/server/src/protocol/serverProcess.js'));
  const started = Number(process.hrtime.bigint()) / 1e6;
  const child = spawn(process.execPath, [...SERVER_PROCESS.execArgv, server, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...SERVER_PROCESS.env },
  });
  const connection = lsp.createProtocolConnection(
    new lsp.StreamMessageReader(child.stdout),
    new lsp.StreamMessageWriter(child.stdin),
  );
  const waiting = [];
  const last = new Map();
  connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
    last.set(params.uri, params.diagnostics);
    const index = waiting.findIndex(
      (w) => w.uri === params.uri && (w.version === undefined || w.version === params.version),
    );
    if (index >= 0) waiting.splice(index, 1)[0].resolve(params.diagnostics);
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.listen();
  const session = {
    started,
    child,
    connection,
    last,
    rss: () => rssOf(child.pid),
    diagnostics: (uri, version) => new Promise((resolve) => waiting.push({ uri, version, resolve })),
    /** Initializes it with ShellCheck off: the figures are the server's, not an external tool's. */
    async initialize() {
      const { DEFAULT_SETTINGS } = require(path.join(root, 'out/server/src/protocol.js'));
      await connection.sendRequest(lsp.InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: { settings: { ...DEFAULT_SETTINGS, shellcheck: { enable: false, path: 'shellcheck' } } },
      });
      await connection.sendNotification(lsp.InitializedNotification.type, {});
    },
    async open(uri, text, version = 1) {
      const published = session.diagnostics(uri, version);
      await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version, text },
      });
      return published;
    },
    async stop() {
      await connection.sendRequest(lsp.ShutdownRequest.type);
      await connection.sendNotification(lsp.ExitNotification.type);
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      connection.dispose();
    },
  };
  return session;
}
