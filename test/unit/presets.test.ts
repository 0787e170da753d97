/** Presets: which rules run when the settings name none, in the editor, the CLI, lessons and docs. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { DEFAULT_SETTINGS, PRESETS } from '../../server/src/protocol';
import { RULES } from '../../server/src/rules/registry';
import { EXPERIMENTAL_BUILDKIT_CHECKS } from '../../server/src/data/directives';
import { inPreset, presetOf } from '../../server/src/rules/types';
import { effectiveSeverity } from '../../server/src/engine/lint';
import { normalizeSettings } from '../../server/src/service/settings';
import { CHECK_SETTINGS } from '../../server/src/lessons/exercises';
import { ExerciseFacts, noErrors } from '../../server/src/lessons/goals';
import { rulePage, ruleTable } from '../../server/src/docs/ruleDocs';
import { findingsOf, lintText, ruleIds } from '../support/lint';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const rule = (id: string) => RULES.find((r) => r.id === id)!;

// A Dockerfile that two rules outside the default preset report on:
// from-platform-flag (strict, hadolint DL3029) and healthcheck-missing (all).
const PLATFORM = 'FROM --platform=linux/amd64 debian:12-slim AS app\nUSER nobody\nCMD ["sleep", "1"]\n';

describe('presets', () => {
  it('each preset contains the one before it', () => {
    for (const r of RULES) {
      const from = PRESETS.indexOf(presetOf(r));
      assert.deepStrictEqual(
        PRESETS.map((p) => inPreset(r, p)),
        PRESETS.map((_p, i) => i >= from),
        r.id,
      );
    }
  });

  it('strict holds every check hadolint and BuildKit run by default', () => {
    // hadolint's rules that are off until configured ("ignore" in its rule table).
    const hadolintOff = new Set(['DL1001', 'DL3057']);
    for (const r of RULES) {
      const onElsewhere = r.equivalents.some(
        (e) =>
          (e.tool === 'hadolint' && !hadolintOff.has(e.id)) ||
          (e.tool === 'buildkit' && !EXPERIMENTAL_BUILDKIT_CHECKS.has(e.id)),
      );
      if (onElsewhere) assert.ok(inPreset(r, 'strict'), `${r.id} is on by default in hadolint or BuildKit`);
    }
  });

  it('recommended is the default and unknown names fall back to it', () => {
    assert.strictEqual(DEFAULT_SETTINGS.preset, 'recommended');
    assert.strictEqual(normalizeSettings({}).preset, 'recommended');
    assert.strictEqual(normalizeSettings({ preset: 'Strict' }).preset, 'strict');
    assert.strictEqual(normalizeSettings({ preset: 'all' }).preset, 'all');
    assert.strictEqual(normalizeSettings({ preset: 'everything' }).preset, 'recommended');
    assert.strictEqual(normalizeSettings({ preset: 3 }).preset, 'recommended');
  });

  it('runs a rule only in the presets that contain it, at its own severity', () => {
    const strictRule = rule('from-platform-flag');
    assert.strictEqual(presetOf(strictRule), 'strict');
    assert.strictEqual(effectiveSeverity(strictRule, DEFAULT_SETTINGS), 'off');
    assert.strictEqual(
      effectiveSeverity(strictRule, { ...DEFAULT_SETTINGS, preset: 'strict' }),
      strictRule.defaultSeverity,
    );
    assert.strictEqual(
      effectiveSeverity(strictRule, { ...DEFAULT_SETTINGS, preset: 'all' }),
      strictRule.defaultSeverity,
    );

    const found = (preset: 'recommended' | 'strict' | 'all') => ruleIds(lintText(PLATFORM, 'dockerfile', { preset }));
    assert.ok(!found('recommended').includes('from-platform-flag'));
    assert.ok(found('strict').includes('from-platform-flag'));
    assert.ok(!found('strict').includes('healthcheck-missing'));
    assert.ok(found('all').includes('healthcheck-missing'));
  });

  it('a rule setting wins over the preset, by rule id or by an equivalent code', () => {
    assert.ok(
      ruleIds(lintText(PLATFORM, 'dockerfile', { rules: { 'from-platform-flag': 'error' } })).includes(
        'from-platform-flag',
      ),
    );
    assert.strictEqual(
      findingsOf('from-platform-flag', PLATFORM, { settings: { rules: { DL3029: 'info' } } })[0]?.severity,
      'info',
    );
    assert.ok(
      !ruleIds(lintText(PLATFORM, 'dockerfile', { preset: 'all', rules: { 'healthcheck-missing': 'off' } })).includes(
        'healthcheck-missing',
      ),
    );
  });

  it('a hadolint code turns on its part of a rule that covers several codes, outside the preset too', () => {
    // rpm-pin-versions (strict) covers DL3033 (yum), DL3041 (dnf) and DL3037 (zypper).
    const text =
      'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all\nRUN dnf install -y nginx && dnf clean all\nUSER nobody\n';
    const pins = (rules: Record<string, 'warning' | 'error' | 'off'>) =>
      findingsOf('rpm-pin-versions', text, { settings: { rules } }).map((f) => [f.hadolintCode, f.severity]);
    assert.deepStrictEqual(pins({}), []);
    assert.deepStrictEqual(pins({ DL3033: 'error' }), [['DL3033', 'error']]);
    assert.deepStrictEqual(pins({ DL3033: 'off' }), []);
    assert.deepStrictEqual(pins({ 'rpm-pin-versions': 'warning' }), [
      ['DL3033', 'warning'],
      ['DL3041', 'warning'],
    ]);
  });

  it("BuildKit's experimental= turns on only experimental checks outside the preset", () => {
    const described = '# check=experimental=all\n# the builder\nFROM alpine:3.20 AS build\nRUN true\n';
    assert.ok(ruleIds(lintText(described)).includes('invalid-definition-description'));
    // from-platform-flag is a hadolint rule, not a BuildKit check: experimental= leaves it alone.
    assert.ok(!ruleIds(lintText(`# check=experimental=all\n${PLATFORM}`)).includes('from-platform-flag'));
  });

  it('exercises are checked with every rule on, so a goal may use a rule outside the default preset', () => {
    assert.deepStrictEqual(
      RULES.filter((r) => effectiveSeverity(r, CHECK_SETTINGS) === 'off').map((r) => r.id),
      [],
    );
    // ...while "no errors" counts only what the default preset shows a learner.
    const finding = (id: string) => ({
      rule: rule(id),
      severity: 'error',
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } },
    });
    const facts = (id: string) =>
      ({
        result: { findings: [finding(id)], notices: [] },
        text: 'FROM alpine:3.20\n',
        dockerfile: null,
        compose: null,
      }) as unknown as ExerciseFacts;
    assert.strictEqual(noErrors(facts('maintainer-deprecated')).passed, false);
    assert.strictEqual(noErrors(facts('from-platform-flag')).passed, true);
  });

  it("the CLI takes --preset, refuses unknown names and lists each rule's preset", () => {
    const run = (args: string[], input?: string) =>
      spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const lint = (preset?: string) =>
      JSON.parse(
        run(
          [
            'lint',
            '-',
            '--language',
            'dockerfile',
            '--no-shellcheck',
            '--format',
            'json',
            ...(preset ? ['--preset', preset] : []),
          ],
          PLATFORM,
        ).stdout,
      )[0].diagnostics.map((d: { rule: string }) => d.rule);
    assert.ok(!lint().includes('from-platform-flag'));
    assert.ok(lint('strict').includes('from-platform-flag'));
    assert.ok(lint('all').includes('healthcheck-missing'));
    const bad = run(['lint', '-', '--preset', 'loud'], PLATFORM);
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /unknown preset "loud" \(use recommended, strict, all\)/);
    const listed = JSON.parse(run(['rules', '--format', 'json']).stdout) as { id: string; preset: string }[];
    assert.deepStrictEqual(
      listed.map((r) => [r.id, r.preset]),
      RULES.map((r) => [r.id, presetOf(r)]),
    );
    const sarif = JSON.parse(
      run(
        ['lint', '-', '--language', 'dockerfile', '--no-shellcheck', '--format', 'sarif', '--preset', 'strict'],
        PLATFORM,
      ).stdout,
    );
    const enabled = (id: string) =>
      sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === id).defaultConfiguration.enabled;
    assert.strictEqual(enabled('from-platform-flag'), true);
    assert.strictEqual(enabled('healthcheck-missing'), false);
  });

  it('rule pages and the README table say which preset runs each rule, and how to turn it on', () => {
    const page = rulePage(rule('from-platform-flag'));
    assert.match(page, /\| Preset \| `strict` and `all`, not the default `recommended` \|/);
    assert.match(
      page,
      /## Turning it on[\s\S]*"dockerCoach.preset": "strict"[\s\S]*--preset strict[\s\S]*override: \{ warning: \[DL3029\] \}/,
    );
    assert.doesNotMatch(rulePage(rule('maintainer-deprecated')), /## Turning it on/);
    assert.match(
      ruleTable(),
      /\| \[`from-platform-flag`\]\(docs\/rules\/from-platform-flag\.md\) \| [^|]+ \| warning \| strict \|/,
    );
  });
});
