import * as assert from 'assert';
import { appliedProposalsOf } from '../../support/lint';

const RULE = 'no-sudo';

describe(RULE, () => {
  it('removes sudo and its harmless options, unsafe', () => {
    const [fix] = appliedProposalsOf(RULE, 'FROM debian:12-slim\nRUN sudo -E -- apt-get update\nUSER nobody\n');
    assert.strictEqual(fix.result, 'FROM debian:12-slim\nRUN apt-get update\nUSER nobody\n');
    assert.strictEqual(fix.safe, false);
  });
  it('refuses when sudo switches to another user or runs nothing', () => {
    for (const run of ['sudo -u app make', 'sudo -i', 'sudo --user=app make']) {
      assert.deepStrictEqual(appliedProposalsOf(RULE, `FROM debian:12-slim\nRUN ${run}\nUSER nobody\n`), [], run);
    }
  });
});
