/**
 * Answers about the text the editor has (issue 14), through dist/server.js over stdio:
 * results are keyed by content, so a repeated or lower version, or a second didOpen with
 * other text of the same length, gets fresh diagnostics and hover; while someone types
 * without pause, diagnostics keep coming, each for the text of its version.
 */
import * as assert from 'assert';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { LspSession, startServer } from '../support/lspSession';

/** Same length, different meaning: MAINTAINER is deprecated, this LABEL is fine. */
const WITH_MAINTAINER = 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n';
const WITH_LABEL = 'FROM alpine:3.20\nLABEL a=bcdef\nUSER nobody\n';

describe('language server: answers for the current text (stdio)', function () {
  this.timeout(60000);
  let session: LspSession;
  before(async () => {
    session = startServer();
    await session.initialize();
  });
  after(() => session.stop());

  const codes = (p: { diagnostics: { code?: number | string }[] }) => p.diagnostics.map((d) => String(d.code));
  async function hoverAt(uri: string, line: number, character: number): Promise<string> {
    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });
    return hover ? (hover.contents as MarkupContent).value : '';
  }

  it('a second didOpen at the same version with other text of the same length', async () => {
    assert.strictEqual(WITH_MAINTAINER.length, WITH_LABEL.length);
    const uri = 'file:///work/fresh/reopen/Dockerfile';
    const first = session.next(uri);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: WITH_MAINTAINER },
    });
    assert.deepStrictEqual(codes(await first), ['maintainer-deprecated']);
    assert.match(await hoverAt(uri, 1, 2), /maintainer-deprecated/);
    const second = session.next(uri);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: WITH_LABEL },
    });
    assert.deepStrictEqual(codes(await second), []);
    const hover = await hoverAt(uri, 1, 2);
    assert.match(hover, /\*\*LABEL\*\*/);
    assert.doesNotMatch(hover, /maintainer/i);
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('didChange to the same version, then to a lower one', async () => {
    const uri = 'file:///work/fresh/versions/Dockerfile';
    const opened = session.next(uri);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 7, text: WITH_LABEL },
    });
    assert.deepStrictEqual(codes(await opened), []);
    const same = session.next(uri);
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 7 },
      contentChanges: [{ text: WITH_MAINTAINER }],
    });
    const sameVersion = await same;
    assert.strictEqual(sameVersion.version, 7);
    assert.deepStrictEqual(codes(sameVersion), ['maintainer-deprecated']);
    assert.match(await hoverAt(uri, 1, 2), /maintainer-deprecated/);
    const lower = session.next(uri);
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: WITH_LABEL }],
    });
    const lowerVersion = await lower;
    assert.strictEqual(lowerVersion.version, 3);
    assert.deepStrictEqual(codes(lowerVersion), []);
    assert.doesNotMatch(await hoverAt(uri, 1, 2), /maintainer/i);
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('publishes diagnostics during a continuous burst of edits, each for its version, the last for the final text', async () => {
    const uri = 'file:///work/fresh/burst/Dockerfile';
    // Version v has v - 1 MAINTAINER lines: each publish says which text it was computed from.
    const textOf = (version: number) => `FROM alpine:3.20\n${'MAINTAINER me\n'.repeat(version - 1)}USER nobody\n`;
    const maintainers = (p: { diagnostics: { code?: number | string }[] }) =>
      p.diagnostics.filter((d) => d.code === 'maintainer-deprecated').length;
    const opened = session.next(uri);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: textOf(1) },
    });
    await opened;
    const before = session.published.length;
    const lastVersion = 21;
    // An edit every 100 ms for 2 s: each adds a line.
    for (let version = 2; version <= lastVersion; version++) {
      await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [
          { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'MAINTAINER me\n' },
        ],
      });
      if (version < lastVersion) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const burstEnded = Date.now();
    const final = await session.next(uri, (p) => p.version === lastVersion);
    const burst = session.published.slice(before).filter((p) => p.uri === uri);
    const versions = burst.map((p) => p.version!);
    for (const p of burst)
      assert.strictEqual(maintainers(p), p.version! - 1, `the publish for version ${p.version} is for its text`);
    assert.ok(
      versions.every((v, i) => i === 0 || v > versions[i - 1]),
      `never an older version after a newer one: ${versions.join(', ')}`,
    );
    // About 13 at one per 150 ms; at least 4 leaves room for a slow machine, where the old 120 ms wait gave 1.
    const during = burst.filter((p) => p.at < burstEnded).length;
    assert.ok(during >= 4, `${during} publishes during the 2 s burst (versions ${versions.join(', ')})`);
    assert.strictEqual(maintainers(final), lastVersion - 1);
    assert.strictEqual(versions[versions.length - 1], lastVersion);
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });
});
