/**
 * Fix soundness: "a fix never produces a Dockerfile with new problems".
 *
 * Over every fixture file, every rule's documented examples, the lesson
 * exercises (starter and solution), a small sample of generated Dockerfiles,
 * and variants of each (CRLF ↔ LF, tab-indented continuation lines,
 * `# escape=\``), every fix proposal of every finding is applied on its own
 * and checked, and fix-all is run and checked; the RUN scripts a fix changes
 * are judged by the real shells (`bash -n`, `sh -n`) where installed. The checks
 * live in `test/support/soundness.ts`; `npm run test:soundness` runs them over
 * a large generated corpus.
 */
import * as assert from 'assert';
import * as path from 'path';
import { TextEdit } from 'vscode-languageserver-types';
import { discover, readText } from '../../server/src/cli/cli';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { EXERCISES } from '../../server/src/lessons/exercises';
import { RULES } from '../../server/src/rules/registry';
import { RuleExample } from '../../server/src/rules/types';
import { LintEnvironment } from '../../server/src/engine/lint';
import { generateCorpus } from '../support/generateDockerfiles';
import { fakeDisk, languageOf } from '../support/lint';
import {
  ALLOWANCES,
  backtickEscape,
  baselineOf,
  checkInput,
  checkProposal,
  FailureKind,
  formatFailure,
  isAllowed,
  newStats,
  resolveShellChecks,
  SoundnessInput,
  SoundnessLanguage,
  summaryLine,
  swapLineEndings,
  tabIndentContinuations,
  variantsOf,
} from '../support/soundness';
import { joinContinuations, runScriptsOf, shellAvailable } from '../support/realShells';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = path.resolve(__dirname, '../../..');

function environmentOf(example: RuleExample): LintEnvironment {
  // Files beside a compose file: the rules that read the Dockerfile a service builds need them to offer their fixes.
  const disk: LintEnvironment = example.files ? fakeDisk(example.files) : {};
  if (example.dockerignore === undefined) return disk;
  return {
    ...disk,
    dockerignore: example.dockerignore === null ? null : { path: '/context/.dockerignore', text: example.dockerignore },
  };
}

function fixtureInputs(): SoundnessInput[] {
  const errors: string[] = [];
  const files = discover([path.join(root, 'test/fixtures')], null, errors);
  assert.deepStrictEqual(errors, []);
  return files.map(({ file, language }) => ({
    name: path.relative(root, file),
    text: readText(file),
    language: language as SoundnessLanguage,
  }));
}

/** Inputs, and for documented bad examples with a fixed result, the rule that must offer a fix. */
const mustOfferFix = new Map<SoundnessInput, string>();

function exampleInputs(): SoundnessInput[] {
  return RULES.flatMap((rule) =>
    (['bad', 'good'] as const).flatMap((kind) =>
      rule.docs[kind].map((example, i) => {
        const input: SoundnessInput = {
          name: `${rule.id} ${kind} example ${i + 1}`,
          text: example.code,
          language: languageOf(rule),
          settings: example.settings,
          environment: environmentOf(example),
        };
        if (kind === 'bad' && example.fixed !== undefined) mustOfferFix.set(input, rule.id);
        return input;
      }),
    ),
  );
}

function exerciseInputs(): SoundnessInput[] {
  return EXERCISES.flatMap((exercise) =>
    (['starter', 'solution'] as const).map((kind) => ({
      name: `${exercise.lesson} exercise ${kind}`,
      text: exercise[kind],
      language: exercise.language,
    })),
  );
}

function allowListInputs(): SoundnessInput[] {
  return ALLOWANCES.map((a) => ({
    name: `allow-list: ${a.rule} ${a.kind}${a.newRule ? ` ${a.newRule}` : ''}`,
    text: a.example,
    language: 'dockerfile',
  }));
}

/** How many generated Dockerfiles the unit suite checks (the long run checks thousands). */
const GENERATED = 60;

