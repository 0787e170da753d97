import * as assert from 'assert';
import { findingsOf, flaggedBy, withDockerignore } from '../../support/lint';

const RULE = 'copy-all-without-dockerignore';

describe(RULE, () => {
  const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=1000 . .\nUSER nobody\n';
  it('is silent when the .dockerignore is unknown', () => {
    assert.deepStrictEqual(flaggedBy(RULE, text), []);
  });
  it('warns on COPY . and ADD ./ when the context has no .dockerignore', () => {
    const found = findingsOf(RULE, 'FROM alpine:3.20\nCOPY . /src\nADD ./ /src2/\nUSER nobody\n', {
      environment: withDockerignore(null),
    });
    assert.deepStrictEqual(
      found.map((f) => f.severity),
      ['warning', 'warning'],
    );
  });
  it('is one level milder, naming what is missing, when the .dockerignore forgets .git or .env', () => {
    const [finding] = findingsOf(RULE, text, { environment: withDockerignore('node_modules\n.env\n') });
    assert.strictEqual(finding.severity, 'info');
    assert.match(finding.message, /does not exclude \.git:/);
    const error = findingsOf(RULE, text, {
      settings: { rules: { [RULE]: 'error' } },
      environment: withDockerignore(''),
    });
    assert.strictEqual(error[0].severity, 'warning');
    assert.match(error[0].message, /\.git and \.env/);
  });
  it('accepts any pattern that excludes them (globs, **, trailing slash)', () => {
    for (const ignore of ['.git\n.env\n', '**/.git\n**/.env*\n', '.git/\n.env\n', '/.git\n.env\n', '.*\n']) {
      assert.deepStrictEqual(flaggedBy(RULE, text, { environment: withDockerignore(ignore) }), [], ignore);
    }
  });
  it('ignores named sources and copies from other stages', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b . /x/\nCOPY src/ /src/\n', {
        environment: withDockerignore(null),
      }),
      [],
    );
  });
});
