/** Generated documentation must match the rule metadata. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allRulePages, withRuleTable } from '../../server/src/docs/ruleDocs';

const root = path.resolve(__dirname, '../../..');

describe('generated documentation', () => {
  it('docs/rules has exactly the current rule pages (run `npm run docs` to regenerate)', () => {
    const pages = allRulePages();
    const files = fs
      .readdirSync(path.join(root, 'docs/rules'))
      .filter((f) => f.endsWith('.md'))
      .sort();
    assert.deepStrictEqual(files, [...pages.keys()].sort());
    for (const [file, text] of pages) {
      assert.strictEqual(
        fs.readFileSync(path.join(root, 'docs/rules', file), 'utf8'),
        text,
        `docs/rules/${file} is stale`,
      );
    }
  });
  it('the README rule table is current (run `npm run docs` to regenerate)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.strictEqual(readme, withRuleTable(readme));
  });
});
