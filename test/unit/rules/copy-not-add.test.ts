import * as assert from 'assert';
import { findingsOf } from '../../support/lint';

const RULE = 'copy-not-add';

describe(RULE, () => {
  it('reads quoted sources as BuildKit does: a quoted archive is unpacked and a quoted URL downloaded', () => {
    for (const source of ['"app.tar.gz"', "'https://example.com/app.tar.gz'"]) {
      assert.deepStrictEqual(findingsOf(RULE, `FROM alpine:3.20\nADD ${source} /opt/\nUSER nobody\n`), [], source);
    }
    assert.deepStrictEqual(
      findingsOf(RULE, 'FROM alpine:3.20\nADD "app.conf" /etc/app.conf\nUSER nobody\n').map((f) => f.text),
      ['ADD'],
    );
  });
});
