import * as assert from 'assert';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { RULES } from '../../server/src/rules/registry';
import { unwrapProse } from '../../server/src/rules/types';
import { DockerCoachService } from '../../server/src/service/languageService';
import { applyEdits, docOf, findingsOf, lintText, ruleIds } from '../support/lint';
import { lint, lintInSlices, LintResult } from '../../server/src/engine/lint';
import { TextDocument } from 'vscode-languageserver-textdocument';

const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });

function rangeText(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  const doc = docOf(text);
  return doc.getText(range);
}

describe('diagnostics', () => {
  it('carry code, source, documentation link, severity and tags', () => {
    const text = 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n';
    const [diagnostic] = service.diagnostics(docOf(text), DEFAULT_SETTINGS);
    assert.strictEqual(diagnostic.code, 'maintainer-deprecated');
    assert.strictEqual(diagnostic.source, 'docker-coach');
    assert.strictEqual(diagnostic.codeDescription?.href, 'file:///docs/rules/maintainer-deprecated.md');
    assert.strictEqual(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.deepStrictEqual(diagnostic.tags, [DiagnosticTag.Deprecated]);
    assert.strictEqual(rangeText(text, diagnostic.range), 'MAINTAINER');
  });

  it('point at the offending token, not the whole line', () => {
    const cases: [string, string, string][] = [
      ['FROM ubuntu:latest\nUSER nobody\n', 'pin-base-image', 'latest'],
      ['FROM ubuntu\nUSER nobody\n', 'pin-base-image', 'ubuntu'],
      [
        'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER nobody\n',
        'apt-get-no-recommends',
        'install',
      ],
      ['FROM alpine:3.20\nWORKDIR app\nUSER nobody\n', 'absolute-workdir', 'app'],
      ['FROM alpine:3.20\nRUN ls && cd /tmp\nUSER nobody\n', 'no-cd-in-run', 'cd'],
      ['FROM alpine:3.20\nUSER nobody\nCMD echo hi\n', 'exec-form-cmd', 'echo hi'],
      ['FROM alpine:3.20\nUSER root\n', 'non-root-user', 'root'],
      ['FROM alpine:3.20\nADD a.txt /a.txt\nUSER nobody\n', 'copy-not-add', 'ADD'],
      ['FROM node:20\nCOPY . .\nRUN npm ci\nUSER node\n', 'dependencies-before-source', '.'],
    ];
    for (const [text, rule, expected] of cases) {
      const finding = findingsOf(rule, text)[0];
      assert.ok(finding, `${rule} not reported for ${JSON.stringify(text)}`);
      assert.strictEqual(rangeText(text, finding.range), expected, rule);
    }
  });

  it('report positions after non-ASCII text and continuation lines correctly', () => {
    const text =
      'FROM debian:12\nRUN echo "héllo ✓" && \\\n    # a comment inside the continuation\n    apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* && cd /tmp\nUSER nobody\n';
    const cd = findingsOf('no-cd-in-run', text)[0];
    assert.ok(cd);
    assert.strictEqual(rangeText(text, cd.range), 'cd');
    assert.strictEqual(cd.range.start.line, 3);
  });

  it('mark overridden instructions as unnecessary', () => {
    const text = 'FROM alpine:3.20\nUSER nobody\nCMD ["a"]\nCMD ["b"]\n';
    const [diagnostic] = service.diagnostics(docOf(text), DEFAULT_SETTINGS);
    assert.strictEqual(diagnostic.code, 'multiple-instructions');
    assert.deepStrictEqual(diagnostic.tags, [DiagnosticTag.Unnecessary]);
    assert.strictEqual(diagnostic.range.start.line, 2);
  });
});

describe('settings', () => {
  const text = 'FROM ubuntu\nMAINTAINER me\nUSER nobody\n';
  it('turn a rule off by id or by an equivalent code', () => {
    assert.deepStrictEqual(ruleIds(lintText(text, 'dockerfile', { rules: { 'pin-base-image': 'off' } })), [
      'maintainer-deprecated',
    ]);
    assert.deepStrictEqual(ruleIds(lintText(text, 'dockerfile', { rules: { DL4000: 'off' } })), ['pin-base-image']);
    assert.deepStrictEqual(ruleIds(lintText(text, 'dockerfile', { rules: { MaintainerDeprecated: 'off' } })), [
      'pin-base-image',
    ]);
  });
  it('change a severity', () => {
    const result = lintText(text, 'dockerfile', { rules: { 'pin-base-image': 'error' } });
    assert.strictEqual(result.findings.find((f) => f.rule.id === 'pin-base-image')?.severity, 'error');
  });
  it('disable linting entirely', () => {
    assert.deepStrictEqual(lintText(text, 'dockerfile', { enable: false }).findings, []);
  });
});

describe('pragmas', () => {
  it('silence the next instruction only', () => {
    const text =
      'FROM alpine:3.20\n# docker-coach ignore=no-cd-in-run\nRUN cd /a && \\\n    cd /b\nRUN cd /c\nUSER nobody\n';
    const lines = findingsOf('no-cd-in-run', text).map((f) => f.range.start.line);
    assert.deepStrictEqual(lines, [4]);
  });
  it('silence a file with a global pragma', () => {
    const text = '# docker-coach global ignore=no-cd-in-run\nFROM alpine:3.20\nRUN cd /a\nRUN cd /b\nUSER nobody\n';
    assert.ok(!ruleIds(lintText(text)).includes('no-cd-in-run'));
  });
  it('understand hadolint codes, including one code of a rule that has several', () => {
    const text =
      'FROM ubuntu\n# hadolint ignore=DL3007\nFROM ubuntu:latest\n# hadolint ignore=DL3006\nFROM debian\nUSER nobody\n';
    const pins = findingsOf('pin-base-image', text).map((f) => f.range.start.line);
    assert.deepStrictEqual(pins, [0]);
  });
  it('take a comment after the list', () => {
    const text =
      'FROM alpine:3.20\n# hadolint ignore=DL3003 # the build script needs it\nRUN cd /a\n# docker-coach ignore=no-cd-in-run   # same\nRUN cd /b\nUSER nobody\n';
    assert.ok(!ruleIds(lintText(text)).includes('no-cd-in-run'));
  });
  it('silence a build stage with a stage pragma: above a FROM, its whole stage; inside one, the rest of it', () => {
    const text =
      '# hadolint stage ignore=DL3003,DL3006 # internal builder\nFROM golang AS build\nRUN cd /src\nFROM alpine\nRUN cd /a\n# docker-coach stage ignore=no-cd-in-run\nRUN cd /b\nRUN cd /c\nFROM alpine:3.20\nRUN cd /d\nUSER nobody\n';
    const lines = (rule: string) => findingsOf(rule, text).map((f) => f.range.start.line);
    assert.deepStrictEqual(lines('no-cd-in-run'), [4, 9]);
    assert.deepStrictEqual(lines('pin-base-image'), [3]);
  });
  it('can ignore hadolint pragmas when asked', () => {
    const text = '# hadolint global ignore=DL3003\nFROM alpine:3.20\nRUN cd /a\nUSER nobody\n';
    assert.ok(ruleIds(lintText(text, 'dockerfile', { honorHadolintPragmas: false })).includes('no-cd-in-run'));
    assert.ok(!ruleIds(lintText(text)).includes('no-cd-in-run'));
  });
});

describe('rule registry', () => {
  it('is sorted by id, with unique ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepStrictEqual(ids, [...ids].sort());
    assert.strictEqual(new Set(ids).size, ids.length);
  });
  it('has complete metadata for every rule', () => {
    for (const rule of RULES) {
      assert.match(rule.id, /^[a-z][a-z0-9-]+$/);
      assert.ok(rule.title && rule.docs.flags && rule.docs.why, rule.id);
      assert.ok(rule.docs.bad.length > 0 && rule.docs.good.length > 0, `${rule.id} needs bad and good examples`);
      for (const message of Object.values(rule.messages)) assert.ok(message.length > 10, rule.id);
    }
  });
  it('reads docs prose wrapped in the source as one line per paragraph', () => {
    assert.strictEqual(
      unwrapProse('Flags a `RUN` that\n      runs   twice.\n\n      Why: it is slow.'),
      'Flags a `RUN` that runs   twice.\n\nWhy: it is slow.',
    );
    for (const rule of RULES) {
      assert.ok(
        !/(?<!\n)\n(?!\n)/.test(`${rule.docs.flags}\n\n${rule.docs.why}`),
        `${rule.id}: a wrapped line was left in its prose`,
      );
    }
  });
  it('has at least 12 Dockerfile rules', () => {
    assert.ok(RULES.filter((r) => r.language === 'dockerfile').length >= 12);
  });
});