describe('fix soundness', () => {
  const stats = newStats();
  after(() => {
    console.log(`\n  ${summaryLine(stats)}`);
    if (stats.shells.missing.size)
      console.log(
        `  notice: ${[...stats.shells.missing].join(', ')} not installed, so its RUN scripts were not judged`,
      );
  });

  const groups: [string, SoundnessInput[]][] = [
    ['fixture files', fixtureInputs()],
    ['documented examples', exampleInputs()],
    ['lesson exercises', exerciseInputs()],
    ['generated Dockerfiles', generateCorpus(GENERATED, 1)],
    ['allow-list examples', allowListInputs()],
  ];
  for (const [group, inputs] of groups) {
    describe(group, () => {
      for (const input of inputs) {
        for (const variant of [input, ...variantsOf(input)]) {
          it(variant.name, () => {
            const outcome = checkInput(variant, stats);
            assert.deepStrictEqual(
              outcome.failures.map((f) => formatFailure(f)),
              [],
              outcome.failures.map((f) => formatFailure(f, true)).join('\n\n'),
            );
            // A documented fix is offered on its example, and so tried here.
            const rule = mustOfferFix.get(input);
            if (variant === input && rule)
              assert.ok(outcome.rulesTried.has(rule), `${rule} offered no fix on its documented example`);
          });
        }
      }
    });
  }

  // Mocha runs a suite's own tests before its child suites: these sit in a suite after the groups.
  describe('coverage', () => {
    it('tried a fix of every rule that has one', () => {
      const untried = RULES.filter((r) => r.fix !== 'none' && !stats.fixesByRule.has(r.id)).map((r) => r.id);
      assert.deepStrictEqual(untried, []);
    });

    it('needs every allow-list entry, and each says why', () => {
      for (const allowance of ALLOWANCES) {
        const what = `${allowance.rule} ${allowance.kind}${allowance.newRule ? ` ${allowance.newRule}` : ''}`;
        assert.ok(
          RULES.some((r) => r.id === allowance.rule),
          `unknown rule in the allow-list: ${what}`,
        );
        assert.ok(allowance.reason.length > 30, `${what} needs a reason`);
        const input: SoundnessInput = {
          name: what,
          text: allowance.example,
          language: 'dockerfile',
          settings: allowance.settings,
        };
        const failures = checkInput(input, newStats(), []).failures;
        assert.ok(
          failures.some((f) => isAllowed(f, [allowance])),
          `${what}: its example no longer needs the entry, remove it from the allow-list`,
        );
      }
    });
  });
});

