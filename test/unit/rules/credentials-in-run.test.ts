import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'credentials-in-run';

describe(RULE, () => {
  const run = (command: string) => flaggedBy(RULE, `FROM alpine:3.20\nRUN ${command}\n`);
  it('points at the password of curl -u in any position and form', () => {
    assert.deepStrictEqual(run('curl -fsSL -u admin:hunter2 https://example.com/a'), ['hunter2']);
    assert.deepStrictEqual(run('curl https://example.com/a --user "admin:hunter2" -o a'), ['hunter2']);
    assert.deepStrictEqual(run('curl -uadmin:hunter2 https://example.com/a'), ['hunter2']);
    assert.deepStrictEqual(run('curl -su admin:hunter2 https://example.com/a'), ['hunter2']);
  });
  it('flags wget passwords, URL credentials, tokens as URL users and auth headers', () => {
    assert.deepStrictEqual(run('wget --password=hunter2 https://example.com/a'), ['hunter2']);
    assert.deepStrictEqual(run('wget --http-password hunter2 https://example.com/a'), ['hunter2']);
    assert.deepStrictEqual(run('pip install git+https://deploy:hunter2@git.example.com/lib.git'), ['hunter2']);
    assert.deepStrictEqual(run('git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r.git'), [
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    ]);
    assert.deepStrictEqual(run('curl -H "Authorization: Bearer abc.def.ghi" https://example.com/a'), ['abc.def.ghi']);
    assert.deepStrictEqual(run("wget --header='PRIVATE-TOKEN: glpat-123' https://example.com/a"), ['glpat-123']);
    assert.deepStrictEqual(
      run('git -c http.extraHeader="Authorization: Basic dXNlcjpwYXNz" clone https://example.com/r.git'),
      ['dXNlcjpwYXNz'],
    );
    assert.deepStrictEqual(run('npm config set //registry.npmjs.org/:_authToken=npm_abc123'), ['npm_abc123']);
    assert.deepStrictEqual(run('npm config set //registry.npmjs.org/:_authToken npm_abc123'), ['npm_abc123']);
    assert.deepStrictEqual(run('echo "//registry.npmjs.org/:_authToken=npm_abc123" > .npmrc'), ['npm_abc123']);
  });
  it('accepts credentials taken from variables, user names alone and plain URLs', () => {
    for (const command of [
      'curl -u "admin:$PASSWORD" https://example.com/a',
      'curl -u admin https://example.com/a',
      'curl -H "Authorization: Bearer $TOKEN" https://example.com/a',
      'curl -H "Accept: application/json" https://example.com/a',
      'wget --password="${PW}" https://example.com/a',
      'git clone https://git@github.com/o/r.git',
      'git clone https://${TOKEN}@github.com/o/r.git',
      "echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc",
      'npm config set registry https://registry.example.com/',
    ]) {
      assert.deepStrictEqual(run(command), [], command);
    }
  });
  it('reads heredoc scripts and continued lines', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nRUN <<EOF\nset -e\ncurl -u ci:hunter2 https://example.com/a\nEOF\n'),
      ['hunter2'],
    );
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'FROM alpine:3.20\nRUN apk add --no-cache curl && \\\n    curl -u ci:hunter2 \\\n      https://example.com/a\n',
      ),
      ['hunter2'],
    );
  });
});
