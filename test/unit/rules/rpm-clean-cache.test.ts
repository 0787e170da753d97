import * as assert from 'assert';
import { findingsOf, flaggedBy, fixedBy, lintText } from '../../support/lint';

const RULE = 'rpm-clean-cache';
const df = (run: string, from = 'fedora:40') => `FROM ${from}\n${run}\nUSER nobody\n`;

describe(RULE, () => {
  it('flags the last install that no clean follows', () => {
    assert.deepStrictEqual(
      findingsOf(RULE, df('RUN dnf install -y a-1 && dnf install -y b-1')).map((f) => [f.text, f.hadolintCode]),
      [['install', 'DL3040']],
    );
    assert.deepStrictEqual(
      findingsOf(RULE, df('RUN yum install -y a-1')).map((f) => f.hadolintCode),
      ['DL3032'],
    );
    assert.deepStrictEqual(
      findingsOf(RULE, df('RUN zypper -n in a=1')).map((f) => f.hadolintCode),
      ['DL3036'],
    );
  });

  it('needs the clean after the last install', () => {
    assert.strictEqual(flaggedBy(RULE, df('RUN dnf install -y a-1 && dnf clean all && dnf install -y b-1')).length, 1);
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN dnf install -y a-1 && dnf install -y b-1 && dnf clean all')), []);
  });

  it('accepts cleaning by another tool of the family, rm of the cache and cache mounts', () => {
    for (const run of [
      'RUN dnf install -y a-1 && yum clean all',
      'RUN microdnf install -y a-1 && microdnf clean all',
      'RUN dnf install -y a-1 && rm -rf /var/cache/dnf/*',
      'RUN yum install -y a-1 && rm -rf /var/cache/yum',
      'RUN zypper -n in a=1 && rm -rf /var/cache/zypp/*',
      'RUN --mount=type=cache,target=/var/cache/dnf dnf install -y a-1',
      'RUN --mount=type=cache,target=/var/cache/zypp zypper -n in a=1',
      'RUN zypper -n in a=1 && zypper cc -a',
    ]) {
      assert.deepStrictEqual(flaggedBy(RULE, df(run)), [], run);
    }
  });

  it('does not count a zypper clean for dnf', () => {
    assert.strictEqual(flaggedBy(RULE, df('RUN dnf install -y a-1 && zypper clean --all')).length, 1);
  });

  it('skips builder stages that are not shipped', () => {
    const text =
      'FROM fedora:40 AS build\nRUN dnf install -y gcc-14 && touch /out\nFROM fedora:40\nCOPY --from=build /out /out\nUSER nobody\n';
    assert.deepStrictEqual(flaggedBy(RULE, text), []);
  });

  it('appends the clean right after the install in a && chain', () => {
    assert.strictEqual(
      fixedBy(RULE, df('RUN dnf install -y a-1 && echo done')),
      df('RUN dnf install -y a-1 && dnf clean all && echo done'),
    );
    assert.strictEqual(
      fixedBy(RULE, df('RUN microdnf install -y a-1')),
      df('RUN microdnf install -y a-1 && microdnf clean all'),
    );
  });

  it('offers no fix when the install is nested, piped or followed by ||', () => {
    for (const run of [
      'RUN if true; then dnf install -y a-1; fi',
      'RUN dnf install -y a-1 | tee /log',
      'RUN dnf install -y a-1 || true',
      'RUN false || dnf install -y a-1',
    ]) {
      const finding = lintText(df(run)).findings.find((f) => f.rule.id === RULE);
      assert.ok(finding, run);
      assert.deepStrictEqual(finding.fixes?.(), [], run);
    }
  });
});
