import * as assert from 'assert';
import { flaggedBy, fixedBy } from '../../support/lint';

const RULE = 'useradd-no-log-init';
const df = (run: string, from = 'fedora:40') => `FROM ${from}\n${run}\nUSER nobody\n`;

describe(RULE, () => {
  const deb = (run: string) => df(run, 'debian:12-slim');
  it('flags a high UID in every spelling', () => {
    for (const run of [
      'RUN useradd -u 1000000 app',
      'RUN useradd -u1000000 app',
      'RUN useradd --uid 1000000 app',
      'RUN useradd --uid=1000000 app',
      'RUN useradd -mu 1000000 app',
      'RUN useradd --system -u 123456 app',
    ]) {
      assert.strictEqual(flaggedBy(RULE, deb(run)).length, 1, run);
    }
  });

  it('accepts -l (also clustered), --no-log-init, low and non-literal UIDs', () => {
    for (const run of [
      'RUN useradd -l -u 1000000 app',
      'RUN useradd -lmu 1000000 app',
      'RUN useradd --no-log-init -u 1000000 app',
      'RUN useradd -u 99999 app',
      'RUN useradd -u "$UID" app',
      'RUN useradd app',
    ]) {
      assert.deepStrictEqual(flaggedBy(RULE, deb(run)), [], run);
    }
  });

  it('reports the UID and adds -l after useradd', () => {
    assert.deepStrictEqual(flaggedBy(RULE, deb('RUN useradd -u 1000000 app')), ['1000000']);
    assert.strictEqual(
      fixedBy(RULE, deb('RUN sudo useradd -u 1000000 app')),
      deb('RUN sudo useradd -l -u 1000000 app'),
    );
  });
});
