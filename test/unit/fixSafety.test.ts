/**
 * "A fix never produces a Dockerfile with new problems": every fix proposal
 * of every finding, on messy real-world shapes and on every documented bad
 * example, is applied on its own and the result is linted again.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/rules/registry';
import { applyEdits, countByRule, lintText } from '../support/lint';

const root = path.resolve(__dirname, '../../..');
const fixtureDir = path.join(root, 'test/fixtures/dockerfiles');
const inputs: [string, string][] = [
  ...fs.readdirSync(fixtureDir).map((f): [string, string] => [f, fs.readFileSync(path.join(fixtureDir, f), 'utf8')]),
  ...RULES.filter((r) => r.language === 'dockerfile').flatMap((r) => r.docs.bad.map((ex, i): [string, string] => [`${r.id} bad ${i + 1}`, ex.code])),
];

describe('fix safety', () => {
  for (const [name, text] of inputs) {
    it(`${name}: no fix adds a problem or breaks the parse`, () => {
      const before = lintText(text);
      const counts = countByRule(before);
      let tried = 0;
      for (const finding of before.findings) {
        for (const fix of finding.fixes?.() ?? []) {
          tried++;
          const fixed = applyEdits(text, fix.edits);
          assert.notStrictEqual(fixed, text, `"${fix.title}" changed nothing`);
          const after = lintText(fixed);
          assert.deepStrictEqual(after.notices, [], `"${fix.title}" produced a notice`);
          for (const [id, count] of countByRule(after)) {
            assert.ok(count <= (counts.get(id) ?? 0), `"${fix.title}" (${finding.rule.id}) added a "${id}" problem:\n${fixed}`);
          }
          const same = after.findings.filter((f) => f.rule.id === finding.rule.id).length;
          assert.ok(same < (counts.get(finding.rule.id) ?? 0), `"${fix.title}" did not remove its own finding:\n${fixed}`);
        }
      }
      assert.ok(tried > 0 || before.findings.every((f) => !f.fixes), name);
    });
  }
});
