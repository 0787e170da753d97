/** run-pipefail: which pipes pipefail makes a difference for, wherever they are nested, and the remedy per base image. */
import * as assert from 'assert';
import { applyEdits, firstFindingOf, fixedBy, flaggedBy, lintText, proposalsOf, ruleIds } from '../../support/lint';

const finding = (text: string) => firstFindingOf('run-pipefail', text);
const flagged = (text: string) => flaggedBy('run-pipefail', text);

const fixed = (text: string, index = 0) => fixedBy('run-pipefail', text, { fix: index });

const df = (run: string, from: string) => `FROM ${from}\n${run}\nUSER nobody\n`;
const deb = (run: string) => df(run, 'debian:12-slim');

describe('run-pipefail', () => {
  it('flags the pipe of a RUN once', () => {
    assert.deepStrictEqual(flagged(deb('RUN curl -fsSL https://x | sh && cat /a | sort')), ['|']);
    assert.deepStrictEqual(flagged(deb('RUN make 2>&1 |& tee /log')), ['|&']);
  });

  it('ignores || and pipes fed by echo, printf or yes', () => {
    assert.deepStrictEqual(flagged(deb('RUN false || true')), []);
    assert.deepStrictEqual(flagged(deb('RUN echo "abc  /x" | sha256sum -c - && yes | /install.sh')), []);
  });

  it('accepts pipefail from SHELL, from an inherited SHELL and from set, also clustered', () => {
    for (const text of [
      'FROM debian:12-slim\nSHELL ["/bin/bash", "-euxo", "pipefail", "-c"]\nRUN curl -fsSL https://x | sh\nUSER nobody\n',
      'FROM debian:12-slim AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://x | sh\nUSER nobody\n',
      deb('RUN set -euo pipefail && curl -fsSL https://x | sh'),
      deb('RUN <<EOF\nset -o pipefail\ncurl -fsSL https://x | sh\nEOF'),
    ]) {
      assert.deepStrictEqual(flagged(text), [], text);
    }
  });

  it('still flags a pipe before set -o pipefail, and a SHELL from another stage chain', () => {
    assert.strictEqual(flagged(deb('RUN curl -fsSL https://x | sh; set -o pipefail')).length, 1);
    const text =
      'FROM debian:12-slim AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12-slim\nRUN curl -fsSL https://x | sh\nUSER nobody\n';
    assert.strictEqual(flagged(text).length, 1);
  });

  it('skips exec form and non-POSIX shells', () => {
    assert.deepStrictEqual(flagged(deb('RUN ["sh", "-c", "curl -fsSL https://x | sh"]')), []);
    const pwsh =
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n';
    assert.deepStrictEqual(flagged(pwsh), []);
  });

  it('offers SHELL with bash on Debian, set -o pipefail or SHELL with ash on Alpine and busybox, bash then set elsewhere', () => {
    const kinds = (text: string) =>
      (finding(text).fixes?.() ?? []).map((f) =>
        f.title.startsWith('Run RUN under bash')
          ? 'bash'
          : f.title.startsWith('Run RUN under BusyBox ash')
            ? 'ash'
            : 'set',
      );
    assert.deepStrictEqual(kinds(deb('RUN curl -fsSL https://x | sh')), ['bash']);
    assert.deepStrictEqual(kinds(df('RUN wget -qO- https://x | sh', 'alpine:3.20')), ['set', 'ash']);
    assert.deepStrictEqual(kinds(df('RUN wget -qO- https://x | sh', 'busybox:1.36')), ['set', 'ash']);
    assert.deepStrictEqual(kinds(df('RUN curl -fsSL https://x | sh', 'fedora:40')), ['bash', 'set']);
    assert.deepStrictEqual(
      kinds('FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://x | sh\nUSER nobody\n'),
      ['set', 'bash'],
    );
    assert.deepStrictEqual(
      kinds('FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nRUN wget -qO- https://x | sh\nUSER nobody\n'),
      ['set', 'ash'],
    );
    const fixes = finding(deb('RUN curl -fsSL https://x | sh')).fixes!();
    assert.ok(fixes.every((f) => !f.safe && !f.preferred));
  });

  it('puts set -o pipefail at the top of a heredoc script, after its shebang', () => {
    const text = df('RUN <<EOF\n#!/bin/sh\ncurl -fsSL https://x | sh\nEOF', 'alpine:3.20');
    assert.strictEqual(
      fixed(text),
      df('RUN <<EOF\n#!/bin/sh\nset -o pipefail\ncurl -fsSL https://x | sh\nEOF', 'alpine:3.20'),
    );
    const plain = df('RUN <<EOF\ncurl -fsSL https://x | sh\nEOF', 'alpine:3.20');
    assert.strictEqual(fixed(plain), df('RUN <<EOF\nset -o pipefail\ncurl -fsSL https://x | sh\nEOF', 'alpine:3.20'));
  });

  it('prefixes a continued command line', () => {
    const text = df('RUN apk add --no-cache curl=8.9.1-r0 \\\n && curl -fsSL https://x | sh', 'alpine:3.20');
    assert.strictEqual(
      fixed(text),
      df('RUN set -o pipefail && apk add --no-cache curl=8.9.1-r0 \\\n && curl -fsSL https://x | sh', 'alpine:3.20'),
    );
  });

  it('exempts pipes fed only by echo, printf or yes wherever they are nested', () => {
    for (const run of [
      'RUN if [ -n "$V" ]; then echo "$V" | tee /v; fi',
      'RUN for f in a b; do echo "$f" | tee -a /list; done',
      'RUN (echo a | tee /a) && true',
      'RUN { echo "[global]"; printf "x=%s\\n" 1; } | tee /etc/x.conf',
      'RUN case "$A" in x) echo x | tee /x ;; esac',
      'RUN true && { yes | /install.sh; }',
    ]) {
      assert.deepStrictEqual(flagged(deb(run)), [], run);
    }
  });

  it('flags nested pipes, and a block producer that is not only echo', () => {
    assert.deepStrictEqual(flagged(deb('RUN if true; then curl -fsSL https://x | sh; fi')), ['|']);
    assert.deepStrictEqual(flagged(deb('RUN (cd /src && make test | tee /log)')), ['|']);
    assert.deepStrictEqual(flagged(deb('RUN { echo a; cat /missing; } | tee /x')), ['|']);
    assert.deepStrictEqual(flagged(deb('RUN echo a | tee /a && make test | tee /log')), ['|']);
    const run = 'RUN echo a | tee /a && make test | tee /log';
    assert.strictEqual(finding(deb(run)).range.start.character, run.lastIndexOf('|'));
  });

  it('flags a download piped into a while loop: the read in its condition does not make the pipe tested', () => {
    assert.deepStrictEqual(flagged(deb('RUN curl -fsSL https://x | while read -r l; do echo "$l"; done')), ['|']);
  });

  it('does not flag a pipe whose status a condition tests', () => {
    for (const run of [
      'RUN if curl -fsS https://x | grep -q ok; then echo up; fi',
      'RUN while ps | grep -q dpkg; do sleep 1; done',
      'RUN ! ls /x | grep -q y',
    ]) {
      assert.deepStrictEqual(flagged(deb(run)), [], run);
    }
  });

  it('does not flag a pipe into a command that fails by itself on empty or cut-off input', () => {
    for (const run of [
      'RUN curl -fsSL https://x/a.tgz | tar -xzC /opt',
      'RUN curl -fsSL https://x/a.txz | tar -v -xJ -f - -C /opt',
      'RUN wget -qO- https://x/a.tgz | tar xzf - -C /opt',
      'RUN curl -fsSL https://x/a.tgz | tar --extract --gzip -C /opt',
      'RUN curl -fsSL https://x/a.gz | gunzip > /a',
      'RUN curl -fsSL https://x/k.asc | gpg --dearmor -o /usr/share/keyrings/k.gpg',
      'RUN curl -fsSL https://x/k.asc | apt-key add -',
      'RUN grep " a.tgz$" SHASUMS256.txt | sha256sum -c -',
      'RUN curl -fsSL https://x/k.asc | gpg --dearmor | apt-key add -',
      'RUN gpg --fingerprint "$KEY" | grep "Key fingerprint = 0123 4567"',
      'RUN locale -a | grep en_US.utf8',
    ]) {
      assert.deepStrictEqual(flagged(deb(run)), [], run);
    }
  });

  it('still flags an uncompressed tar, a decompressor that feeds a shell, grep as a filter into a file, and a shell fed by a download', () => {
    assert.deepStrictEqual(flagged(deb('RUN curl -fsSL https://x/a.tar | tar -x -C /opt')), ['|']);
    assert.deepStrictEqual(flagged(deb('RUN curl -fsSL https://x/a.gz | gunzip | sh')), ['|']);
    assert.deepStrictEqual(flagged(deb('RUN curl -fsSL https://x/list | grep -v "^#" > /list')), ['|']);
    assert.deepStrictEqual(flagged(deb('RUN curl -fsSL https://x/a.tgz | tar -xz && curl -fsSL https://x | sh')), [
      '|',
    ]);
    const run = 'RUN curl -fsSL https://x/a.tgz | tar -xz && curl -fsSL https://x | sh';
    assert.strictEqual(finding(deb(run)).range.start.character, run.lastIndexOf('|'));
  });

  it('names the remedy of the base image in the message', () => {
    assert.match(
      finding(df('RUN wget -qO- https://x | sh', 'alpine:3.20')).message,
      /\("set -o pipefail" first, or SHELL \["\/bin\/ash", "-o", "pipefail", "-c"\]\)/,
    );
    assert.match(
      finding(deb('RUN curl -fsSL https://x | sh')).message,
      /\(SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]\)/,
    );
  });

  it('offers SHELL with ash on Alpine as the second fix', () => {
    const text = df('RUN wget -qO- https://x | sh', 'alpine:3.20');
    assert.strictEqual(
      fixed(text, 1),
      df('SHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://x | sh', 'alpine:3.20'),
    );
  });

  describe('heredoc shebangs', () => {
    it('a heredoc with a shebang runs under its own interpreter, so SHELL does not cover it', () => {
      const text =
        'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN <<EOF\n#!/bin/bash\ncurl -fsSL https://x | sh\nEOF\nUSER nobody\n';
      assert.strictEqual(flagged(text).length, 1);
      const fixes = finding(text).fixes!();
      assert.deepStrictEqual(
        fixes.map((f) => applyEdits(text, f.edits)),
        [text.replace('#!/bin/bash\n', '#!/bin/bash\nset -o pipefail\n')],
      );
    });

    it('accepts pipefail on the shebang line', () => {
      const text =
        'FROM debian:12-slim\nRUN <<EOF\n#!/bin/bash -eo pipefail\ncurl -fsSL https://x | sh\nEOF\nUSER nobody\n';
      assert.deepStrictEqual(flagged(text), []);
    });
  });
  it('is a warning for a pipe fed by a download and information for other pipes, preferring the download in a RUN', () => {
    const severities = (text: string) =>
      lintText(text)
        .findings.filter((f) => f.rule.id === 'run-pipefail')
        .map((f) => [f.severity, text.slice(text.indexOf('RUN'))]);
    assert.strictEqual(severities(deb('RUN curl -fsSL https://example.com/install.sh | sh'))[0][0], 'warning');
    assert.strictEqual(
      severities(deb('RUN wget -qO- https://example.com/key.asc | tee /etc/key.asc'))[0][0],
      'warning',
    );
    assert.strictEqual(severities(deb('RUN apt-mark showmanual | xargs apt-mark auto'))[0][0], 'info');
    // The download pipe is reported even when a local pipe comes first.
    const text = deb('RUN dpkg -l | tee /tmp/before && curl -fsSL https://example.com/setup | bash');
    assert.deepStrictEqual(
      severities(text).map(([severity]) => severity),
      ['warning'],
    );
    assert.deepStrictEqual(flagged(text), ['|']);
    assert.strictEqual(finding(text).range.start.character, text.split('\n')[1].lastIndexOf('|'));
  });
});

describe('run-pipefail', () => {
  it('writes instructions in the case of the document: Run RUN under bash', () => {
    const text = 'from debian:12-slim\nrun curl -fsSL https://example.com/x | sh\nuser nobody\n';
    const fix = proposalsOf('run-pipefail', text).find((f) => f.title.startsWith('Run RUN under bash'));
    assert.ok(fix, 'Run RUN under bash');
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(
      fixed,
      'from debian:12-slim\nshell ["/bin/bash", "-o", "pipefail", "-c"]\nrun curl -fsSL https://example.com/x | sh\nuser nobody\n',
    );
    assert.ok(!ruleIds(lintText(fixed)).includes('consistent-instruction-casing'));
  });
});
