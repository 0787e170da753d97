/**
 * Edge cases of the RPM-family rules (yum, dnf, microdnf, zypper) and of the
 * shell-behaviour rules (wget/curl, useradd, /bin/sh).
 */
import * as assert from 'assert';
import { applyEdits, lintText } from '../../support/lint';

/** The findings of one rule: the flagged text and the hadolint code. */
function findings(text: string, rule: string): { text: string; code?: string; message: string }[] {
  const result = lintText(text);
  const lines = text.split('\n');
  return result.findings
    .filter((f) => f.rule.id === rule)
    .map((f) => {
      const { start, end } = f.range;
      const flagged = start.line === end.line ? lines[start.line].slice(start.character, end.character) : `${start.line}:${start.character}-${end.line}:${end.character}`;
      return { text: flagged, code: f.hadolintCode, message: f.message };
    });
}

function flagged(text: string, rule: string): string[] {
  return findings(text, rule).map((f) => f.text);
}

/** The document after the fix number `index` of the first finding of `rule`. */
function fixed(text: string, rule: string, index = 0): string {
  const finding = lintText(text).findings.find((f) => f.rule.id === rule);
  assert.ok(finding, `${rule} not reported in:\n${text}`);
  const fixes = finding.fixes?.() ?? [];
  assert.ok(fixes[index], `${rule} offers no fix ${index}`);
  return applyEdits(text, fixes[index].edits);
}

const df = (run: string, from = 'fedora:40') => `FROM ${from}\n${run}\nUSER nobody\n`;

describe('rpm-install-yes', () => {
  it('flags each tool with its own hadolint code', () => {
    assert.deepStrictEqual(findings(df('RUN yum install httpd-2.4.6'), 'rpm-install-yes').map((f) => f.code), ['DL3030']);
    assert.deepStrictEqual(findings(df('RUN dnf install httpd-2.4.6'), 'rpm-install-yes').map((f) => f.code), ['DL3038']);
    assert.deepStrictEqual(findings(df('RUN microdnf install httpd-2.4.6'), 'rpm-install-yes').map((f) => f.code), ['DL3038']);
    assert.deepStrictEqual(findings(df('RUN zypper in curl=8'), 'rpm-install-yes').map((f) => f.code), ['DL3034']);
  });

  it('accepts -y in any position, clustered and long, and through sudo', () => {
    for (const run of ['RUN dnf -y install x-1', 'RUN dnf install x-1 -y', 'RUN dnf -qy install x-1', 'RUN dnf --assumeyes install x-1', 'RUN sudo yum install -y x-1']) {
      assert.deepStrictEqual(flagged(df(run), 'rpm-install-yes'), [], run);
    }
  });

  it('flags the subcommand, also groupinstall and localinstall', () => {
    assert.deepStrictEqual(flagged(df('RUN dnf --setopt tsflags=nodocs groupinstall "Development Tools"'), 'rpm-install-yes'), ['groupinstall']);
    assert.deepStrictEqual(flagged(df('RUN yum localinstall /tmp/x.rpm'), 'rpm-install-yes'), ['localinstall']);
  });

  it('ignores subcommands that never ask', () => {
    assert.deepStrictEqual(flagged(df('RUN dnf makecache && dnf clean all && dnf info bash'), 'rpm-install-yes'), []);
  });

  it('knows zypper: -n only before the subcommand, -y or --no-confirm after it', () => {
    assert.deepStrictEqual(flagged(df('RUN zypper --non-interactive install curl=8'), 'rpm-install-yes'), []);
    assert.deepStrictEqual(flagged(df('RUN zypper install -y curl=8'), 'rpm-install-yes'), []);
    assert.deepStrictEqual(flagged(df('RUN zypper rm --no-confirm curl'), 'rpm-install-yes'), []);
    // After the subcommand, -n is --name.
    assert.deepStrictEqual(flagged(df('RUN zypper install -n curl=8'), 'rpm-install-yes'), ['install']);
    assert.deepStrictEqual(flagged(df('RUN zypper remove curl'), 'rpm-install-yes'), ['remove']);
  });

  it('adds -y after the subcommand, --non-interactive after zypper', () => {
    assert.strictEqual(fixed(df('RUN yum --setopt=tsflags=nodocs install httpd-2.4.6'), 'rpm-install-yes'), df('RUN yum --setopt=tsflags=nodocs install -y httpd-2.4.6'));
    assert.strictEqual(fixed(df('RUN zypper rm curl'), 'rpm-install-yes'), df('RUN zypper --non-interactive rm curl'));
  });

  it('reads heredoc scripts and skips exec form', () => {
    assert.deepStrictEqual(flagged(df('RUN <<EOF\ndnf install x-1\nEOF'), 'rpm-install-yes'), ['install']);
    assert.deepStrictEqual(flagged(df('RUN ["dnf", "install", "x-1"]'), 'rpm-install-yes'), []);
  });
});

