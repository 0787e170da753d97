import * as assert from 'assert';
import { forcedFindingsOf as findingsOf, forcedFlagged as flagged, lintText } from '../../support/lint';

describe('extract-archive-with-add (DL3010)', () => {
  const rule = 'extract-archive-with-add';
  it('flags a copied tarball that a later RUN extracts, on the source word', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY app.tgz /tmp/\nRUN tar -C /opt -xzf /tmp/app.tgz\n', rule), ['app.tgz']);
  });
  it('understands long options, old-style bundled options and --file=', () => {
    assert.strictEqual(flagged('FROM alpine:3.20\nCOPY a.tar /tmp/\nRUN tar --extract --file=/tmp/a.tar\n', rule).length, 1);
    assert.strictEqual(flagged('FROM alpine:3.20\nCOPY a.tar.xz /tmp/\nRUN tar xJf /tmp/a.tar.xz\n', rule).length, 1);
  });
  it('follows a renamed destination and decompressors in a pipe', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY build/out.tar.gz /tmp/pkg.tar.gz\nRUN gunzip -c /tmp/pkg.tar.gz | tar -x -C /opt\n', rule), ['build/out.tar.gz']);
  });
  it('looks into heredoc scripts', () => {
    assert.strictEqual(flagged('FROM alpine:3.20\nCOPY a.tgz /tmp/\nRUN <<EOF\nset -e\ntar -xzf /tmp/a.tgz\nEOF\n', rule).length, 1);
  });
  it('ignores archives that are only listed or created, zip files, COPY --from and other stages', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY a.tgz /tmp/\nRUN tar -tzf /tmp/a.tgz\n', rule), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY a.zip /tmp/\nRUN unzip /tmp/a.zip\n', rule), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS b\nRUN tar -czf /a.tgz /etc\nFROM alpine:3.20\nCOPY --from=b /a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\n', rule), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY a.tgz /tmp/\nFROM alpine:3.20\nRUN tar -xzf /tmp/a.tgz\n', rule), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY a.tgz /tmp/\nRUN tar -xzf "$ARCHIVE"\n', rule), []);
  });
  it('ignores exec-form RUN (no shell to parse)', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY a.tgz /tmp/\nRUN ["tar", "-xzf", "/tmp/a.tgz"]\n', rule), []);
  });
  it('reads Windows paths as written, backslashes included', () => {
    assert.deepStrictEqual(flagged('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY dist\\app.tar.gz "C:\\Program Files\\App"\nRUN tar -xf "C:\\Program Files\\App\\app.tar.gz"\n', rule), ['dist\\app.tar.gz']);
  });
  it('checks a file part without FROM', () => {
    assert.deepStrictEqual(flagged('COPY app.tgz /tmp/\nRUN tar -xzf /tmp/app.tgz -C /opt\n', rule), ['app.tgz']);
  });
});

describe('copy-from-own-stage (DL3023)', () => {
  const rule = 'copy-from-own-stage';
  it('flags the own stage by name and by index, on the flag value', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS App\nCOPY --from=app /a /b\nFROM alpine:3.20\nCOPY --from=1 /a /b\n', rule), ['app', '1']);
  });
  it('accepts an earlier stage of another name', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nCOPY --from=a /x /x\n', rule), []);
  });
});

describe('trusted-registry (DL3026)', () => {
  const rule = 'trusted-registry';
  const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });
  it('reports nothing when no registry list is set', () => {
    assert.deepStrictEqual(flagged('FROM evil.example/x:1\n', rule), []);
  });
  it('treats images without a registry as Docker Hub', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\n', rule, trusted('corp.example')), ['alpine:3.20']);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\n', rule, trusted('docker.io')), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\n', rule, trusted('hub.docker.com')), []);
    assert.deepStrictEqual(flagged('FROM docker.io/library/alpine:3.20\n', rule, trusted('docker.io')), []);
  });
  it('supports prefix and suffix wildcards', () => {
    assert.deepStrictEqual(flagged('FROM eu.registry.corp.example/base:1\n', rule, trusted('*.corp.example')), []);
    assert.deepStrictEqual(flagged('FROM registry.corp.example:5000/base:1\n', rule, trusted('registry.corp.*')), []);
    assert.deepStrictEqual(flagged('FROM ghcr.io/base:1\n', rule, trusted('*.corp.example')), ['ghcr.io/base:1']);
    assert.deepStrictEqual(flagged('FROM ghcr.io/base:1\n', rule, trusted('*')), []);
  });
  it('skips scratch, stages and unresolved variables; resolves ARG defaults', () => {
    const text = 'ARG BASE=ghcr.io/x/y:1\nARG OTHER\nFROM scratch AS s\nFROM s\nFROM ${OTHER}\nFROM ${BASE}\n';
    assert.deepStrictEqual(flagged(text, rule, trusted('corp.example')), ['${BASE}']);
  });
  it('checks COPY --from and RUN --mount from= images, but not stages', () => {
    const text = 'FROM corp.example/base:1 AS build\nFROM corp.example/base:1\nCOPY --from=build /a /a\nCOPY --from=busybox:1.36 /bin/busybox /bin/\nRUN --mount=type=bind,from=ghcr.io/acme/tools:1,target=/t true\nRUN --mount=type=cache,target=/root/.cache true\nRUN --mount=from=build,target=/b true\nCOPY --from=0 /c /c\n';
    assert.deepStrictEqual(flagged(text, rule, trusted('corp.example')), ['busybox:1.36', 'ghcr.io/acme/tools:1']);
  });
});

