import * as assert from 'assert';
import { applyEdits, lintText, proposalsOf, ruleIds } from '../../support/lint';

const RULE = 'maintainer-deprecated';

describe(RULE, () => {
  it('writes instructions in the case of the document: Replace MAINTAINER', () => {
    const text = 'from alpine:3.20\nmaintainer Jane <j@example.com>\nuser nobody\n';
    const fix = proposalsOf(RULE, text).find((f) => f.title.startsWith('Replace MAINTAINER'));
    assert.ok(fix, 'Replace MAINTAINER');
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(
      fixed,
      'from alpine:3.20\nlabel org.opencontainers.image.authors="Jane <j@example.com>"\nuser nobody\n',
    );
    assert.ok(!ruleIds(lintText(fixed)).includes('consistent-instruction-casing'));
  });
});
