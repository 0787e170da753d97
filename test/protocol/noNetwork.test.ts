/**
 * No network (issue 8, security and privacy): a full lint of every fixture
 * with the editing features in-process, the CLI and the language server (in
 * child processes preloaded with test/support/noNetwork) run with every socket
 * and name lookup forbidden.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import {
  CodeAction,
  CodeActionRequest,
  CompletionRequest,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { pathToFileURL } from 'url';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DockerCoachService } from '../../server/src/service/languageService';
import { fixtureInputs } from '../support/fuzz';
import { docOf } from '../support/lint';
import { startServer } from '../support/lspSession';
import { forbidNetwork, NETWORK_EXIT_CODE } from '../support/noNetwork';

const root = path.resolve(__dirname, '../../..');
const PRELOAD = path.resolve(__dirname, '../support/noNetwork.js');
const env = { ...process.env, DOCKER_COACH_FORBID_NETWORK: 'exit', NO_COLOR: '1' };

describe('no network access', function () {
  this.timeout(120000);

  it('the service lints every fixture and answers editing requests without a socket', () => {
    const used: string[] = [];
    const restore = forbidNetwork((what) => {
      used.push(what);
      throw new Error(`network use: ${what}`);
    });
    try {
      const service = new DockerCoachService({ docsBaseUri: 'file:///docs' });
      for (const input of fixtureInputs(root)) {
        const document = docOf(input.text, input.language);
        const diagnostics = service.diagnostics(document, DEFAULT_SETTINGS);
        service.codeActions(document, { diagnostics }, DEFAULT_SETTINGS);
        service.fixAll(document, DEFAULT_SETTINGS);
        service.documentSymbols(document);
        for (let line = 0; line < Math.min(document.lineCount, 30); line++) {
          service.hover(document, { line, character: 2 });
          service.completion(document, { line, character: 2 });
        }
      }
    } finally {
      restore();
    }
    assert.deepStrictEqual(used, []);
  });

  it('the preload really stops a process that opens a socket', () => {
    const result = spawnSync(process.execPath, ['--require', PRELOAD, '-e', "require('net').connect(9, '127.0.0.1')"], {
      env,
      encoding: 'utf8',
    });
    assert.strictEqual(result.status, NETWORK_EXIT_CODE);
    assert.match(result.stderr, /NETWORK USE: net\.connect/);
  });

  it('the CLI lints every fixture without a socket', () => {
    const result = spawnSync(
      process.execPath,
      ['--require', PRELOAD, path.join(root, 'dist/cli.js'), 'lint', 'test/fixtures', '--format', 'json'],
      { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    assert.doesNotMatch(result.stderr, /NETWORK USE/);
    assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
    assert.ok((JSON.parse(result.stdout) as unknown[]).length > 20);
  });

  it('the language server answers without a socket', async () => {
    const session = startServer({
      execArgv: ['--require', PRELOAD],
      env: { DOCKER_COACH_FORBID_NETWORK: 'exit', NO_COLOR: '1' },
    });
    const { connection } = session;
    const published = new Map<string, PublishDiagnosticsParams>();
    let onPublish = () => {};
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.set(params.uri, params);
      onPublish();
    });
    await session.initialize({});
    const inputs = fixtureInputs(root).slice(0, 40);
    const all = new Promise<void>((resolve) => (onPublish = () => published.size >= inputs.length && resolve()));
    for (const input of inputs) {
      const uri = pathToFileURL(path.join(root, input.name)).toString();
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: input.language, version: 1, text: input.text },
      });
    }
    await all;
    for (const input of inputs) {
      const uri = pathToFileURL(path.join(root, input.name)).toString();
      const diagnostics = published.get(uri)!.diagnostics;
      await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
      await connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line: 1, character: 0 },
      });
      await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      const actions = (await connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics },
      })) as CodeAction[];
      assert.ok(Array.isArray(actions));
    }
    await session.stop();
    assert.doesNotMatch(session.stderr(), /NETWORK USE/);
    assert.strictEqual(session.child.exitCode, 0, session.stderr());
  });
});
