/**
 * ShellCheck integration, against a stand-in executable that speaks
 * ShellCheck's json1 format (the real one is exercised by the real-VS Code
 * suite, whose setup installs Debian's shellcheck).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeActionKind } from 'vscode-languageserver-types';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { DEFAULT_SETTINGS, DockerCoachSettings } from '../../server/src/protocol';
import { codeActions } from '../../server/src/service/codeActions';
import { shellcheckDiagnostic, shellcheckJobs, ShellcheckRunner } from '../../server/src/shellcheck/shellcheck';
import { applyEdits, lintText } from '../support/lint';

const FAKE = path.resolve(__dirname, '../../../test/fixtures/shellcheck/fake-shellcheck.js');
const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function check(text: string, settings: Partial<DockerCoachSettings> = {}, runner = new ShellcheckRunner(FAKE)) {
  const all = { ...DEFAULT_SETTINGS, ...settings };
  const result = lintText(text, 'dockerfile', all);
  const model = result.model as DockerfileModel;
  return { findings: runner.checkSync(model, all, result.suppressions), result, model, runner };
}

function textAt(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  const lines = text.split('\n');
  assert.strictEqual(range.start.line, range.end.line);
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

describe('ShellCheck', () => {
  it('maps findings back to the Dockerfile through continuations, tabs and heredocs', () => {
    const text =
      'FROM alpine:3.20\nRUN echo "$HOME" && \\\n\tprintf %s $USER_NAME\nRUN <<EOF\nset -e\necho $GREETING\nEOF\nUSER nobody\n';
    const { findings } = check(text);
    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.range.start.line, textAt(text, f.range), f.severity]),
      [
        ['SC2086', 2, '$USER_NAME', 'info'],
        ['SC2086', 5, '$GREETING', 'info'],
      ],
    );
  });

  it('uses the shell the RUN really runs under, and skips exec form and non-POSIX shells', () => {
    const model = check(
      [
        'FROM debian:12.6',
        'RUN echo $A',
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'RUN echo $B',
        'RUN ["echo", "$C"]',
        'RUN <<EOF',
        '#!/usr/bin/env dash',
        'echo $D',
        'EOF',
        'SHELL ["pwsh", "-Command"]',
        'RUN Write-Host $E',
        'USER nobody',
        '',
      ].join('\n'),
    ).model;
    assert.deepStrictEqual(
      shellcheckJobs(model).map((j) => [j.dialect, j.text.trim().split('\n').pop()]),
      [
        ['sh', 'echo $A'],
        ['bash', 'echo $B'],
        ['dash', 'echo $D'],
      ],
    );
    const pragma = check('# hadolint shell=bash\nFROM alpine:3.20\nRUN echo $A\nUSER nobody\n').model;
    assert.deepStrictEqual(
      shellcheckJobs(pragma).map((j) => j.dialect),
      ['bash'],
    );
    // A comment may follow the pragma, as in hadolint.
    const commented = check(
      '# hadolint shell=bash # our scripts use arrays\nFROM alpine:3.20\nRUN echo $A\nUSER nobody\n',
    ).model;
    assert.deepStrictEqual(
      shellcheckJobs(commented).map((j) => j.dialect),
      ['bash'],
    );
  });

  it('honours ignore comments, per-code settings and .hadolint.yaml-style severities', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=SC2086\nRUN echo $A\nRUN echo $B\nUSER nobody\n';
    assert.deepStrictEqual(
      check(text).findings.map((f) => f.range.start.line),
      [3],
    );
    assert.deepStrictEqual(check(text, { rules: { SC2086: 'off' } }).findings, []);
    assert.deepStrictEqual(
      check(text, { rules: { SC2086: 'error' } }).findings.map((f) => f.severity),
      ['error'],
    );
  });

  it('checks the RUNs of ONBUILD triggers and of a file part without FROM, at their place', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=SC2086\nONBUILD RUN echo $A\nONBUILD RUN echo $B\nUSER nobody\n';
    assert.deepStrictEqual(
      check(text).findings.map((f) => [f.code, textAt(text, f.range)]),
      [['SC2086', '$B']],
    );
    assert.deepStrictEqual(
      check('RUN echo $C\n').findings.map((f) => f.code),
      ['SC2086'],
    );
  });

  it('does not report variables that ARG or ENV declare as unassigned (SC2154)', () => {
    const { findings } = check(
      'FROM alpine:3.20\nARG VERSION=1\nRUN echo "${VERSION}" "${OTHER}" "${TARGETARCH}"\nUSER nobody\n',
    );
    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.message]),
      [['SC2154', 'OTHER is referenced but not assigned.']],
    );
  });

  it('caches by script text: unchanged RUNs are not checked again', () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dc-sc-')), 'calls');
    process.env.FAKE_SHELLCHECK_LOG = log;
    try {
      const runner = new ShellcheckRunner(FAKE);
      check('FROM alpine:3.20\nRUN echo $A\nRUN echo $B\nUSER nobody\n', {}, runner);
      check('FROM alpine:3.20\nRUN echo $A\nRUN echo $B $C\nUSER nobody\n', {}, runner);
      const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
      assert.strictEqual(calls.length, 3, 'two scripts, then only the edited one');
      assert.deepStrictEqual(JSON.parse(calls[0]), ['--format=json1', '--shell=sh', '--exclude=SC1090,SC1091', '-']);
    } finally {
      delete process.env.FAKE_SHELLCHECK_LOG;
    }
  });

  it('runs asynchronously for the editor: cached findings at once, the rest after fill()', async () => {
    const text = 'FROM alpine:3.20\nRUN echo $A\nUSER nobody\n';
    const result = lintText(text);
    const model = result.model as DockerfileModel;
    const runner = new ShellcheckRunner(FAKE);
    const before = runner.cached(model, DEFAULT_SETTINGS, result.suppressions);
    assert.deepStrictEqual([before.findings.length, before.missing.length], [0, 1]);
    await runner.fill(before.missing);
    const after = runner.cached(model, DEFAULT_SETTINGS, result.suppressions);
    assert.deepStrictEqual([after.findings.length, after.missing.length], [1, 0]);
  });

  it('says when the executable is missing instead of failing', () => {
    assert.strictEqual(new ShellcheckRunner(path.join(os.tmpdir(), 'no-such-shellcheck')).availableSync(), false);
    assert.strictEqual(new ShellcheckRunner(FAKE).availableSync(), true);
  });

  it("offers ShellCheck's own fix and a pragma as quick fixes", () => {
    const text = 'FROM alpine:3.20\nRUN echo $A\nUSER nobody\n';
    const { findings, result } = check(text);
    const diagnostic = shellcheckDiagnostic(findings[0]);
    assert.strictEqual(diagnostic.codeDescription?.href, 'https://www.shellcheck.net/wiki/SC2086');
    const actions = codeActions(
      result,
      { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] },
      DEFAULT_SETTINGS,
    );
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      ["Apply ShellCheck's suggestion (SC2086)", 'Disable SC2086 for this instruction'],
    );
    const edits = (a: number) => actions[a].edit!.changes![result.document.uri];
    assert.strictEqual(applyEdits(text, edits(0)), 'FROM alpine:3.20\nRUN echo "$A"\nUSER nobody\n');
    const ignored = applyEdits(text, edits(1));
    assert.strictEqual(ignored, 'FROM alpine:3.20\n# docker-coach ignore=SC2086\nRUN echo $A\nUSER nobody\n');
    assert.deepStrictEqual(check(ignored).findings, []);
  });

  it('runs from the CLI with --shellcheck, and notes its absence without failing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-sc-cli-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo $A\nUSER nobody\n');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'lint', 'Dockerfile', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', HOME: dir, XDG_CONFIG_HOME: dir },
      });
    const withIt = cli('--shellcheck', FAKE, '--format', 'json');
    const [file] = JSON.parse(withIt.stdout);
    assert.deepStrictEqual(
      file.diagnostics.map((d: { rule: string; range: { start: unknown } }) => [d.rule, d.range.start]),
      [['SC2086', { line: 1, character: 9 }]],
    );
    assert.strictEqual(withIt.status, 0, 'an info finding is below the default threshold');
    const without = cli('--shellcheck', path.join(dir, 'missing-shellcheck'));
    assert.strictEqual(without.status, 0);
    assert.match(without.stderr, /ShellCheck .* was not found, so SCxxxx checks are off/);
    assert.match(without.stdout, /No problems in 1 file/);
  });
});
