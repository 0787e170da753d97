/**
 * Every rule's documentation examples are tests: each bad example gives
 * exactly the findings of the rule it states in `expect` (message id, start,
 * covered text; none more, none fewer), each good example is clean (for every rule, so that the docs only
 * show exemplary Dockerfiles), and the preferred fix of a bad example gives
 * the documented result without introducing any new problem.
 */
import * as assert from 'assert';
import { RULES } from '../../server/src/rules/registry';
import { ExpectedFinding, Rule, RuleExample } from '../../server/src/rules/types';
import { DockerCoachSettings } from '../../server/src/protocol';
import { LintEnvironment } from '../../server/src/engine/lint';
import { applyProposal, countByRule, fakeDisk, languageOf, lintText } from '../support/lint';

/**
 * The example's settings, with the rule turned on: an example shows what the rule
 * says when it runs, whichever preset it is in.
 */
function settingsOf(rule: Rule, example: RuleExample): Partial<DockerCoachSettings> {
  return { ...example.settings, rules: { [rule.id]: rule.defaultSeverity, ...example.settings?.rules } };
}

function environmentOf(example: RuleExample): LintEnvironment {
  const disk = example.files === undefined ? {} : fakeDisk(example.files);
  if (example.dockerignore === undefined) return disk;
  return {
    ...disk,
    dockerignore: example.dockerignore === null ? null : { path: '/context/.dockerignore', text: example.dockerignore },
  };
}

describe('rule documentation examples', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      rule.docs.bad.forEach((example, i) => {
        it(`bad example ${i + 1} gives exactly the findings it states`, () => {
          const result = lintText(example.code, languageOf(rule), settingsOf(rule, example), environmentOf(example));
          assert.ok(example.expect, `bad example ${i + 1} of ${rule.id} states no expect`);
          assert.ok(example.expect.length > 0, `bad example ${i + 1} of ${rule.id} expects no finding`);
          assert.ok(
            example.expect.every((e) => e.messageId in rule.messages),
            `unknown message id in ${JSON.stringify(example.expect)}`,
          );
          const found: ExpectedFinding[] = result.findings
            .filter((f) => f.rule.id === rule.id)
            .map((f) => ({
              messageId: f.messageId,
              line: f.range.start.line + 1,
              column: f.range.start.character + 1,
              text: result.document.getText(f.range),
            }));
          assert.deepStrictEqual(found, example.expect, `in:\n${example.code}`);
        });
        if (example.fixed !== undefined) {
          it(`bad example ${i + 1}: the first fix gives the documented result and adds no problem`, () => {
            const environment = environmentOf(example);
            const before = lintText(example.code, languageOf(rule), settingsOf(rule, example), environment);
            const finding = before.findings.find((f) => f.rule.id === rule.id)!;
            const fixes = finding.fixes?.() ?? [];
            assert.ok(fixes.length > 0, 'the rule offers no fix for its documented example');
            const applied = applyProposal(example.code, environment, fixes[0]);
            assert.strictEqual(applied.text, example.fixed);
            if (example.fixedDockerignore !== undefined)
              assert.strictEqual(applied.environment.dockerignore?.text, example.fixedDockerignore);
            const after = lintText(applied.text, languageOf(rule), settingsOf(rule, example), applied.environment);
            assert.ok(!after.findings.some((f) => f.rule.id === rule.id), `${rule.id} still reported after its fix`);
            const counts = countByRule(before);
            for (const [id, count] of countByRule(after)) {
              assert.ok(count <= (counts.get(id) ?? 0), `the fix introduced a new "${id}" problem:\n${applied.text}`);
            }
            assert.strictEqual(after.notices.length, 0);
          });
        }
      });
      if (rule.fix !== 'none') {
        it('documents the result of its fix', () => {
          assert.ok(
            rule.docs.bad.some((ex) => ex.fixed !== undefined),
            `${rule.id} has a fix but no example shows it`,
          );
        });
      }
      rule.docs.good.forEach((example, i) => {
        it(`good example ${i + 1} is clean for every rule`, () => {
          const result = lintText(example.code, languageOf(rule), settingsOf(rule, example), environmentOf(example));
          assert.deepStrictEqual(
            result.findings.map((f) => `${f.rule.id}: ${f.message}`),
            [],
          );
        });
      });
    });
  }
});
