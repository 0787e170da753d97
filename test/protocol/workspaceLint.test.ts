/**
 * "Lint Workspace" through the built server: the CLI's discovery (.gitignore, node_modules), diagnostics
 * for files that are not open, work-done progress, open documents left to their live diagnostics, closing
 * a file of the results, a settings change, the next run and clear (cancellation: test/unit/workspaceLint.test.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CancellationTokenSource,
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  WorkDoneProgress,
} from 'vscode-languageserver-protocol/node';
import { ClearWorkspaceLintRequest, LintWorkspaceRequest } from '../../server/src/protocol';
import { LspSession, startServer } from '../support/lspSession';

const uriOf = (file: string) => pathToFileURL(file).toString();

describe('Lint Workspace (protocol)', function () {
  this.timeout(60000);
  let root: string;
  let session: LspSession;
  const file = (name: string) => path.join(root, name);

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-workspace-'));
    const write = (name: string, text: string) => {
      fs.mkdirSync(path.dirname(file(name)), { recursive: true });
      fs.writeFileSync(file(name), text);
    };
    write('Dockerfile', 'FROM ubuntu\nUSER nobody\n');
    write('api/Dockerfile', 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n');
    write('compose.yaml', 'services:\n  web:\n    image: nginx\n');
    write('clean/Dockerfile', 'FROM alpine:3.20\nUSER nobody\n');
    write('node_modules/pkg/Dockerfile', 'FROM ubuntu\n');
    write('.gitignore', 'build/\n');
    write('build/Dockerfile', 'FROM ubuntu\n');
    session = startServer();
    await session.initialize();
  });

  afterEach(async () => {
    await session.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const lintWorkspace = (params: object = {}, source?: CancellationTokenSource) => {
    const request = { folders: [uriOf(root)], ...params };
    // A request's params are one object: a token is only passed when there is one.
    return source
      ? session.connection.sendRequest(LintWorkspaceRequest, request, source.token)
      : session.connection.sendRequest(LintWorkspaceRequest, request);
  };
  const lastPublished = (name: string) => [...session.published].reverse().find((p) => p.uri === uriOf(file(name)));
  const codes = (name: string) => lastPublished(name)?.diagnostics.map((d) => d.code);

  it('publishes the diagnostics of every file the CLI would lint, with progress', async () => {
    const progress: string[] = [];
    session.connection.onProgress(WorkDoneProgress.type, 'run-1', (value) =>
      progress.push(value.kind === 'end' ? 'end' : `${value.kind} ${value.percentage} ${value.message}`),
    );
    const result = await lintWorkspace({ workDoneToken: 'run-1' });
    assert.deepStrictEqual(result, { files: 4, linted: 4, problems: 3, filesWithProblems: 3, cancelled: false });
    assert.deepStrictEqual(codes('Dockerfile'), ['pin-base-image']);
    assert.deepStrictEqual(codes('api/Dockerfile'), ['maintainer-deprecated']);
    assert.deepStrictEqual(codes('compose.yaml'), ['pin-image-tag']);
    assert.deepStrictEqual(codes('clean/Dockerfile'), []);
    // node_modules and what .gitignore names are skipped, as by the CLI.
    assert.strictEqual(lastPublished('node_modules/pkg/Dockerfile'), undefined);
    assert.strictEqual(lastPublished('build/Dockerfile'), undefined);
    assert.deepStrictEqual(progress, [
      'begin 0 finding files',
      'report 0 0/4 Dockerfile',
      'report 25 1/4 Dockerfile',
      'report 50 2/4 Dockerfile',
      'report 75 3/4 compose.yaml',
      'report 100 4/4',
      'end',
    ]);
  });

  it('leaves open documents to their live diagnostics, and keeps results when a file of them closes', async () => {
    const uri = uriOf(file('Dockerfile'));
    const live = session.next(uri);
    // The editor's text differs from the disk: the live lint is about it.
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri,
        languageId: 'dockerfile',
        version: 1,
        text: 'FROM ubuntu:24.04\nMAINTAINER me\nUSER nobody\n',
      },
    });
    assert.deepStrictEqual(
      (await live).diagnostics.map((d) => d.code),
      ['maintainer-deprecated'],
    );
    const published = session.published.length;
    const result = await lintWorkspace();
    assert.deepStrictEqual([result.files, result.linted], [4, 3]);
    assert.ok(
      !session.published.slice(published).some((p) => p.uri === uri),
      'nothing published over the open document',
    );
    // Closed: the file on disk again, not an empty list.
    const closed = session.next(uri);
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    assert.deepStrictEqual(
      (await closed).diagnostics.map((d) => d.code),
      ['pin-base-image'],
    );
  });

  it('lints the files of the results again when the settings change', async () => {
    await lintWorkspace();
    assert.deepStrictEqual(codes('api/Dockerfile'), ['maintainer-deprecated']);
    const relinted = session.next(uriOf(file('api/Dockerfile')));
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { dockerCoach: { shellcheck: { enable: false }, rules: { 'maintainer-deprecated': 'off' } } },
    });
    assert.deepStrictEqual((await relinted).diagnostics, []);
  });

  it('clears files that are gone at the next run, and everything on clear', async () => {
    await lintWorkspace();
    fs.rmSync(file('api'), { recursive: true });
    const gone = session.next(uriOf(file('api/Dockerfile')));
    const result = await lintWorkspace();
    assert.strictEqual(result.files, 3);
    assert.deepStrictEqual((await gone).diagnostics, []);
    const cleared = session.next(uriOf(file('compose.yaml')));
    assert.strictEqual(await session.connection.sendRequest(ClearWorkspaceLintRequest), 3);
    assert.deepStrictEqual((await cleared).diagnostics, []);
    assert.deepStrictEqual(codes('Dockerfile'), []);
    // A file that closes now is no longer one of the results: cleared, as usual.
    const uri = uriOf(file('Dockerfile'));
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM ubuntu\nUSER nobody\n' },
    });
    await session.next(uri);
    const closed = session.next(uri);
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    assert.deepStrictEqual((await closed).diagnostics, []);
  });
});
