/** Package-manager commands as the package rules read them. */
import * as assert from 'assert';
import { parseShell } from '../../server/src/shell/shell';
import { parseArguments } from '../../server/src/dockerfile/packages';
import { lintText } from '../support/lint';

const debian = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;

describe('package-manager argument parsing', () => {
  const words = (text: string) => parseShell(text, 0).commands[0].words;
  it('keeps option values out of the operands, in clusters, inline and separate', () => {
    const parsed = parseArguments(words('-yq -t bookworm --option=a=b -oDebug=1 install curl -- -weird'), {
      withValue: new Set(['-t', '-o', '--option']),
    });
    assert.deepStrictEqual(
      parsed.operands.map((w) => w.value),
      ['install', 'curl', '-weird'],
    );
    assert.deepStrictEqual(
      parsed.options.map((o) => [o.name, o.value]),
      [
        ['-y', null],
        ['-q', null],
        ['-t', 'bookworm'],
        ['--option', 'a=b'],
        ['-o', 'Debug=1'],
      ],
    );
  });
  it('reads Go-style single-dash flag names', () => {
    const parsed = parseArguments(words('install -ldflags "-s -w" -trimpath example.com/x@v1.0.0'), {
      withValue: new Set(['-ldflags']),
      singleDashNames: true,
    });
    assert.deepStrictEqual(
      parsed.operands.map((w) => w.value),
      ['install', 'example.com/x@v1.0.0'],
    );
  });
});

describe('apt simulations install nothing', () => {
  const rules = ['apt-get-pin-versions', 'apt-get-no-recommends', 'apt-get-yes', 'apt-get-clean-lists'];
  const flaggedByAptRules = (run: string) =>
    lintText(debian(run), 'dockerfile', { preset: 'strict' })
      .findings.filter((f) => rules.includes(f.rule.id))
      .map((f) => f.rule.id);
  it('no package rule takes -s, --simulate, --just-print, --dry-run, --recon, --no-act or APT::Get::Simulate for an install', () => {
    for (const option of [
      '-s',
      '-qs',
      '--simulate',
      '--just-print',
      '--dry-run',
      '--recon',
      '--no-act',
      '-o APT::Get::Simulate=true',
    ]) {
      assert.deepStrictEqual(flaggedByAptRules(`RUN apt-get update && apt-get install ${option} curl`), [], option);
      assert.deepStrictEqual(flaggedByAptRules(`RUN apt-get update && apt ${option} install curl`), [], option);
    }
  });
  it('still sees the real install next to a simulated one', () => {
    assert.deepStrictEqual(
      flaggedByAptRules(
        'RUN apt-get update && if apt-get install -s jq >/dev/null 2>&1; then apt-get install jq; fi',
      ).sort(),
      ['apt-get-clean-lists', 'apt-get-no-recommends', 'apt-get-pin-versions', 'apt-get-yes'],
    );
  });
});
