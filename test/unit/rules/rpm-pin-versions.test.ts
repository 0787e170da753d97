import * as assert from 'assert';
import { rpmSpecHasVersion, zypperSpecHasVersion } from '../../../server/src/dockerfile/rpm';
import { findingsOf, flaggedBy } from '../../support/lint';

const findings = (text: string, rule: string) =>
  findingsOf(rule, text, { settings: { preset: 'strict' } }).map((f) => ({
    text: f.text,
    code: f.hadolintCode,
    message: f.message,
  }));

const flagged = (text: string, rule: string) => flaggedBy(rule, text, { settings: { preset: 'strict' } });

const df = (run: string, from = 'fedora:40') => `FROM ${from}\n${run}\nUSER nobody\n`;

describe('rpm-pin-versions', () => {
  it('recognises rpm versions the way dnf spells them', () => {
    for (const spec of [
      'httpd-2.4.62',
      'python3-pip-23.3.2-1.fc40',
      'nodejs-1:20.11.1',
      'x.rpm',
      'bash-5.2.26-3.fc40.x86_64',
      'java-17-openjdk-headless-17.0.9.0.9-3.el9',
      'httpd-2.4.*',
    ])
      assert.ok(rpmSpecHasVersion(spec), spec);
    for (const spec of ['httpd', 'python3-pip', 'gcc-c++', 'java-17-openjdk-headless'])
      assert.ok(!rpmSpecHasVersion(spec), spec);
  });

  it('recognises zypper constraints', () => {
    for (const spec of ['curl=8', 'curl>=8', 'curl<9', 'x.rpm']) assert.ok(zypperSpecHasVersion(spec), spec);
    assert.ok(!zypperSpecHasVersion('curl'));
  });

  it("reports once per command, naming the unpinned packages, with the tool's code", () => {
    assert.deepStrictEqual(
      findings(df('RUN dnf install -y httpd-2.4.62 git vim-enhanced && dnf clean all'), 'rpm-pin-versions'),
      [
        {
          text: 'git vim-enhanced',
          code: 'DL3041',
          message:
            '"dnf install" leaves 2 packages unpinned ("git" and "vim-enhanced"): pin each one to a version (git-<version>) so that rebuilds install the same packages.',
        },
      ],
    );
    assert.deepStrictEqual(
      findings(df('RUN zypper -n in git && zypper clean'), 'rpm-pin-versions').map((f) => f.message),
      [
        '"zypper in" leaves "git" unpinned: pin it to a version (git=<version>) so that rebuilds install the same package.',
      ],
    );
    assert.deepStrictEqual(
      findings(df('RUN yum install -y git && yum clean all'), 'rpm-pin-versions').map((f) => f.code),
      ['DL3033'],
    );
    assert.deepStrictEqual(
      findings(df('RUN zypper -n in git && zypper clean'), 'rpm-pin-versions').map((f) => f.code),
      ['DL3037'],
    );
  });

  it('skips option values, variables, groups, paths, URLs and zypper patterns', () => {
    for (const run of [
      'RUN dnf install -y --setopt install_weak_deps=False --enablerepo crb httpd-2.4.62 && dnf clean all',
      'RUN dnf install -y $PKGS "${EXTRA}" && dnf clean all',
      'RUN dnf install -y @development-tools && dnf clean all',
      'RUN dnf install -y https://example.com/epel-release-latest-9.noarch.rpm /tmp/local.rpm && dnf clean all',
      'RUN dnf install -y /usr/bin/python3 && dnf clean all',
      'RUN dnf group install -y "Development Tools" && dnf clean all',
      'RUN zypper -n in -t pattern devel_basis && zypper clean',
      'RUN zypper -n in pattern:devel_basis && zypper clean',
    ]) {
      assert.deepStrictEqual(flagged(df(run), 'rpm-pin-versions'), [], run);
    }
  });

  it('needs a stream for modules', () => {
    assert.deepStrictEqual(
      findings(df('RUN dnf module install -y nodejs && dnf clean all'), 'rpm-pin-versions').map((f) => [
        f.text,
        f.message,
      ]),
      [
        [
          'nodejs',
          '"dnf module install" leaves the module "nodejs" without a stream: pin it (nodejs:<stream>) so that rebuilds install the same version.',
        ],
      ],
    );
    assert.deepStrictEqual(
      flagged(df('RUN dnf -y module install nodejs:20/common && dnf clean all'), 'rpm-pin-versions'),
      [],
    );
  });
});
