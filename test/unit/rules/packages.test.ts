import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseShell } from '../../../server/src/shell/shell';
import { parseArguments } from '../../../server/src/dockerfile/packages';
import { applyEdits, lintText } from '../../support/lint';

/** The text each finding of `ruleId` covers, in document order. */
function flagged(ruleId: string, dockerfile: string): string[] {
  const doc = TextDocument.create('file:///x', 'dockerfile', 1, dockerfile);
  return lintText(dockerfile)
    .findings.filter((f) => f.rule.id === ruleId)
    .map((f) => doc.getText(f.range));
}

const debian = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;

describe('package-manager argument parsing', () => {
  const words = (text: string) => parseShell(text, 0).commands[0].words;
  it('keeps option values out of the operands, in clusters, inline and separate', () => {
    const parsed = parseArguments(words('-yq -t bookworm --option=a=b -oDebug=1 install curl -- -weird'), { withValue: new Set(['-t', '-o', '--option']) });
    assert.deepStrictEqual(parsed.operands.map((w) => w.value), ['install', 'curl', '-weird']);
    assert.deepStrictEqual(parsed.options.map((o) => [o.name, o.value]), [['-y', null], ['-q', null], ['-t', 'bookworm'], ['--option', 'a=b'], ['-o', 'Debug=1']]);
  });
  it('reads Go-style single-dash flag names', () => {
    const parsed = parseArguments(words('install -ldflags "-s -w" -trimpath example.com/x@v1.0.0'), { withValue: new Set(['-ldflags']), singleDashNames: true });
    assert.deepStrictEqual(parsed.operands.map((w) => w.value), ['install', 'example.com/x@v1.0.0']);
  });
});

describe('apt simulations install nothing', () => {
  const rules = ['apt-get-pin-versions', 'apt-get-no-recommends', 'apt-get-yes', 'apt-get-clean-lists'];
  const flaggedByAptRules = (run: string) => lintText(debian(run), 'dockerfile', { preset: 'strict' }).findings.filter((f) => rules.includes(f.rule.id)).map((f) => f.rule.id);
  it('no package rule takes -s, --simulate, --just-print, --dry-run, --recon, --no-act or APT::Get::Simulate for an install', () => {
    for (const option of ['-s', '-qs', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '-o APT::Get::Simulate=true']) {
      assert.deepStrictEqual(flaggedByAptRules(`RUN apt-get update && apt-get install ${option} curl`), [], option);
      assert.deepStrictEqual(flaggedByAptRules(`RUN apt-get update && apt ${option} install curl`), [], option);
    }
  });
  it('still sees the real install next to a simulated one', () => {
    assert.deepStrictEqual(
      flaggedByAptRules('RUN apt-get update && if apt-get install -s jq >/dev/null 2>&1; then apt-get install jq; fi').sort(),
      ['apt-get-clean-lists', 'apt-get-no-recommends', 'apt-get-pin-versions', 'apt-get-yes'],
    );
  });
});

describe('pip-no-cache-dir', () => {
  const py = (run: string) => `FROM python:3.12-slim\n${run}\nUSER nobody\n`;
  it('sees python -m pip', () => {
    assert.deepStrictEqual(flagged('pip-no-cache-dir', py('RUN python3 -u -m pip install flask==3.0.3 && python -mpip install flask==3.0.3')), ['install', 'install']);
  });
});

describe('yarn-cache-clean', () => {
  const node = (run: string) => `FROM node:20.14-alpine3.20\nWORKDIR /app\nCOPY package.json yarn.lock ./\n${run}\nUSER node\n`;
  it('flags yarn, yarn install, yarn add and yarn global add without a clean', () => {
    for (const run of ['RUN yarn --frozen-lockfile', 'RUN yarn install', 'RUN yarn add left-pad@1.3.0', 'RUN yarn global add serve@14.2.3']) {
      assert.strictEqual(flagged('yarn-cache-clean', node(run)).length, 1, run);
    }
  });
  it('accepts a clean, an rm of the cache, a cache mount and Yarn 2+ flags', () => {
    const ok = [
      'RUN yarn install --frozen-lockfile && yarn cache clean --all',
      'RUN yarn install && rm -rf /usr/local/share/.cache/yarn',
      'RUN --mount=type=cache,target=/root/.yarn yarn install',
      'RUN yarn install --immutable',
      'RUN yarn --version && yarn build',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged('yarn-cache-clean', node(run)), [], run);
  });
  it('does not flag builder stages that are only copied from', () => {
    const text = 'FROM node:20.14-alpine3.20 AS build\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nFROM node:20.14-alpine3.20\nCOPY --from=build /app/node_modules /app/node_modules\nUSER node\n';
    assert.deepStrictEqual(flagged('yarn-cache-clean', text), []);
  });
  it('offers an unsafe fix after the last yarn command of the && chain, and none when the chain continues with ||', () => {
    const text = node('RUN yarn install --frozen-lockfile && yarn build && echo done');
    const finding = lintText(text).findings.find((f) => f.rule.id === 'yarn-cache-clean')!;
    const [fix] = finding.fixes!();
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(applyEdits(text, fix.edits), node('RUN yarn install --frozen-lockfile && yarn build && yarn cache clean && echo done'));
    const or = lintText(node('RUN yarn install || echo failed')).findings.find((f) => f.rule.id === 'yarn-cache-clean')!;
    assert.deepStrictEqual(or.fixes!(), []);
    const piped = lintText(node('RUN yarn install | tee /tmp/log')).findings.find((f) => f.rule.id === 'yarn-cache-clean')!;
    assert.deepStrictEqual(piped.fixes!(), []);
  });
});

describe('update-without-install', () => {
  it('flags an update with nothing that uses the index in the same RUN', () => {
    assert.deepStrictEqual(flagged('update-without-install', debian('RUN apt-get update -qq')), ['update']);
    assert.deepStrictEqual(flagged('update-without-install', debian('RUN apt update && echo ok')), ['update']);
    assert.deepStrictEqual(flagged('update-without-install', 'FROM alpine:3.20\nRUN apk update\nUSER nobody\n'), ['update']);
  });
  it('accepts installs, upgrades, xargs and scripts in the same RUN', () => {
    const ok = [
      'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && xargs -a packages.txt apt-get install -y',
      'RUN apt-get update && ./install-deps.sh',
      'RUN apt-get update && bash /tmp/setup.sh',
      'RUN apt-get update && $INSTALL',
      'RUN apt-get update && install-packages curl',
      'RUN <<EOF\napt-get update\napt-get install -y curl=7.88.1-10+deb12u12\nrm -rf /var/lib/apt/lists/*\nEOF',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged('update-without-install', debian(run)), [], run);
  });
});

describe('no-package-upgrade', () => {
  it('flags whole-system upgrades of every manager', () => {
    assert.deepStrictEqual(flagged('no-package-upgrade', debian('RUN apt-get update && apt-get -y dist-upgrade && apt full-upgrade -y && rm -rf /var/lib/apt/lists/*')), ['dist-upgrade', 'full-upgrade']);
    assert.deepStrictEqual(flagged('no-package-upgrade', 'FROM fedora:40\nRUN dnf -y upgrade && yum update -y && microdnf update\nUSER nobody\n'), ['upgrade', 'update', 'update']);
  });
  it('accepts upgrades of named packages', () => {
    assert.deepStrictEqual(flagged('no-package-upgrade', 'FROM fedora:40\nRUN dnf -y upgrade openssl && apk upgrade "$PKG"\nUSER nobody\n'), []);
  });
});
