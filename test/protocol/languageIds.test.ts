/**
 * Other editors name the languages their own way (Neovim's filetypes, Helix's language names):
 * through dist/server.js over stdio, a compose file opened as `yaml` or `docker-compose`, or with a
 * Dockerfile's id by a client that sends one id for all its documents, is linted as compose.
 */
import * as assert from 'assert';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { LspSession, startServer } from '../support/lspSession';

const COMPOSE = 'services:\n  web:\n    image: nginx\n';

describe('language server: language ids of other editors (stdio)', function () {
  this.timeout(60000);
  let session: LspSession;
  before(async () => {
    session = startServer();
    await session.initialize();
  });
  after(() => session.stop());

  for (const [languageId, name] of [
    ['yaml', 'compose.yaml'],
    ['docker-compose', 'stack.yml'],
    ['yaml.docker-compose', 'docker-compose.yml'],
    // Eglot 1.9 with one server for both languages: every document gets the first one's id.
    ['dockerfile', 'docker-compose.override.yml'],
  ]) {
    it(`${languageId} (${name}) is linted as compose`, async () => {
      const uri = `file:///work/ids/${languageId}/${name}`;
      const published = session.next(uri);
      await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text: COMPOSE },
      });
      const { diagnostics } = await published;
      assert.deepStrictEqual(
        diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
        [['pin-image-tag', 2, 11]],
      );
    });
  }
});
