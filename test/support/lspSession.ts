/**
 * A language server session for protocol tests: dist/server.js over stdio (or Node IPC), every
 * published diagnostic recorded, stderr kept (to check what the server logged),
 * and `window/logMessage` lines collected.
 */
import { ChildProcess, fork, spawn } from 'child_process';
import * as path from 'path';
import {
  createProtocolConnection,
  Diagnostic,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

export interface LspSession {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** Every publishDiagnostics, in arrival order, with the time it arrived. */
  published: (PublishDiagnosticsParams & { at: number })[];
  /** Messages the server logged (window/logMessage), and what it wrote on stderr. */
  logs: string[];
  stderr(): string;
  /** The next publishDiagnostics for `uri` that satisfies `accept` (arriving from now on). */
  next(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** The diagnostics of the next publish for `uri` (for `version`, when given). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  /** Opens a document at version 1 and resolves with its first diagnostics. */
  open(uri: string, languageId: string, text: string): Promise<Diagnostic[]>;
  initialize(settings?: unknown): Promise<void>;
  stop(): Promise<void>;
}

/** `processSettings`: the Node options and environment to start it with (the benchmark passes the client's). */
export function startServer(
  processSettings: { execArgv: string[]; env: Record<string, string> } = { execArgv: [], env: {} },
  transport: 'stdio' | 'ipc' = 'stdio',
): LspSession {
  const env = { ...process.env, ...processSettings.env };
  const child =
    transport === 'stdio'
      ? spawn(process.execPath, [...processSettings.execArgv, SERVER, '--stdio'], { stdio: 'pipe', env })
      : fork(SERVER, ['--node-ipc'], { execArgv: processSettings.execArgv, env, silent: true });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const connection =
    transport === 'stdio'
      ? createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
      : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published: LspSession['published'] = [];
  const logs: string[] = [];
  const waiting: {
    uri: string;
    accept: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push({ ...params, at: Date.now() });
    const index = waiting.findIndex((w) => w.uri === params.uri && w.accept(params));
    if (index >= 0) waiting.splice(index, 1)[0].resolve(params);
  });
  connection.onNotification(LogMessageNotification.type, (params) => logs.push(params.message));
  connection.listen();
  const session: LspSession = {
    connection,
    child,
    published,
    logs,
    stderr: () => stderr,
    next: (uri, accept = () => true) => new Promise((resolve) => waiting.push({ uri, accept, resolve })),
    diagnostics: (uri, version) =>
      session.next(uri, (p) => version === undefined || p.version === version).then((p) => p.diagnostics),
    async open(uri, languageId, text) {
      const published = session.diagnostics(uri, 1);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text },
      });
      return published;
    },
    async initialize(settings = { shellcheck: { enable: false } }) {
      await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: { docsBaseUri: 'https://example.test/rules', settings },
      });
      await connection.sendNotification(InitializedNotification.type, {});
    },
    async stop() {
      if (child.exitCode === null) {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      }
      connection.dispose();
    },
  };
  return session;
}
