/**
 * Messages out of order (issue 14), through dist/server.js over stdio: requests before
 * `initialize` answer ServerNotInitialized (-32002); a document opened before it is linted
 * once the server is initialized; a didOpen without text is ignored with one line in the log.
 * None of these log a stack trace.
 */
import * as assert from 'assert';
import {
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ErrorCodes,
  HoverRequest,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { ListRulesRequest } from '../../server/src/protocol';
import { LspSession, startServer } from '../support/lspSession';

/** What a logged stack trace or a crash looks like. */
const TROUBLE = /\n\s+at |TypeError|failed/;

describe('language server: messages out of order (stdio)', function () {
  this.timeout(60000);
  let session: LspSession;
  beforeEach(() => {
    session = startServer();
  });
  afterEach(() => session.stop());

  it('answers requests before initialize with ServerNotInitialized, and lints a document opened before it once initialized', async () => {
    const uri = 'file:///work/early/Dockerfile';
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri,
        languageId: 'dockerfile',
        version: 1,
        text: 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n',
      },
    });
    const requests: [string, Promise<unknown>][] = [
      [
        'hover',
        session.connection.sendRequest(HoverRequest.type, {
          textDocument: { uri },
          position: { line: 0, character: 1 },
        }),
      ],
      ['documentSymbol', session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })],
      ['listRules', session.connection.sendRequest(ListRulesRequest)],
    ];
    for (const [name, request] of requests) {
      await assert.rejects(request, (err: unknown) => {
        assert.ok(err instanceof ResponseError, `${name}: ${String(err)}`);
        assert.strictEqual(err.code, ErrorCodes.ServerNotInitialized, `${name}: ${err.message}`);
        assert.match(err.message, /not initialized/);
        return true;
      });
    }
    assert.strictEqual(session.published.length, 0, 'nothing is published before initialize');
    const linted = session.next(uri);
    await session.initialize();
    assert.deepStrictEqual(
      (await linted).diagnostics.map((d) => d.code),
      ['maintainer-deprecated'],
    );
    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    assert.ok(hover, 'requests are answered once initialized');
    assert.deepStrictEqual(
      session.logs.filter((line) => TROUBLE.test(line)),
      [],
    );
    assert.doesNotMatch(session.stderr(), TROUBLE);
  });

  it('ignores a didOpen without text with one line in the log, and takes the document when it comes with text', async () => {
    await session.initialize();
    const uri = 'file:///work/textless/Dockerfile';
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1 },
    } as never);
    // Answered after the didOpen was handled (messages are handled in order).
    assert.strictEqual(
      await session.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 0, character: 1 },
      }),
      null,
    );
    assert.deepStrictEqual(session.logs, [`Ignored textDocument/didOpen for ${uri}: it has no text.`]);
    assert.deepStrictEqual(
      session.published.filter((p) => p.uri === uri),
      [],
    );
    const linted = session.next(uri);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri,
        languageId: 'dockerfile',
        version: 2,
        text: 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n',
      },
    });
    assert.deepStrictEqual(
      (await linted).diagnostics.map((d) => d.code),
      ['maintainer-deprecated'],
    );
    assert.doesNotMatch(session.stderr(), TROUBLE);
  });
});
