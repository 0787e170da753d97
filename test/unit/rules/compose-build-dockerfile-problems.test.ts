import * as assert from 'assert';
import { toDiagnostic } from '../../../server/src/engine/lint';
import { findingsOf, flaggedBy, lintText, fakeDisk } from '../../support/lint';

const RULE = 'compose-build-dockerfile-problems';

describe(RULE, () => {
  const disk = fakeDisk({
    'api/Dockerfile.prod': 'FROM ubuntu\nRUN apt-get install curl\n',
    'ok/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n',
  });
  it("summarises the Dockerfile's problems on the dockerfile key, with related locations", () => {
    const [f] = findingsOf(
      RULE,
      'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.prod\n  ok:\n    build: ok\n',
      { environment: disk },
    );
    assert.strictEqual(f.text, 'Dockerfile.prod');
    assert.match(f.message, /^The Dockerfile api\/Dockerfile\.prod has \d+ (errors?|warnings?)/);
    const diagnostic = toDiagnostic(f, { docsUri: () => 'x' });
    assert.ok(diagnostic.relatedInformation!.length >= 2);
    assert.ok(
      diagnostic.relatedInformation!.every(
        (r) => r.location.uri === 'file:///test/' + /\/test\/(\d+)\//.exec(r.location.uri)![1] + '/api/Dockerfile.prod',
      ),
    );
  });
  it('is silent without readFile, and for a clean Dockerfile', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'services:\n  api:\n    build: {context: api, dockerfile: Dockerfile.prod}\n'),
      [],
    );
    assert.deepStrictEqual(flaggedBy(RULE, 'services:\n  ok:\n    build: ok\n', { environment: disk }), []);
  });
  it('follows the settings (a rule turned off is not counted)', () => {
    const text = 'services:\n  ok:\n    build: ok\n';
    const warnOnly = fakeDisk({ 'ok/Dockerfile': 'FROM alpine:3.20\nUSER 1000\nMAINTAINER me\n' });
    assert.strictEqual(
      lintText(text, 'dockercompose', {}, warnOnly).findings.filter((f) => f.rule.id === RULE).length,
      1,
    );
    assert.strictEqual(
      lintText(text, 'dockercompose', { rules: { 'maintainer-deprecated': 'off' } }, warnOnly).findings.filter(
        (f) => f.rule.id === RULE,
      ).length,
      0,
    );
  });
});
