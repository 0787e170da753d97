import * as assert from 'assert';
import { flaggedBy, fixedBy } from '../../support/lint';

const RULE = 'wget-progress';
const df = (run: string, from = 'fedora:40') => `FROM ${from}\n${run}\nUSER nobody\n`;

describe(RULE, () => {
  const deb = (run: string) => df(run, 'debian:12-slim');
  it('accepts --progress, quiet, non-verbose and log-file options anywhere', () => {
    for (const run of [
      'RUN wget --progress=bar:force https://x',
      'RUN wget https://x -q',
      'RUN wget -qO- https://x',
      'RUN wget -nv https://x',
      'RUN wget --no-verbose https://x',
      'RUN wget -o /log https://x',
      'RUN wget --quiet https://x',
    ]) {
      assert.deepStrictEqual(flaggedBy(RULE, deb(run)), [], run);
    }
  });

  it('does not read a value as an option cluster', () => {
    assert.deepStrictEqual(flaggedBy(RULE, deb('RUN wget -O q https://x')), ['wget']);
    assert.deepStrictEqual(flaggedBy(RULE, deb('RUN wget -Oq https://x')), ['wget']);
  });

  it('skips BusyBox wget on Alpine unless GNU wget is installed', () => {
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN wget https://x', 'alpine:3.20')), []);
    assert.deepStrictEqual(
      flaggedBy(RULE, df('RUN apk add --no-cache wget=1.24.5-r0 && wget https://x', 'alpine:3.20')),
      ['wget'],
    );
  });

  it('adds --progress=dot:giga after wget', () => {
    assert.strictEqual(
      fixedBy(RULE, deb('RUN wget -O /tmp/x https://x')),
      deb('RUN wget --progress=dot:giga -O /tmp/x https://x'),
    );
  });
});
