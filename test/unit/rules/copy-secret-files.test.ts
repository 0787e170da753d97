import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'copy-secret-files';

describe(RULE, () => {
  const check = (source: string) => flaggedBy(RULE, `FROM alpine:3.20\nCOPY ${source} /dest/\n`);
  it('flags secret-looking files wherever they sit in the source path', () => {
    for (const source of [
      '.env',
      './.env.production',
      'config/.env.local',
      'id_rsa',
      'keys/server.key',
      'cert.p12',
      'store.pfx',
      'privkey.pem',
      '.npmrc',
      '.pypirc',
      '.netrc',
      '.aws/credentials',
      '.ssh/',
      'home/.docker/config.json',
      'credentials.json',
      '*.key',
      '.env*',
    ]) {
      assert.deepStrictEqual(check(source), [source], source);
    }
  });
  it('accepts templates, public keys and certificates', () => {
    for (const source of [
      '.env.example',
      '.env.sample',
      '.env.template',
      'id_rsa.pub',
      'ca.pem',
      'fullchain.pem',
      'cert.pem',
      'config.json',
      'environment.ts',
      'keyboard.txt',
    ]) {
      assert.deepStrictEqual(check(source), [], source);
    }
  });
  it('reads exec-form and multi-source COPY, and ADD, but not ADD of a URL', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nCOPY ["app.py", ".env", "/app/"]\n'), ['.env']);
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nCOPY --chown=1000:1000 app.py .npmrc /app/\n'), [
      '.npmrc',
    ]);
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nADD https://example.com/server.key /k/\n'), []);
  });
  it('also flags secrets copied from another stage', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /root/.ssh/id_ed25519 /k\n'),
      ['/root/.ssh/id_ed25519'],
    );
  });
});
