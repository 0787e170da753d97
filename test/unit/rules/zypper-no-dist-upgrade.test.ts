import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'zypper-no-dist-upgrade';
const df = (run: string, from = 'fedora:40') => `FROM ${from}\n${run}\nUSER nobody\n`;

describe(RULE, () => {
  it('flags dist-upgrade and dup, not update', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, df('RUN zypper -n dup && zypper -n dist-upgrade && zypper -n update && zypper clean')),
      ['dup', 'dist-upgrade'],
    );
  });
});
