/**
 * The service's caches are keyed by the document's text, not its version: a client may
 * repeat or lower a version, or open a document again at the same version with other
 * text of the same length, and must still get answers about the text it sent.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupContent } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DockerCoachService, WARM_DOCUMENTS } from '../../server/src/service/languageService';

const URI = 'file:///cache/Dockerfile';
/** Same length, different meaning: MAINTAINER is deprecated, this LABEL is fine. */
const WITH_MAINTAINER = 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n';
const WITH_LABEL = 'FROM alpine:3.20\nLABEL a=bcdef\nUSER nobody\n';

function codes(service: DockerCoachService, document: TextDocument): string[] {
  return service.diagnostics(document, DEFAULT_SETTINGS).map((d) => String(d.code));
}

function hoverText(service: DockerCoachService, document: TextDocument, line: number, character: number): string {
  const hover = service.hover(document, { line, character });
  return hover ? (hover.contents as MarkupContent).value : '';
}

describe('service caches keyed by content', () => {
  it('the texts under test have the same length', () => {
    assert.strictEqual(WITH_MAINTAINER.length, WITH_LABEL.length);
  });

  it('a second didOpen at the same version with other text of the same length gets fresh diagnostics and hover', () => {
    const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
    const first = TextDocument.create(URI, 'dockerfile', 1, WITH_MAINTAINER);
    assert.deepStrictEqual(codes(service, first), ['maintainer-deprecated']);
    assert.match(hoverText(service, first, 1, 2), /maintainer-deprecated/);
    const second = TextDocument.create(URI, 'dockerfile', 1, WITH_LABEL);
    assert.deepStrictEqual(codes(service, second), []);
    const hover = hoverText(service, second, 1, 2);
    assert.match(hover, /\*\*LABEL\*\*/);
    assert.doesNotMatch(hover, /maintainer/i);
  });

  for (const [name, nextVersion] of [
    ['the same version', 1],
    ['a lower version', 0],
  ] as const) {
    it(`an update to ${name} (in place) gets fresh diagnostics and hover`, () => {
      const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
      const document = TextDocument.create(URI, 'dockerfile', 1, WITH_LABEL);
      assert.deepStrictEqual(codes(service, document), []);
      assert.doesNotMatch(hoverText(service, document, 1, 2), /maintainer/i);
      TextDocument.update(document, [{ text: WITH_MAINTAINER }], nextVersion);
      assert.strictEqual(document.version, nextVersion);
      assert.deepStrictEqual(codes(service, document), ['maintainer-deprecated']);
      assert.match(hoverText(service, document, 1, 2), /maintainer-deprecated/);
      // Hover before any lint of the new text shows no finding of the old one.
      TextDocument.update(document, [{ text: WITH_LABEL }], nextVersion);
      assert.doesNotMatch(hoverText(service, document, 1, 2), /maintainer/i);
    });
  }

  it('lintInSlices gives up when the text changes under it at the same version', async () => {
    const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
    // Large enough to take more than one slice.
    const big = `FROM alpine:3.20\n${'RUN echo one && echo two\n'.repeat(3000)}USER nobody\n`;
    const document = TextDocument.create(URI, 'dockerfile', 5, big);
    let checks = 0;
    const pending = service.lintInSlices(document, DEFAULT_SETTINGS, {}, () => {
      if (++checks === 1) TextDocument.update(document, [{ text: big.replace('one', 'two') }], 5);
      return false;
    });
    assert.strictEqual(await pending, null);
    assert.ok(checks >= 1);
  });

  it('a Dockerfile model is rebuilt for other text at the same version (symbols)', () => {
    const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
    const names = (text: string) =>
      service.documentSymbols(TextDocument.create(URI, 'dockerfile', 3, text)).map((s) => s.name);
    assert.deepStrictEqual(names('FROM alpine:3.20 AS one\n'), ['one']);
    assert.deepStrictEqual(names('FROM alpine:3.20 AS two\n'), ['two']);
  });

  it('a compose model is rebuilt for other text at the same version (symbols)', () => {
    const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
    const uri = 'file:///cache/compose.yaml';
    const names = (text: string) =>
      service
        .documentSymbols(TextDocument.create(uri, 'dockercompose', 3, text))
        .flatMap((s) => s.children ?? [])
        .map((s) => s.name);
    assert.deepStrictEqual(names('services:\n  web:\n    image: nginx:1.27\n'), ['web']);
    assert.deepStrictEqual(names('services:\n  api:\n    image: nginx:1.27\n'), ['api']);
  });

  describe('documents not used lately keep only their text and what hovers show of their findings', () => {
    /** `count` Dockerfiles, each linted in turn: with more than `WARM_DOCUMENTS`, the first ones are dropped. */
    function openMany(service: DockerCoachService, count: number, from = 0): TextDocument[] {
      return Array.from({ length: count }, (_, i) => {
        const document = TextDocument.create(`file:///cache/${from + i}/Dockerfile`, 'dockerfile', 1, WITH_MAINTAINER);
        service.diagnostics(document, DEFAULT_SETTINGS);
        return document;
      });
    }

    it('a dropped document is linted again on request, with the same diagnostics; a warm one is not', () => {
      const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
      const [first] = openMany(service, 1);
      const firstLint = service.lint(first, DEFAULT_SETTINGS);
      const others = openMany(service, WARM_DOCUMENTS, 1);
      const last = others[others.length - 1];
      const lastLint = service.lint(last, DEFAULT_SETTINGS);
      assert.strictEqual(service.lint(last, DEFAULT_SETTINGS), lastLint);
      const again = service.lint(first, DEFAULT_SETTINGS);
      assert.notStrictEqual(again, firstLint);
      assert.deepStrictEqual(codes(service, first), ['maintainer-deprecated']);
      assert.strictEqual(service.lint(first, DEFAULT_SETTINGS), again, 'linted again, it is warm again');
    });

    it('a hover on a dropped document still names the rule of its finding', () => {
      const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
      const [first] = openMany(service, WARM_DOCUMENTS + 2);
      const hover = hoverText(service, first, 1, 2);
      assert.match(hover, /maintainer-deprecated/);
      assert.match(hover, /\*\*MAINTAINER\*\*/);
    });

    it('a hover on a dropped document shows no finding of its old text', () => {
      const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
      const [first] = openMany(service, WARM_DOCUMENTS + 2);
      TextDocument.update(first, [{ text: WITH_LABEL }], 2);
      assert.doesNotMatch(hoverText(service, first, 1, 2), /maintainer/i);
    });

    it('code actions on a dropped document offer the same fixes as on a warm one', () => {
      const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
      const actions = (document: TextDocument) =>
        service
          .codeActions(document, { diagnostics: service.diagnostics(document, DEFAULT_SETTINGS) }, DEFAULT_SETTINGS)
          .map((a) => ({ title: a.title, edits: a.edit?.changes?.[document.uri] }));
      const documents = openMany(service, WARM_DOCUMENTS + 2);
      const expected = actions(documents[documents.length - 1]);
      assert.ok(expected.some((a) => a.edits?.length));
      openMany(service, WARM_DOCUMENTS, 100);
      assert.deepStrictEqual(actions(documents[0]), expected);
    });
  });
});
