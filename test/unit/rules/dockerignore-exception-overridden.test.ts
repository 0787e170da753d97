import * as assert from 'assert';
import { flaggedBy, lintText } from '../../support/lint';

const RULE = 'dockerignore-exception-overridden';

describe(RULE, () => {
  it('flags an exception that a later line excludes again, naming that line', () => {
    assert.deepStrictEqual(flaggedBy(RULE, '!README.md\n*.md\n'), ['!README.md']);
    assert.deepStrictEqual(flaggedBy(RULE, '*.md\n!README.md\ndocs\n*.md\n'), ['!README.md']);
    assert.deepStrictEqual(flaggedBy(RULE, '!src/main.go\nsrc\n'), ['!src/main.go']);
    const [finding] = lintText('!keep\n# all of it\n*\n', 'dockerignore').findings;
    assert.match(finding.message, /line 3 \("\*"\)/);
  });
  it('flags wildcard exceptions only when the same pattern or a catch-all follows', () => {
    assert.deepStrictEqual(flaggedBy(RULE, '!*.go\n**\n'), ['!*.go']);
    assert.deepStrictEqual(flaggedBy(RULE, '!*.go\n*.go\n'), ['!*.go']);
    assert.deepStrictEqual(flaggedBy(RULE, '!*.go\nvendor\n'), []);
    assert.deepStrictEqual(flaggedBy(RULE, '!*.go\n*\n!main.go\n'), []);
  });
  it('accepts exceptions after their pattern, and later lines that do not touch them', () => {
    for (const text of [
      '*.md\n!README.md\n',
      '*\n!src\n!package.json\n',
      '!README.md\ndocs/*.md\n',
      'docs\n!docs/index.md\n*.tmp\n',
      '!keep\n',
    ]) {
      assert.deepStrictEqual(flaggedBy(RULE, text), [], text);
    }
  });
});