describe('rpm-clean-cache', () => {
  it('flags the last install that no clean follows', () => {
    assert.deepStrictEqual(findings(df('RUN dnf install -y a-1 && dnf install -y b-1'), 'rpm-clean-cache').map((f) => [f.text, f.code]), [['install', 'DL3040']]);
    assert.deepStrictEqual(findings(df('RUN yum install -y a-1'), 'rpm-clean-cache').map((f) => f.code), ['DL3032']);
    assert.deepStrictEqual(findings(df('RUN zypper -n in a=1'), 'rpm-clean-cache').map((f) => f.code), ['DL3036']);
  });

  it('needs the clean after the last install', () => {
    assert.strictEqual(flagged(df('RUN dnf install -y a-1 && dnf clean all && dnf install -y b-1'), 'rpm-clean-cache').length, 1);
    assert.deepStrictEqual(flagged(df('RUN dnf install -y a-1 && dnf install -y b-1 && dnf clean all'), 'rpm-clean-cache'), []);
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
      assert.deepStrictEqual(flagged(df(run), 'rpm-clean-cache'), [], run);
    }
  });

  it('does not count a zypper clean for dnf', () => {
    assert.strictEqual(flagged(df('RUN dnf install -y a-1 && zypper clean --all'), 'rpm-clean-cache').length, 1);
  });

  it('skips builder stages that are not shipped', () => {
    const text = 'FROM fedora:40 AS build\nRUN dnf install -y gcc-14 && touch /out\nFROM fedora:40\nCOPY --from=build /out /out\nUSER nobody\n';
    assert.deepStrictEqual(flagged(text, 'rpm-clean-cache'), []);
  });

  it('appends the clean right after the install in a && chain', () => {
    assert.strictEqual(fixed(df('RUN dnf install -y a-1 && echo done'), 'rpm-clean-cache'), df('RUN dnf install -y a-1 && dnf clean all && echo done'));
    assert.strictEqual(fixed(df('RUN microdnf install -y a-1'), 'rpm-clean-cache'), df('RUN microdnf install -y a-1 && microdnf clean all'));
  });

  it('offers no fix when the install is nested, piped or followed by ||', () => {
    for (const run of ['RUN if true; then dnf install -y a-1; fi', 'RUN dnf install -y a-1 | tee /log', 'RUN dnf install -y a-1 || true', 'RUN false || dnf install -y a-1']) {
      const finding = lintText(df(run)).findings.find((f) => f.rule.id === 'rpm-clean-cache');
      assert.ok(finding, run);
      assert.deepStrictEqual(finding.fixes?.(), [], run);
    }
  });
});

describe('zypper-no-dist-upgrade', () => {
  it('flags dist-upgrade and dup, not update', () => {
    assert.deepStrictEqual(flagged(df('RUN zypper -n dup && zypper -n dist-upgrade && zypper -n update && zypper clean'), 'zypper-no-dist-upgrade'), ['dup', 'dist-upgrade']);
  });
});

describe('useradd-no-log-init', () => {
  const deb = (run: string) => df(run, 'debian:12-slim');
  it('flags a high UID in every spelling', () => {
    for (const run of ['RUN useradd -u 1000000 app', 'RUN useradd -u1000000 app', 'RUN useradd --uid 1000000 app', 'RUN useradd --uid=1000000 app', 'RUN useradd -mu 1000000 app', 'RUN useradd --system -u 123456 app']) {
      assert.strictEqual(flagged(deb(run), 'useradd-no-log-init').length, 1, run);
    }
  });

  it('accepts -l (also clustered), --no-log-init, low and non-literal UIDs', () => {
    for (const run of ['RUN useradd -l -u 1000000 app', 'RUN useradd -lmu 1000000 app', 'RUN useradd --no-log-init -u 1000000 app', 'RUN useradd -u 99999 app', 'RUN useradd -u "$UID" app', 'RUN useradd app']) {
      assert.deepStrictEqual(flagged(deb(run), 'useradd-no-log-init'), [], run);
    }
  });

  it('reports the UID and adds -l after useradd', () => {
    assert.deepStrictEqual(flagged(deb('RUN useradd -u 1000000 app'), 'useradd-no-log-init'), ['1000000']);
    assert.strictEqual(fixed(deb('RUN sudo useradd -u 1000000 app'), 'useradd-no-log-init'), deb('RUN sudo useradd -l -u 1000000 app'));
  });
});

