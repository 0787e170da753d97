import * as assert from 'assert';
import { flaggedBy, lintText, applyEdits } from '../../support/lint';

const RULE = 'dockerignore-backslash';

describe(RULE, () => {
  it('flags each backslash used as a separator, with a safe fix', () => {
    const text = 'src\\build\\out\n';
    assert.deepStrictEqual(flaggedBy(RULE, text), ['\\', '\\']);
    const finding = lintText(text, 'dockerignore').findings[0];
    const [fix] = finding.fixes!();
    assert.ok(fix.safe);
    assert.strictEqual(applyEdits(text, fix.edits), 'src/build\\out\n');
  });
  it('also in exceptions and after wildcards', () => {
    assert.deepStrictEqual(flaggedBy(RULE, '*\n!dist\\app.js\n**\\obj\n'), ['\\', '\\']);
  });
  it('leaves escapes of special characters and comments alone', () => {
    assert.deepStrictEqual(flaggedBy(RULE, '\\#notes\nfile\\*\n# a\\b comment\n'), []);
  });
});
