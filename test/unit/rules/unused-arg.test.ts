/** unused-arg: build arguments nothing can use. */
import * as assert from 'assert';
import { applyEdits, docOf, findingsOf, flaggedBy, lintText, ruleIds } from '../../support/lint';

const flagged = (text: string) => flaggedBy('unused-arg', text);

describe('unused-arg', () => {
  it('flags a stage ARG nothing after it uses, and offers its removal as an unsafe fix', () => {
    const text = 'FROM alpine:3.20\nARG A=1\nARG B\nCOPY $B /b\nUSER nobody\n';
    const [finding, ...rest] = findingsOf('unused-arg', text);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(finding.severity, 'hint');
    assert.strictEqual(docOf(text).getText(finding.range), 'A');
    assert.strictEqual(
      finding.message,
      'ARG A is never used: no later instruction of its stage refers to it, and no RUN follows that could read it from its environment.',
    );
    const [fix] = finding.fixes!();
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(applyEdits(text, fix.edits), 'FROM alpine:3.20\nARG B\nCOPY $B /b\nUSER nobody\n');
  });
  it('never reports a stage ARG that a later RUN could read from its environment', () => {
    // xx-go reads TARGETPLATFORM, make reads BUILD_FLAGS: no `$` in the Dockerfile.
    assert.deepStrictEqual(
      flagged(
        'FROM golang:1.22-alpine\nARG TARGETPLATFORM\nARG BUILD_FLAGS\nRUN xx-go build . && make build\nUSER nobody\n',
      ),
      [],
    );
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nARG A\nRUN echo done\nUSER nobody\n'), []);
  });
  it('counts uses in any later instruction: braces, defaults, heredocs, other ARGs', () => {
    const uses = [
      'RUN echo ${A:-x}',
      'RUN <<EOF\necho "$A"\nEOF',
      'ARG B=${A}\nENV C=$B',
      'ENV X=$A',
      'COPY $A /x/',
      'LABEL v=$A',
    ];
    for (const use of uses) {
      assert.deepStrictEqual(flagged(`FROM alpine:3.20\nARG A\n${use}\n`), [], use);
    }
  });
  it('does not count a use before the ARG or in a stage not built on it', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nRUN echo $A\nARG A\nFROM alpine:3.20\nRUN echo $A\n'), ['A']);
  });
  it("counts uses and RUNs in stages built on the ARG's stage, which inherit it", () => {
    assert.deepStrictEqual(
      flagged('FROM alpine:3.20 AS base\nARG FLAGS="-i 2 -ci"\nFROM base AS generate\nRUN shfmt -l $FLAGS .\n'),
      [],
    );
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS base\nARG A\nFROM base AS mid\nFROM mid\nRUN make\n'), []);
    assert.deepStrictEqual(
      flagged('FROM alpine:3.20 AS base\nARG A\nFROM base AS mid\nCOPY x /x\nFROM alpine:3.20\nRUN make\n'),
      ['A'],
    );
  });
  it('treats global ARGs used in FROM or declared again in a stage as used', () => {
    assert.deepStrictEqual(flagged('ARG TAG=3.20\nARG PLATFORM\nFROM --platform=$PLATFORM alpine:${TAG}\n'), []);
    assert.deepStrictEqual(flagged('ARG V=1\nFROM alpine:3.20\nARG V\nRUN echo $V\n'), []);
    assert.deepStrictEqual(flagged('ARG BASE=alpine\nARG IMAGE=${BASE}:3.20\nFROM ${IMAGE}\n'), []);
  });
  it('reads a quoted default as one value, not as names', () => {
    assert.deepStrictEqual(
      flagged('ARG OPTS="--jobs=8 --without test"\nFROM alpine:3.20\nARG OPTS\nRUN make $OPTS\n'),
      [],
    );
    assert.deepStrictEqual(flagged('ARG LIST="alpha beta gamma"\nFROM alpine:3.20\nUSER nobody\n'), ['LIST']);
  });
  it('flags each unused name of a multi-name ARG (ARG A B C declares three), without a fix that would remove the others', () => {
    const text = 'FROM alpine:3.20\nARG A B C=2\nCOPY $B /b\nUSER nobody\n';
    const found = findingsOf('unused-arg', text);
    assert.deepStrictEqual(
      found.map((f) => docOf(text).getText(f.range)),
      ['A', 'C'],
    );
    assert.ok(found.every((f) => f.fixes === undefined));
    assert.deepStrictEqual(flagged('ARG A B C\nFROM alpine:3.20\nARG A\nARG B C\nRUN make\n'), []);
  });
  it("never reports proxy arguments, SOURCE_DATE_EPOCH or BuildKit's own arguments", () => {
    for (const name of ['HTTP_PROXY', 'no_proxy', 'BUILDKIT_SBOM_SCAN_STAGE=true', 'SOURCE_DATE_EPOCH']) {
      assert.deepStrictEqual(flagged(`FROM alpine:3.20\nARG ${name}\nUSER nobody\n`), [], name);
    }
  });
});

describe('unused-arg with Windows shells', () => {
  it('counts PowerShell $env:NAME and cmd %NAME% after the last RUN as uses', () => {
    const ps =
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nARG NODE_VERSION=22.12.0\nCMD Write-Host $env:node_version\nUSER ContainerUser\n';
    assert.ok(!ruleIds(lintText(ps)).includes('unused-arg'));
    const cmd =
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG TOOL_DIR=C:\\tools\nCMD echo %TOOL_DIR%\nUSER ContainerUser\n';
    assert.ok(!ruleIds(lintText(cmd)).includes('unused-arg'));
    const unused =
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG TOOL_DIR=C:\\tools\nCMD echo done\nUSER ContainerUser\n';
    assert.ok(ruleIds(lintText(unused)).includes('unused-arg'));
  });
});
