import * as assert from 'assert';
import { findingsOf, flaggedBy, fixedBy } from '../../support/lint';

const RULE = 'rpm-install-yes';
const df = (run: string, from = 'fedora:40') => `FROM ${from}\n${run}\nUSER nobody\n`;

describe(RULE, () => {
  it('flags each tool with its own hadolint code', () => {
    assert.deepStrictEqual(
      findingsOf(RULE, df('RUN yum install httpd-2.4.6')).map((f) => f.hadolintCode),
      ['DL3030'],
    );
    assert.deepStrictEqual(
      findingsOf(RULE, df('RUN dnf install httpd-2.4.6')).map((f) => f.hadolintCode),
      ['DL3038'],
    );
    assert.deepStrictEqual(
      findingsOf(RULE, df('RUN microdnf install httpd-2.4.6')).map((f) => f.hadolintCode),
      ['DL3038'],
    );
    assert.deepStrictEqual(
      findingsOf(RULE, df('RUN zypper in curl=8')).map((f) => f.hadolintCode),
      ['DL3034'],
    );
  });

  it('accepts -y in any position, clustered and long, and through sudo', () => {
    for (const run of [
      'RUN dnf -y install x-1',
      'RUN dnf install x-1 -y',
      'RUN dnf -qy install x-1',
      'RUN dnf --assumeyes install x-1',
      'RUN sudo yum install -y x-1',
    ]) {
      assert.deepStrictEqual(flaggedBy(RULE, df(run)), [], run);
    }
  });

  it('flags the subcommand, also groupinstall and localinstall', () => {
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN dnf --setopt tsflags=nodocs groupinstall "Development Tools"')), [
      'groupinstall',
    ]);
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN yum localinstall /tmp/x.rpm')), ['localinstall']);
  });

  it('ignores subcommands that never ask', () => {
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN dnf makecache && dnf clean all && dnf info bash')), []);
  });

  it('knows zypper: -n only before the subcommand, -y or --no-confirm after it', () => {
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN zypper --non-interactive install curl=8')), []);
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN zypper install -y curl=8')), []);
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN zypper rm --no-confirm curl')), []);
    // After the subcommand, -n is --name.
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN zypper install -n curl=8')), ['install']);
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN zypper remove curl')), ['remove']);
  });

  it('adds -y after the subcommand, --non-interactive after zypper', () => {
    assert.strictEqual(
      fixedBy(RULE, df('RUN yum --setopt=tsflags=nodocs install httpd-2.4.6')),
      df('RUN yum --setopt=tsflags=nodocs install -y httpd-2.4.6'),
    );
    assert.strictEqual(fixedBy(RULE, df('RUN zypper rm curl')), df('RUN zypper --non-interactive rm curl'));
  });

  it('reads heredoc scripts and skips exec form', () => {
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN <<EOF\ndnf install x-1\nEOF')), ['install']);
    assert.deepStrictEqual(flaggedBy(RULE, df('RUN ["dnf", "install", "x-1"]')), []);
  });
});
