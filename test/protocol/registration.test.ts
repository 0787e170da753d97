/**
 * What the server asks a client to register after `initialized`, over stdio: only what the client said it
 * can register, and a client that answers a registration with an error (Emacs's Eglot 1.9 does, for
 * configuration changes) leaves the server running.
 */
import * as assert from 'assert';
import {
  ConfigurationRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  RegistrationParams,
  RegistrationRequest,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { LspSession, startServer } from '../support/lspSession';

const DOCKERFILE = 'FROM ubuntu:24.04\nMAINTAINER me\n';

describe('language server registrations (stdio)', function () {
  this.timeout(60000);
  let session: LspSession | undefined;
  afterEach(async () => {
    await session?.stop();
    session = undefined;
  });

  /** A session whose client announces `workspace` capabilities and answers registrations with `answer`. */
  async function withClient(
    workspace: Record<string, unknown>,
    answer: (params: RegistrationParams) => void,
  ): Promise<{ session: LspSession; registered: string[] }> {
    const started = startServer();
    const registered: string[] = [];
    started.connection.onRequest(RegistrationRequest.type, (params) => {
      registered.push(...params.registrations.map((r) => r.method));
      answer(params);
    });
    started.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map(() => ({ rules: { 'maintainer-deprecated': 'error' } })),
    );
    await started.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace },
    });
    await started.connection.sendNotification(InitializedNotification.type, {});
    // The registrations go out right after `initialized`; a lint round trip later they have been answered.
    await started.open('file:///w/first/Dockerfile', 'dockerfile', DOCKERFILE);
    return { session: started, registered };
  }

  it('registers configuration changes and file watchers when the client can register both', async () => {
    const client = await withClient(
      {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
      () => undefined,
    );
    session = client.session;
    assert.deepStrictEqual(client.registered.sort(), [
      'workspace/didChangeConfiguration',
      'workspace/didChangeWatchedFiles',
    ]);
  });

  it('registers no configuration changes for a client that cannot register them (as Eglot)', async () => {
    const client = await withClient(
      { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      () => undefined,
    );
    session = client.session;
    assert.deepStrictEqual(client.registered, ['workspace/didChangeWatchedFiles']);
  });

  it('keeps running, and says so in its log, when the client refuses a registration', async () => {
    const client = await withClient(
      {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
      () => {
        throw new ResponseError(-32603, 'unsupported capability');
      },
    );
    session = client.session;
    assert.strictEqual(client.registered.length, 2);
    // Still linting, with the settings the client answers workspace/configuration with.
    const diagnostics = await session.open('file:///w/second/Dockerfile', 'dockerfile', DOCKERFILE);
    const maintainer = diagnostics.find((d) => d.code === 'maintainer-deprecated');
    assert.strictEqual(maintainer?.severity, 1, JSON.stringify(diagnostics));
    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///w/second/Dockerfile' },
      position: { line: 1, character: 2 },
    });
    assert.ok(hover, 'answers requests');
    assert.strictEqual(session.child.exitCode, null, 'the process is alive');
    assert.ok(
      session.logs.some((l) => /did not register configuration changes: unsupported capability/.test(l)),
      session.logs.join('\n'),
    );
    assert.doesNotMatch(session.stderr(), /ResponseError|unhandled/i);
  });
});