describe('fix soundness checks', () => {
  const text = '# escape=\\\r\nFROM alpine:3.20\r\n# keep me\r\nRUN apk add curl \\\r\n    git\r\nUSER nobody\r\n';
  const input: SoundnessInput = { name: 'probe', text, language: 'dockerfile' };

  function kindsOf(edits: TextEdit[]): FailureKind[] {
    const baseline = baselineOf(input);
    const finding = baseline.result.findings.find((f) => f.rule.id === 'apk-no-cache');
    assert.ok(finding, 'the probe needs an apk-no-cache finding');
    return [...new Set(checkProposal(baseline, finding, { title: 'probe', safe: true, edits }).map((f) => f.kind))];
  }
  const fix = TextEdit.insert({ line: 3, character: 11 }, ' --no-cache');

  it('passes a sound fix', () => {
    assert.deepStrictEqual(kindsOf([fix]), []);
  });
  it('catches a fix that removes nothing', () => {
    assert.deepStrictEqual(kindsOf([TextEdit.insert({ line: 1, character: 4 }, '')]), ['no-op']);
  });
  it('catches positions past the end of a line or inside a CRLF', () => {
    assert.deepStrictEqual(kindsOf([fix, TextEdit.insert({ line: 1, character: 17 }, 'x')]), ['invalid-edit']);
  });
  it('catches overlapping edits', () => {
    assert.ok(
      kindsOf([
        fix,
        TextEdit.replace({ start: { line: 3, character: 8 }, end: { line: 3, character: 14 } }, 'add cu'),
      ]).includes('overlap'),
    );
    // Insertions at one position, or edits that only touch, are fine (as in LSP).
    assert.deepStrictEqual(kindsOf([fix, TextEdit.insert({ line: 3, character: 11 }, ' -q')]), []);
  });
  it('catches a lone LF in a CRLF document', () => {
    assert.deepStrictEqual(kindsOf([fix, TextEdit.insert({ line: 5, character: 0 }, 'EXPOSE 80\n')]), ['line-endings']);
  });
  it('catches a removed comment and a removed escape directive', () => {
    assert.deepStrictEqual(
      kindsOf([fix, TextEdit.del({ start: { line: 2, character: 0 }, end: { line: 3, character: 0 } })]),
      ['comments'],
    );
    assert.ok(
      kindsOf([fix, TextEdit.del({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } })]).includes(
        'directives',
      ),
    );
  });
  it('catches an edit that swallows the next instruction', () => {
    assert.ok(kindsOf([fix, TextEdit.insert({ line: 4, character: 7 }, ' \\')]).includes('instructions'));
  });
  it('catches a new finding of another rule', () => {
    const kinds = kindsOf([
      fix,
      TextEdit.replace({ start: { line: 5, character: 0 }, end: { line: 5, character: 11 } }, 'USER root'),
    ]);
    assert.deepStrictEqual(kinds, ['new-finding']);
  });
  it('catches a RUN that no longer parses as shell', () => {
    const lf: SoundnessInput = {
      name: 'probe',
      text: 'FROM alpine:3.20\nRUN apk add curl && echo ok\nUSER nobody\n',
      language: 'dockerfile',
    };
    const baseline = baselineOf(lf);
    const finding = baseline.result.findings.find((f) => f.rule.id === 'apk-no-cache')!;
    const broken = checkProposal(baseline, finding, {
      title: 'probe',
      safe: true,
      edits: [TextEdit.insert({ line: 1, character: 15 }, ' --no-cache (')],
    });
    assert.ok(
      broken.some((f) => f.kind === 'shell-parse'),
      broken.map((f) => formatFailure(f)).join('\n'),
    );
  });

  it('catches a RUN script that the real shell rejects and mvdan/sh accepts', function () {
    if (!shellAvailable('sh') || !shellAvailable('bash')) this.skip();
    // Process substitution is bash syntax: dash (sh -n) rejects it, bash -n accepts it.
    const check = (text: string) => {
      const baseline = baselineOf({ name: 'probe', text, language: 'dockerfile' });
      const finding = baseline.result.findings.find((f) => f.rule.id === 'apk-no-cache')!;
      const line = text.split('\n').findIndex((l) => l.startsWith('RUN'));
      const own = checkProposal(baseline, finding, {
        title: 'probe',
        safe: true,
        edits: [TextEdit.insert({ line, character: 11 }, ' --no-cache <(true)')],
      });
      return [...own, ...resolveShellChecks(baseline, newStats())];
    };
    const failures = check('FROM alpine:3.20\nRUN apk add curl && echo ok\nUSER nobody\n');
    assert.deepStrictEqual(
      failures.map((f) => f.kind),
      ['real-shell'],
      failures.map((f) => formatFailure(f, true)).join('\n'),
    );
    assert.match(failures[0].detail, /^sh -n rejects the RUN script at line 2 after the fix: .*Syntax error/);
    assert.match(
      failures[0].scripts!,
      /\[RUN at line 2, sh -n: accepted\]\napk add curl && echo ok\n--- RUN scripts after the fix\n\[RUN at line 2, sh -n: rejected: .*\]\napk add --no-cache <\(true\) curl && echo ok$/,
    );
    assert.deepStrictEqual(
      check('FROM alpine:3.20\nSHELL ["/bin/bash", "-c"]\nRUN apk add curl && echo ok\nUSER nobody\n'),
      [],
    );
  });

  it('takes RUN scripts as BuildKit runs them', () => {
    assert.strictEqual(
      joinContinuations('apt-get install \\\r\n  # a comment\r\n\r\n  curl\\  \r\n&& echo', '\\'),
      'apt-get install   curl&& echo',
    );
    assert.strictEqual(
      joinContinuations('cat <<EOF > f \\\n && ls\nline \\\nEOF', '\\'),
      'cat <<EOF > f  && ls\nline \\\nEOF',
    );
    const text = [
      'FROM debian:12',
      'RUN echo a \\',
      '    b',
      'RUN ["echo", "exec form"]',
      'RUN <<EOF',
      'set -e',
      'echo body',
      'EOF',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN echo c | cat',
      'RUN <<EOF',
      '#!/bin/sh',
      'echo shebang',
      'EOF',
      'SHELL ["zsh", "-c"]',
      'RUN echo z',
      '',
    ].join('\r\n');
    const model = new DockerfileModel(TextDocument.create('file:///probe/Dockerfile', 'dockerfile', 1, text));
    assert.deepStrictEqual(runScriptsOf(model), {
      scripts: [
        { shell: 'sh', text: 'echo a     b', line: 2 },
        { shell: 'sh', text: 'set -e\necho body\n', line: 5 },
        { shell: 'bash', text: 'echo c | cat', line: 10 },
        { shell: 'sh', text: '#!/bin/sh\necho shebang\n', line: 11 },
      ],
      otherShell: 1,
    });
  });

  it('builds the variants', () => {
    assert.strictEqual(swapLineEndings('a\nb\n'), 'a\r\nb\r\n');
    assert.strictEqual(swapLineEndings('a\r\nb\r\n'), 'a\nb\n');
    assert.strictEqual(
      tabIndentContinuations('FROM a\nRUN x \\\n    y \\\n\n  # c\n  z\nUSER b\n'),
      'FROM a\nRUN x \\\n\ty \\\n\n\t# c\n\tz\nUSER b\n',
    );
    assert.strictEqual(
      backtickEscape('FROM a\r\nRUN x \\\r\n  y\r\n# a \\\r\n'),
      '# escape=`\r\nFROM a\r\nRUN x `\r\n  y\r\n# a \\\r\n',
    );
    assert.strictEqual(backtickEscape('FROM a\nRUN <<EOF\nx\nEOF\n'), null);
    assert.deepStrictEqual(
      variantsOf({ name: 'n', text: 'FROM a\nRUN x \\\n  y\n', language: 'dockerfile' }).map((v) => v.name),
      ['n [crlf]', 'n [tabs]', 'n [backtick]'],
    );
  });
});
