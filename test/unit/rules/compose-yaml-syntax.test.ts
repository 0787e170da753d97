/** compose-yaml-syntax: what the YAML parser cannot read is a finding with a rule, not a rule-less notice. */
import * as assert from 'assert';
import { lintText } from '../../support/lint';

const rule = 'compose-yaml-syntax';

/** Each finding of the rule as `line:character severity message` (0-based). */
function shown(text: string, settings = {}): string[] {
  const result = lintText(text, 'dockercompose', settings);
  assert.deepStrictEqual(result.notices, [], 'YAML problems are findings, not notices');
  return result.findings
    .filter((f) => f.rule.id === rule)
    .map((f) => `${f.range.start.line}:${f.range.start.character} ${f.severity} ${f.message}`);
}

describe('compose-yaml-syntax', () => {
  it('reports syntax errors, duplicate keys, unknown and self-containing aliases at their place', () => {
    assert.deepStrictEqual(shown('services:\n  web:\n    image: nginx:1.27\n    environment: *x\n'), [
      '3:17 error YAML: Unknown alias *x: no anchor &x is defined before it.',
    ]);
    assert.deepStrictEqual(shown('x-a: &a\n  b: *a\nservices:\n  web:\n    image: nginx:1.27\n'), [
      '1:5 error YAML: The alias *a is inside the anchor &a it refers to: the value would contain itself.',
    ]);
    assert.deepStrictEqual(
      shown('services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.28\n').map((s) => s.slice(0, 10)),
      ['3:4 error '],
    );
    assert.deepStrictEqual(shown('services:\n  web:\n    image: [nginx\n').length, 1);
    assert.deepStrictEqual(shown('services:\n  web:\n    image: nginx:1.27\n'), []);
  });

  it('YAML warnings are one level milder, and the rule can be turned off like any other', () => {
    assert.deepStrictEqual(
      shown('services:\n  web:\n    image: !custom nginx:1.27\n').map((s) => s.split(' ')[1]),
      ['warning'],
    );
    assert.deepStrictEqual(shown('services:\n  web:\n    image: [nginx\n', { rules: { [rule]: 'off' } }), []);
    assert.deepStrictEqual(
      shown('services:\n  web:\n    image: [nginx\n', { rules: { 'invalid-yaml': 'warning' } }).map(
        (s) => s.split(' ')[1],
      ),
      ['warning'],
    );
  });
});
