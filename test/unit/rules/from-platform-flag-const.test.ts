import * as assert from 'assert';
import { reportsOf, appliedProposalsOf, fixedBy } from '../../support/lint';

const RULE = 'from-platform-flag-const';

describe(RULE, () => {
  it('from-platform-flag-const allows stage names that name the OS or architecture (aliases normalised)', () => {
    assert.deepStrictEqual(
      reportsOf(RULE, 'FROM --platform=linux/x86_64 alpine:3.20 AS build-amd64\nUSER nobody\n'),
      [],
    );
    assert.deepStrictEqual(
      reportsOf(RULE, 'FROM --platform=windows/amd64 alpine:3.20 AS windows-base\nUSER nobody\n'),
      [],
    );
    assert.strictEqual(reportsOf(RULE, 'FROM --platform=linux/arm64 alpine:3.20 AS build\nUSER nobody\n').length, 1);
    assert.deepStrictEqual(reportsOf(RULE, 'ARG P=linux/arm64\nFROM --platform=$P alpine:3.20\nUSER nobody\n'), []);
  });
  it('removes the flag; offers $BUILDPLATFORM only for a stage that others copy from', () => {
    const builder =
      'FROM --platform=linux/amd64 golang:1.22 AS build\nRUN go version\nFROM alpine:3.20\nCOPY --from=build /etc/os-release /\nUSER nobody\n';
    const fixes = appliedProposalsOf(RULE, builder);
    assert.deepStrictEqual(
      fixes.map((f) => f.result),
      [
        'FROM golang:1.22 AS build\nRUN go version\nFROM alpine:3.20\nCOPY --from=build /etc/os-release /\nUSER nobody\n',
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go version\nFROM alpine:3.20\nCOPY --from=build /etc/os-release /\nUSER nobody\n',
      ],
    );
    assert.ok(fixes.every((f) => !f.safe));
    const base = 'FROM --platform=linux/amd64 alpine:3.20 AS base\nFROM base\nUSER nobody\n';
    assert.strictEqual(appliedProposalsOf(RULE, base).length, 1);
  });
  it('removes the flag in a file with the backtick escape character', () => {
    const text =
      '# escape=`\nFROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n';
    assert.strictEqual(
      fixedBy(RULE, text),
      '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n',
    );
  });
});
