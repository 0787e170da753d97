import * as assert from 'assert';
import { findingsOf, flaggedBy } from '../../support/lint';

const RULE = 'first-instruction';

describe(RULE, () => {
  it('flags every instruction but ARG before the first FROM', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, '# syntax=docker/dockerfile:1\n# comment\nARG V=1\nENV A=1\nrun echo\nFROM alpine:$V\n', {
        force: true,
      }),
      ['ENV', 'run'],
    );
  });
  it('reports a file without FROM once, at its first instruction other than ARG', () => {
    const findings = findingsOf(RULE, 'ARG V=1\nRUN echo hi\nEXPOSE 80\n', { force: true });
    assert.deepStrictEqual(
      findings.map((f) => [f.message, f.range.start.line]),
      [['This file has no FROM: RUN needs a build stage, and a stage starts with FROM <image>.', 1]],
    );
  });
  it('reports a file of ARGs alone at its first ARG', () => {
    const findings = findingsOf(RULE, '# syntax=docker/dockerfile:1\nARG A\nARG B\n', { force: true });
    assert.deepStrictEqual(
      findings.map((f) => [f.message, f.range.start.line]),
      [['This file has no FROM: ARG alone builds nothing; a build stage starts with FROM <image>.', 1]],
    );
  });
  it('reports an empty file and a file of comments at its start', () => {
    for (const text of ['', '\n\n', '# escape=`\n# FROM alpine\n']) {
      const findings = findingsOf(RULE, text, { force: true });
      assert.deepStrictEqual(
        findings.map((f) => [f.message, f.range]),
        [
          [
            'This Dockerfile has no instructions: Docker refuses an empty file. Start it with FROM <image>.',
            { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          ],
        ],
      );
    }
  });
});
