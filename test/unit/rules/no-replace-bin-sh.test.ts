import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'no-replace-bin-sh';
const df = (run: string, from = 'fedora:40') => `FROM ${from}\n${run}\nUSER nobody\n`;

describe(RULE, () => {
  const deb = (run: string) => df(run, 'debian:12-slim');
  it('flags links named /bin/sh or /usr/bin/sh', () => {
    assert.deepStrictEqual(flaggedBy(RULE, deb('RUN ln -sf /bin/bash /bin/sh')), ['/bin/sh']);
    assert.deepStrictEqual(flaggedBy(RULE, deb('RUN rm /bin/sh && ln -s bash /usr/bin/sh')), ['/usr/bin/sh']);
    assert.deepStrictEqual(flaggedBy(RULE, deb('RUN ln --symbolic --force /bin/bash "/bin/sh"')), ['"/bin/sh"']);
  });

  it('ignores links to /bin/sh and non-literal names', () => {
    assert.deepStrictEqual(flaggedBy(RULE, deb('RUN ln -s /bin/sh /usr/local/bin/sh2')), []);
    assert.deepStrictEqual(flaggedBy(RULE, deb('RUN ln -sf /bin/bash $TARGET')), []);
  });
});
