/**
 * The server under load and on bad input (issue 8), over stdio: didChange
 * bursts are coalesced, `$/cancelRequest` ends a
 * request with RequestCancelled, and every named bad input gets diagnostics
 * while hover, completion and formatting keep answering.
 */
import * as assert from 'assert';
import {
  CancellationTokenSource,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  LSPErrorCodes,
  ProtocolConnection,
  PublishDiagnosticsParams,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { BAD_INPUTS } from '../support/badInputs';
import { LspSession, startServer } from '../support/lspSession';

describe('language server robustness (stdio)', function () {
  this.timeout(120000);
  let session: LspSession;
  let connection: ProtocolConnection;
  let published: PublishDiagnosticsParams[];
  const next = (uri: string) => session.next(uri);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  before(async () => {
    session = startServer();
    await session.initialize({ format: { enable: true }, shellcheck: { enable: false } });
    ({ connection, published } = session);
  });
  after(() => session.stop());

  it('coalesces a burst of didChange into a few lints, the last at its last version', async () => {
    const uri = 'file:///work/burst/Dockerfile';
    const opened = next(uri);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM ubuntu:24.04\nUSER nobody\n' },
    });
    assert.strictEqual((await opened).version, 1, 'the first lint is immediate');
    const before = published.length;
    for (let version = 2; version <= 21; version++) {
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text: `FROM ubuntu:24.04\n${'MAINTAINER me\n'.repeat(version - 1)}USER nobody\n` }],
      });
      await sleep(5);
    }
    await sleep(800);
    const burst = published.slice(before).filter((p) => p.uri === uri);
    // An edit after a quiet moment is linted at once; the rest of the burst is coalesced (a lint at most every
    // 150 ms, at the latest version), so a few publishes, in version order, the last for version 21.
    const versions = burst.map((p) => p.version!);
    assert.ok(
      versions.length < 10 && versions.every((v, i) => i === 0 || v > versions[i - 1]),
      `published versions: ${versions.join(', ')}`,
    );
    assert.strictEqual(versions[versions.length - 1], 21);
    const last = burst[burst.length - 1];
    assert.strictEqual(last.diagnostics.filter((d) => d.code === 'maintainer-deprecated').length, 20);
    // A single edit after a quiet moment is linted too (at once; its latency is a benchmark figure, not a test).
    const single = next(uri);
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 22 },
      contentChanges: [{ text: 'FROM ubuntu:24.04\nUSER nobody\n' }],
    });
    const published22 = await single;
    assert.strictEqual(published22.version, 22);
    assert.deepStrictEqual(
      published22.diagnostics.filter((d) => d.code === 'maintainer-deprecated'),
      [],
    );
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('ends a cancelled request with RequestCancelled, and answers the next one', async () => {
    // A large document keeps the server busy linting on open, so the request and its cancellation are both queued meanwhile.
    const busy = BAD_INPUTS.find((input) => input.name === '10,000 stages')!.bytes.toString('utf8');
    const requests = [
      (uri: string, token: CancellationTokenSource) =>
        connection.sendRequest(
          HoverRequest.type,
          { textDocument: { uri }, position: { line: 1, character: 1 } },
          token.token,
        ),
      (uri: string, token: CancellationTokenSource) =>
        connection.sendRequest(
          CompletionRequest.type,
          { textDocument: { uri }, position: { line: 1, character: 1 } },
          token.token,
        ),
    ];
    for (const [i, send] of requests.entries()) {
      const uri = `file:///work/cancel/${i}/Dockerfile`;
      const opened = next(uri);
      void connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: busy },
      });
      const source = new CancellationTokenSource();
      const pending = send(uri, source);
      source.cancel();
      await assert.rejects(
        pending,
        (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled,
      );
      await opened;
      const hover = await connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 0, character: 1 },
      });
      assert.ok(hover, 'an uncancelled request is answered');
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
  });

  it('answers requests about other documents while a huge one is being linted', async () => {
    const small = 'file:///work/sliced/small/Dockerfile';
    const smallOpened = next(small);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nUSER nobody\n' },
    });
    await smallOpened;
    const huge = 'file:///work/sliced/huge/Dockerfile';
    const text = BAD_INPUTS.find((input) => input.name === '10,000 stages')!.bytes.toString('utf8');
    const order: string[] = [];
    const hugeLinted = next(huge).then(() => order.push('huge document linted'));
    void connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: huge, languageId: 'dockerfile', version: 1, text },
    });
    const hover = connection
      .sendRequest(HoverRequest.type, { textDocument: { uri: small }, position: { line: 1, character: 1 } })
      .then((h) => {
        order.push('hover answered');
        return h;
      });
    assert.ok(await hover);
    await hugeLinted;
    // The lint gives way between rules: the hover does not wait for the whole huge lint.
    assert.deepStrictEqual(order, ['hover answered', 'huge document linted']);
    for (const uri of [small, huge])
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  for (const input of BAD_INPUTS) {
    it(`${input.name}: diagnostics, and hover, completion, symbols and formatting answer`, async () => {
      const uri = `file:///work/bad/${input.file}`;
      const text = input.bytes.toString('utf8');
      const opened = next(uri);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: input.language, version: 1, text },
      });
      const { diagnostics } = await opened;
      const expected = diagnostics.some((d) => input.expect.test(`${String(d.code)} ${d.message}`));
      const partial = input.mayBePartial === true && diagnostics.some((d) => /^Partial check: /.test(d.message));
      assert.ok(expected || partial, diagnostics.map((d) => d.message).join('\n'));
      assert.ok(!diagnostics.some((d) => /rule ".*" failed/.test(d.message)), 'a rule crashed');
      const position = { line: 1, character: 2 };
      const answers = [
        await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
        await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
        await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
        await connection.sendRequest(DocumentFormattingRequest.type, {
          textDocument: { uri },
          options: { tabSize: 4, insertSpaces: true },
        }),
      ];
      // Above the size limit the editing features bail out: nothing to show, nothing computed.
      if (text.length > 2 * 1024 * 1024) {
        const empty = (a: unknown) =>
          a === null ||
          (Array.isArray(a) && a.length === 0) ||
          (typeof a === 'object' && a !== null && 'items' in a && (a as { items: unknown[] }).items.length === 0);
        assert.deepStrictEqual(answers.map(empty), [true, true, true, true], JSON.stringify(answers).slice(0, 500));
      }
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    });
  }
});
