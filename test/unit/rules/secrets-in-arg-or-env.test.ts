/** secrets-in-arg-or-env: secret-looking ARG and ENV names (BuildKit's SecretsUsedInArgOrEnv). */
import * as assert from 'assert';
import { looksLikeSecretName } from '../../../server/src/dockerfile/variables';
import { reportsOf, lintText } from '../../support/lint';

const findings = (text: string) => reportsOf('secrets-in-arg-or-env', text);

describe('secret-looking names', () => {
  it("uses BuildKit's secret-name heuristic", () => {
    for (const name of [
      'AWS_SECRET_ACCESS_KEY',
      'api_key',
      'GITHUB_TOKEN',
      'PASSWORD',
      'db_passwd',
      'AUTH',
      'MY_CREDENTIALS',
    ])
      assert.ok(looksLikeSecretName(name), name);
    for (const name of ['MONKEY', 'TOKENIZER_PATH', 'PUBLIC_KEY', 'KEYBOARD', 'AUTHOR'])
      assert.ok(!looksLikeSecretName(name), name);
    // BuildKit's allow-list (public, file, version) and signing-key fingerprints.
    for (const name of [
      'POSTGRES_PASSWORD_FILE',
      'DOCKER_AUTH_VERSION',
      'TOKEN_VERSION',
      'GPG_KEY',
      'PYTHON_GPG_KEY',
      'NGINX_GPG_KEYS',
      'gpg_keys',
      'PGP_KEY',
    ])
      assert.ok(!looksLikeSecretName(name), name);
    for (const name of ['GPG_PRIVATE_KEY', 'GPG_PASSPHRASE_TOKEN', 'LICENSE_KEY', 'GPG_KEY_PASSWORD'])
      assert.ok(looksLikeSecretName(name), name);
  });
});

describe('secrets-in-arg-or-env', () => {
  it('flags every secret-looking key of a multi-key ENV, at the key', () => {
    assert.deepStrictEqual(
      findings('FROM alpine:3.20\nENV MODE=prod API_KEY=x DB_PASSWORD=y\nUSER nobody\n').map((f) => f.text),
      ['API_KEY', 'DB_PASSWORD'],
    );
  });
  it('checks global ARGs too', () => {
    assert.strictEqual(findings('ARG NPM_TOKEN\nFROM node:20.14-alpine3.20\nUSER node\n').length, 1);
  });
  it('reads every name of an ARG that declares several', () => {
    assert.deepStrictEqual(
      findings('FROM alpine:3.20\nARG MODE NPM_TOKEN\nRUN make\nUSER nobody\n').map((f) => f.text),
      ['NPM_TOKEN'],
    );
  });
  it('leaves signing-key fingerprints, versions and secret-file paths alone, and still reports a literal license key', () => {
    const text =
      'FROM alpine:3.20\nENV PYTHON_GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D NGINX_GPG_KEYS="A B"\nENV DOCKER_AUTH_VERSION=1.13.0 POSTGRES_PASSWORD_FILE=/run/secrets/pg\nENV LICENSE_KEY=abc123\nUSER nobody\n';
    assert.deepStrictEqual(
      findings(text).map((f) => f.text),
      ['LICENSE_KEY'],
    );
  });
  it('reports a name declared again in the same stage once, and again in another stage', () => {
    const text =
      'ARG API_TOKEN=x\nFROM alpine:3.20\nARG API_TOKEN=x\nARG API_TOKEN=x\nENV API_TOKEN=$API_TOKEN\nFROM alpine:3.20\nARG API_TOKEN\nUSER nobody\n';
    assert.deepStrictEqual(
      findings(text).map((f) => f.text),
      ['API_TOKEN', 'API_TOKEN', 'API_TOKEN', 'API_TOKEN'],
    );
    const lines = lintText(text)
      .findings.filter((f) => f.rule.id === 'secrets-in-arg-or-env')
      .map((f) => f.range.start.line);
    assert.deepStrictEqual(lines, [0, 2, 4, 6]);
  });
});
