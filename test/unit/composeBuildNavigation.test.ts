/** Go to definition from a compose file's build.target and build.args into the Dockerfile. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position } from 'vscode-languageserver-types';
import { DockerCoachService } from '../../server/src/service/languageService';
import { fakeDisk } from '../support/lint';

const DOCKERFILE =
  'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION} AS Build\nARG NODE_VERSION\nARG APP_ENV=prod\nFROM nginx:1.27 AS runtime\n';
const COMPOSE =
  'services:\n  web:\n    build:\n      context: ./web\n      target: build\n      args:\n        NODE_VERSION: "22"\n        UNKNOWN: x\n  api:\n    build:\n      context: ./web\n      args:\n        - APP_ENV=dev\n';

function definitionAt(line: number, character: number, disk = true) {
  const readFile = disk ? fakeDisk({ 'web/Dockerfile': DOCKERFILE }).readFile : undefined;
  const service = new DockerCoachService({ docsBaseUri: 'file:///docs' });
  const document = TextDocument.create('file:///test/7/compose.yaml', 'dockercompose', 1, COMPOSE);
  const found = service.definition(document, Position.create(line, character), readFile);
  return found?.map((l) => [l.uri, l.range.start.line, l.range.start.character, l.range.end.character]) ?? null;
}

describe('compose navigation into the Dockerfile a service builds', () => {
  const uri = 'file:///test/7/web/Dockerfile';
  it('goes from build.target to the stage it names (case ignored, as BuildKit)', () => {
    assert.deepStrictEqual(definitionAt(4, 15), [[uri, 1, 29, 34]]);
  });
  it('goes from a build arg, in either form, to every ARG declaring it', () => {
    assert.deepStrictEqual(definitionAt(6, 10), [
      [uri, 0, 4, 16],
      [uri, 2, 4, 16],
    ]);
    assert.deepStrictEqual(definitionAt(12, 11), [[uri, 3, 4, 11]]);
  });
  it('has nothing for an arg no ARG declares, outside names, or without the disk', () => {
    assert.strictEqual(definitionAt(7, 10), null);
    assert.strictEqual(definitionAt(6, 24), null);
    assert.strictEqual(definitionAt(4, 15, false), null);
  });
});
