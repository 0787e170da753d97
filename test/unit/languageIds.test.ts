import * as assert from 'assert';
import { canonicalLanguageId } from '../../server/src/languageIds';

describe('canonicalLanguageId', () => {
  const cases: [languageId: string, uri: string, expected: string][] = [
    // What VS Code sends stays as it is.
    ['dockerfile', 'file:///w/Dockerfile', 'dockerfile'],
    ['dockercompose', 'file:///w/compose.yaml', 'dockercompose'],
    ['dockerignore', 'file:///w/.dockerignore', 'dockerignore'],
    // Other editors' names for the same languages.
    ['Dockerfile', 'file:///w/Dockerfile', 'dockerfile'],
    ['containerfile', 'file:///w/Containerfile', 'dockerfile'],
    ['dockerfile-ts', 'file:///w/Dockerfile', 'dockerfile'],
    ['docker-compose', 'file:///w/compose.yaml', 'dockercompose'],
    ['yaml.docker-compose', 'file:///w/stack.yml', 'dockercompose'],
    // An id the server does not know: the file name decides.
    ['yaml', 'file:///w/compose.yaml', 'dockercompose'],
    ['yaml', 'file:///w/compose.prod.yml', 'dockercompose'],
    ['yaml', 'file:///w/docker-compose.override.yaml', 'dockercompose'],
    ['yaml', 'file:///w/my%20app/docker-compose.yml', 'dockercompose'],
    ['plaintext', 'file:///w/Dockerfile.dev', 'dockerfile'],
    ['plaintext', 'file:///w/api.Dockerfile', 'dockerfile'],
    ['plaintext', 'file:///w/web.containerfile', 'dockerfile'],
    ['plaintext', 'file:///w/Dockerfile.dockerignore', 'dockerignore'],
    ['plaintext', 'untitled:Dockerfile', 'dockerfile'],
    // A name that is another of our languages wins over the id (Eglot 1.9 sends one id for every document of a server).
    ['dockerfile', 'file:///w/docker-compose.override.yml', 'dockercompose'],
    ['dockerfile', 'file:///w/compose.yaml', 'dockercompose'],
    ['dockercompose', 'file:///w/web.dockerfile', 'dockerfile'],
    ['dockerfile', 'file:///w/.dockerignore', 'dockerignore'],
    // A name that is none of them keeps the id.
    ['dockercompose', 'file:///w/stack.yml', 'dockercompose'],
    ['dockerfile', 'file:///w/build/base', 'dockerfile'],
    // Neither: left alone.
    ['yaml', 'file:///w/.github/workflows/ci.yml', 'yaml'],
    ['yaml', 'file:///w/composer.yaml', 'yaml'],
    ['plaintext', 'file:///w/notes%ZZ.txt', 'plaintext'],
  ];
  for (const [languageId, uri, expected] of cases) {
    it(`${languageId} ${uri} -> ${expected}`, () => {
      assert.strictEqual(canonicalLanguageId(languageId, uri), expected);
    });
  }
});