describe('wget-progress', () => {
  const deb = (run: string) => df(run, 'debian:12-slim');
  it('accepts --progress, quiet, non-verbose and log-file options anywhere', () => {
    for (const run of ['RUN wget --progress=bar:force https://x', 'RUN wget https://x -q', 'RUN wget -qO- https://x', 'RUN wget -nv https://x', 'RUN wget --no-verbose https://x', 'RUN wget -o /log https://x', 'RUN wget --quiet https://x']) {
      assert.deepStrictEqual(flagged(deb(run), 'wget-progress'), [], run);
    }
  });

  it('does not read a value as an option cluster', () => {
    assert.deepStrictEqual(flagged(deb('RUN wget -O q https://x'), 'wget-progress'), ['wget']);
    assert.deepStrictEqual(flagged(deb('RUN wget -Oq https://x'), 'wget-progress'), ['wget']);
  });

  it('skips BusyBox wget on Alpine unless GNU wget is installed', () => {
    assert.deepStrictEqual(flagged(df('RUN wget https://x', 'alpine:3.20'), 'wget-progress'), []);
    assert.deepStrictEqual(flagged(df('RUN apk add --no-cache wget=1.24.5-r0 && wget https://x', 'alpine:3.20'), 'wget-progress'), ['wget']);
  });

  it('adds --progress=dot:giga after wget', () => {
    assert.strictEqual(fixed(deb('RUN wget -O /tmp/x https://x'), 'wget-progress'), deb('RUN wget --progress=dot:giga -O /tmp/x https://x'));
  });
});

describe('one-download-tool', () => {
  it('reports the less used tool of a stage', () => {
    const text = 'FROM debian:12-slim\nRUN curl -fsSLo /a https://x && curl -fsSLo /b https://y\nRUN wget -nv https://z\nUSER nobody\n';
    assert.deepStrictEqual(findings(text, 'one-download-tool').map((f) => f.text), ['wget']);
  });

  it('on a tie reports the tool that came second', () => {
    const text = 'FROM debian:12-slim\nRUN wget -nv https://z\nRUN curl -fsSLo /a https://x\nUSER nobody\n';
    assert.deepStrictEqual(findings(text, 'one-download-tool').map((f) => f.text), ['curl']);
  });

  it('looks at each stage on its own and ignores packages named curl', () => {
    const text = 'FROM debian:12-slim AS a\nRUN wget -nv https://z\nFROM debian:12-slim\nRUN apt-get install -y wget && curl -fsSLo /a https://x\nUSER nobody\n';
    assert.deepStrictEqual(flagged(text, 'one-download-tool'), []);
  });
});

describe('no-replace-bin-sh', () => {
  const deb = (run: string) => df(run, 'debian:12-slim');
  it('flags links named /bin/sh or /usr/bin/sh', () => {
    assert.deepStrictEqual(flagged(deb('RUN ln -sf /bin/bash /bin/sh'), 'no-replace-bin-sh'), ['/bin/sh']);
    assert.deepStrictEqual(flagged(deb('RUN rm /bin/sh && ln -s bash /usr/bin/sh'), 'no-replace-bin-sh'), ['/usr/bin/sh']);
    assert.deepStrictEqual(flagged(deb('RUN ln --symbolic --force /bin/bash "/bin/sh"'), 'no-replace-bin-sh'), ['"/bin/sh"']);
  });

  it('ignores links to /bin/sh and non-literal names', () => {
    assert.deepStrictEqual(flagged(deb('RUN ln -s /bin/sh /usr/local/bin/sh2'), 'no-replace-bin-sh'), []);
    assert.deepStrictEqual(flagged(deb('RUN ln -sf /bin/bash $TARGET'), 'no-replace-bin-sh'), []);
  });
});
