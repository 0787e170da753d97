/** absolute-workdir: a relative WORKDIR whose base directory the Dockerfile does not set (BuildKit's WorkdirRelativePath). */
import * as assert from 'assert';
import { applyEdits, flaggedBy, lintText } from '../../support/lint';

const flagged = (text: string) => flaggedBy('absolute-workdir', text);

describe('absolute-workdir', () => {
  it('reports the first WORKDIR of a stage when it is relative, with an unsafe fix from /', () => {
    const text = 'FROM ubuntu:24.04\nWORKDIR wireshark\nUSER nobody\n';
    const [finding] = lintText(text).findings.filter((f) => f.rule.id === 'absolute-workdir');
    assert.strictEqual(
      finding.message,
      'WORKDIR "wireshark" is relative and no WORKDIR before it sets the directory: it resolves against the base image\'s working directory. Use an absolute path.',
    );
    const [fix] = finding.fixes!();
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(applyEdits(text, fix.edits), 'FROM ubuntu:24.04\nWORKDIR /wireshark\nUSER nobody\n');
  });
  it('accepts a relative WORKDIR after an absolute one in the same stage', () => {
    assert.deepStrictEqual(flagged('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nWORKDIR tools/gopls\nUSER nobody\n'), []);
  });
  it('accepts a relative WORKDIR when a stage it is built on set one', () => {
    assert.deepStrictEqual(
      flagged('FROM golang:1.22 AS base\nWORKDIR /src\nFROM base AS mid\nFROM mid\nWORKDIR tools\nUSER nobody\n'),
      [],
    );
  });
  it('reports only the first of several relative WORKDIRs, as BuildKit does', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nWORKDIR app\nWORKDIR sub\nUSER nobody\n'), ['app']);
  });
  it('does not count a WORKDIR of a stage the stage is not built on', () => {
    assert.deepStrictEqual(
      flagged(
        'FROM alpine:3.20 AS a\nWORKDIR /src\nFROM alpine:3.20\nCOPY --from=a /src /src\nWORKDIR app\nUSER nobody\n',
      ),
      ['app'],
    );
  });
  it('leaves variables and Windows paths alone, and a variable WORKDIR counts as set', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nWORKDIR $HOME\nWORKDIR app\nUSER nobody\n'), []);
    assert.deepStrictEqual(
      flagged('# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app\nUSER ContainerUser\n'),
      [],
    );
    // Under the default escape character too, quoted or not: the drive letter makes the path absolute.
    for (const path of ['C:\\app', "'D:\\'", '"c:/tools"']) {
      assert.deepStrictEqual(
        flagged(`FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR ${path}\nUSER ContainerUser\n`),
        [],
        path,
      );
    }
  });
  it('checks the WORKDIR of ONBUILD triggers, and not that of a file part without FROM (the WORKDIR before it is unknown)', () => {
    assert.deepStrictEqual(flagged('WORKDIR srv\nRUN make\n'), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nONBUILD WORKDIR build\nUSER nobody\n'), ['build']);
    // A trigger runs in an image built on this stage: its WORKDIR is inherited.
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nWORKDIR /src\nONBUILD WORKDIR build\nUSER nobody\n'), []);
  });
});