describe('lint in slices', () => {
  const big = `FROM alpine:3.20\n${Array.from({ length: 300 }, (_, i) => `RUN echo ${i} | tee /tmp/${i}\nMAINTAINER me\n`).join('')}`;
  const document = () => TextDocument.create('file:///work/slices/Dockerfile', 'dockerfile', 1, big);
  const summary = (result: LintResult | null) =>
    result && result.findings.map((f) => `${f.rule.id}@${f.range.start.line}:${f.range.start.character}`);

  it('finds exactly what the one-piece lint finds', async () => {
    const whole = lint(document(), DEFAULT_SETTINGS);
    const sliced = await lintInSlices(document(), DEFAULT_SETTINGS, undefined, {}, () => false, 0);
    assert.ok(whole.findings.length >= 300, `findings: ${whole.findings.length}`);
    assert.deepStrictEqual(summary(sliced), summary(whole));
  });

  it('gives the event loop a turn between slices', async () => {
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    const started = lintInSlices(document(), DEFAULT_SETTINGS, undefined, {}, () => false, 0);
    await started;
    clearInterval(counting);
    // With no time budget, every rule is its own slice: timers ran while the lint was under way.
    assert.ok(turns > 0, `timer turns during the lint: ${turns}`);
  });

  it('stops, with no result, once the lint is no longer wanted', async () => {
    let asked = 0;
    const result = await lintInSlices(document(), DEFAULT_SETTINGS, undefined, {}, () => ++asked >= 3, 0);
    assert.strictEqual(result, null);
    assert.strictEqual(asked, 3);
  });
});

