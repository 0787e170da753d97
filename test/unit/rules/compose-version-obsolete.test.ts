/** compose-version-obsolete (its documented examples are tested with every rule's; these are the edge cases). */
import * as assert from 'assert';
import { applyEdits, findingsOf, lintText } from '../../support/lint';

const rule = 'compose-version-obsolete';
const proposals = (text: string) => findingsOf(rule, text)[0]?.fixes?.() ?? [];

describe('compose-version-obsolete', () => {
  it('removes the version line', () => {
    const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';
    const [fix] = proposals(text);
    assert.strictEqual(applyEdits(text, fix.edits), 'services:\n  web:\n    image: nginx:1.27\n');
  });

  it('offers no fix when the lines below would no longer parse without it', () => {
    // The parser reads this only because of the first line; without it, the rest is a syntax error.
    const text = 'version: "3"\nservices:- \n\n : web:\n    image: nginx:1.27\n';
    assert.ok(lintText(text, 'dockercompose').findings.some((f) => f.rule.id === rule));
    assert.deepStrictEqual(proposals(text), []);
  });
});