describe('onbuild-trigger (DL3043)', () => {
  const rule = 'onbuild-trigger';
  it('flags FROM, MAINTAINER and ONBUILD triggers in any case, on the trigger', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nONBUILD FROM x\nONBUILD maintainer me\nONBUILD ONBUILD RUN x\nONBUILD RUN echo ok\n', rule), ['FROM', 'maintainer', 'ONBUILD']);
  });
});

describe('env-self-reference (DL3044)', () => {
  const rule = 'env-self-reference';
  it('flags the reference, braced or bare', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nENV A=/opt B=$A/bin C="${A:-x}"\n', rule), ['$A', '${A:-x}']);
  });
  it('flags a use before the definition in the same ENV too', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nENV B=$A A=1\n', rule), ['$A']);
  });
  it('accepts self-extension, earlier definitions, longer names, single quotes and escapes', () => {
    const text = "FROM alpine:3.20\nARG V=1\nENV A=/opt\nENV PATH=/x:$PATH Q=1 V=2 W=$V A=/new D=$A\nENV N=1 M=$NX O='$N' P=\\$N\n";
    assert.deepStrictEqual(flagged(text, rule), []);
  });
  it('handles continuation lines', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nENV A=/opt \\\n    B=$A/bin\n', rule), ['$A']);
  });
});

describe('copy-relative-without-workdir (DL3045)', () => {
  const rule = 'copy-relative-without-workdir';
  it('flags a relative destination with no WORKDIR, on the destination', () => {
    assert.deepStrictEqual(flagged('FROM node:20\nCOPY --chown=node a.js app/\nCOPY ["b.js", "lib/"]\n', rule), ['app/', '"lib/"]']);
  });
  it('accepts absolute, Windows and variable destinations', () => {
    assert.deepStrictEqual(flagged('FROM node:20\nCOPY a /app/\nCOPY b C:\\app\\\nCOPY c "$DEST"\nCOPY d ${DEST}/x\n', rule), []);
  });
  it('accepts a WORKDIR set earlier in the stage or in a parent stage, but not in an unrelated one', () => {
    assert.deepStrictEqual(flagged('FROM node:20 AS base\nWORKDIR /app\nFROM base AS dev\nCOPY a .\nFROM node:20\nCOPY b .\n', rule), ['.']);
    assert.deepStrictEqual(flagged('FROM node:20\nCOPY a .\nWORKDIR /app\nCOPY b .\n', rule).length, 1);
  });
  it('reads the destination of a heredoc COPY from its first line', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY <<EOF app.conf\nkey=value\nEOF\n', rule), ['app.conf']);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n', rule), []);
  });
});

describe('healthcheck-missing (DL3057)', () => {
  const rule = 'healthcheck-missing';
  it('is off by default', () => {
    assert.ok(!lintText('FROM alpine:3.20\n').findings.some((f) => f.rule.id === rule));
  });
  it('flags only image stages, and inherits health checks from parent stages', () => {
    const text = 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS base\nHEALTHCHECK NONE\nFROM base AS app\nCOPY --from=build /a /a\nFROM alpine:3.20 AS debug\n';
    assert.deepStrictEqual(flagged(text, rule), ['alpine:3.20']);
    assert.strictEqual(findingsOf(text, rule)[0].range.start.line, 5);
  });
});

describe('first-instruction (DL3061)', () => {
  const rule = 'first-instruction';
  it('flags every instruction but ARG before the first FROM', () => {
    assert.deepStrictEqual(flagged('# syntax=docker/dockerfile:1\n# comment\nARG V=1\nENV A=1\nrun echo\nFROM alpine:$V\n', rule), ['ENV', 'run']);
  });
  it('reports a file without FROM once, at its first instruction other than ARG', () => {
    const findings = findingsOf('ARG V=1\nRUN echo hi\nEXPOSE 80\n', rule);
    assert.deepStrictEqual(findings.map((f) => [f.message, f.range.start.line]), [['This file has no FROM: RUN needs a build stage, and a stage starts with FROM <image>.', 1]]);
  });
  it('reports a file of ARGs alone at its first ARG', () => {
    const findings = findingsOf('# syntax=docker/dockerfile:1\nARG A\nARG B\n', rule);
    assert.deepStrictEqual(findings.map((f) => [f.message, f.range.start.line]), [['This file has no FROM: ARG alone builds nothing; a build stage starts with FROM <image>.', 1]]);
  });
  it('reports an empty file and a file of comments at its start', () => {
    for (const text of ['', '\n\n', '# escape=`\n# FROM alpine\n']) {
      const findings = findingsOf(text, rule);
      assert.deepStrictEqual(findings.map((f) => [f.message, f.range]), [['This Dockerfile has no instructions: Docker refuses an empty file. Start it with FROM <image>.', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]]);
    }
  });
});

describe('numeric-user (DL3066)', () => {
  const rule = 'numeric-user';
  it('flags a user name, not numbers, groups or variables', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nUSER app:app\nUSER 1000:app\nUSER 1000\nUSER $APP_USER\n', rule), ['app']);
  });
});

describe('inline-ignore-pragma (DL1001)', () => {
  const rule = 'inline-ignore-pragma';
  it('is off by default', () => {
    assert.ok(!lintText('FROM alpine:3.20\n# hadolint ignore=DL3007\nUSER nobody\n').findings.some((f) => f.rule.id === rule));
  });
  it('flags ours and hadolint\'s, line and global forms, but not other comments', () => {
    const text = '# docker-coach global ignore=pin-base-image\nFROM alpine\n  # hadolint ignore=DL3059\nRUN echo\n# ignore this comment\nUSER nobody\n';
    assert.deepStrictEqual(flagged(text, rule), ['# docker-coach global ignore=pin-base-image', '# hadolint ignore=DL3059']);
  });
  it('does not treat heredoc lines as comments', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nRUN <<EOF\n# hadolint ignore=DL3008\necho\nEOF\n', rule), []);
  });
});