describe('ONBUILD triggers and file parts without FROM', () => {
  const findings = (text: string, rule: string) => findingsOf(rule, text, { settings: { preset: 'all' } });

  it('checks a trigger once, at its place in the ONBUILD line', () => {
    const text = 'FROM debian:12-slim\nONBUILD RUN sudo make install\nUSER nobody\n';
    const found = findings(text, 'no-sudo');
    assert.deepStrictEqual(
      found.map((f) => rangeText(text, f.range)),
      ['sudo'],
    );
    assert.deepStrictEqual(found[0].range.start, { line: 1, character: 12 });
  });

  it('keeps the fixes that edit inside the trigger, and drops those that would add lines around it', () => {
    const text = 'FROM debian:12-slim\nONBUILD RUN curl -fsSL https://example.com/install.sh | bash\nUSER nobody\n';
    const [pipe] = findings(text, 'run-pipefail');
    assert.ok(pipe, 'run-pipefail not reported');
    // The SHELL line a plain RUN would get would change this image, not the one the trigger runs in.
    assert.deepStrictEqual(pipe.fixes?.().map((p) => p.title) ?? [], []);
    const yes = findings(
      'FROM debian:12-slim\nONBUILD RUN apt-get update && apt-get install curl\nUSER nobody\n',
      'apt-get-yes',
    );
    assert.deepStrictEqual(
      yes[0].fixes?.().map((p) => p.edits.map((e) => e.range.start)),
      [[{ line: 1, character: 45 }]],
    );
  });

  it('checks the instructions of a file without FROM, and keeps whole-image rules quiet there', () => {
    const text = 'RUN apt-get update && apt-get install -y curl\nUSER root\nCMD ["app"]\n';
    const ids = ruleIds(lintText(text, 'dockerfile', { preset: 'all' }));
    assert.ok(ids.includes('apt-get-clean-lists') && ids.includes('apt-get-no-recommends'), ids.join(' '));
    for (const imageRule of ['non-root-user', 'healthcheck-missing', 'label-missing'])
      assert.ok(!ids.includes(imageRule), imageRule);
  });
});

describe('the engine with .dockerignore documents', () => {
  it('runs only .dockerignore rules on them', () => {
    const result = lintText('FROM alpine\n!x\n*\n', 'dockerignore');
    assert.deepStrictEqual(
      result.findings.map((f) => f.rule.id),
      ['dockerignore-exception-overridden'],
    );
  });
  it('honours suppression comments', () => {
    assert.deepStrictEqual(
      lintText('# docker-coach ignore=dockerignore-exception-overridden\n!x\n*\n', 'dockerignore').findings,
      [],
    );
  });
  it('fixes all safe problems and gives no hover', () => {
    const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
    const doc = docOf('a\\b\nc\\d\n', 'dockerignore');
    const edits = service.fixAll(doc, DEFAULT_SETTINGS);
    assert.strictEqual(applyEdits(doc.getText(), edits), 'a/b\nc/d\n');
    assert.strictEqual(service.hover(doc, { line: 0, character: 0 }), null);
  });
});
