import * as assert from 'assert';
import { buildFindings } from '../../support/composeBuild';

const RULE = 'compose-build-arg-missing';
const service = (build: string) => `services:\n  api:\n    build:${build}\n`;

describe(RULE, () => {
  it('reports a FROM that becomes blank or invalid without the arg, on the build key', () => {
    assert.deepStrictEqual(buildFindings(RULE, service(' .'), { Dockerfile: 'ARG BASE\nFROM ${BASE}\n' }), [
      {
        message:
          'The Dockerfile Dockerfile needs the build arg "BASE" (an ARG without a default, used in "FROM ${BASE}"), and this build gives none: the build fails with "base name should not be blank".',
        severity: 'error',
        text: 'build',
        fixed: null,
      },
    ]);
    assert.deepStrictEqual(
      buildFindings(RULE, service('\n      context: .\n      args:\n        OTHER: 1'), {
        Dockerfile: 'ARG V\nFROM node:${V}\n',
      }).map((f) => f.message),
      [
        'The Dockerfile Dockerfile needs the build arg "V" (an ARG without a default, used in "FROM node:${V}"), and this build gives none: the image becomes "node:", which is not a valid reference.',
      ],
    );
  });

  it('is quiet when the arg is given (either form), has a default, or only RUN uses it', () => {
    assert.deepStrictEqual(
      buildFindings(RULE, service('\n      context: .\n      args:\n        BASE: alpine:3.20'), {
        Dockerfile: 'ARG BASE\nFROM ${BASE}\n',
      }),
      [],
    );
    assert.deepStrictEqual(
      buildFindings(RULE, service('\n      context: .\n      args:\n        - BASE'), {
        Dockerfile: 'ARG BASE\nFROM ${BASE}\n',
      }),
      [],
    );
    assert.deepStrictEqual(buildFindings(RULE, service(' .'), { Dockerfile: 'ARG V\nFROM node:${V:-22}\n' }), []);
    assert.deepStrictEqual(
      buildFindings(RULE, service(' .'), { Dockerfile: 'ARG REGISTRY\nFROM ${REGISTRY}node:22\n' }),
      [],
    );
    assert.deepStrictEqual(
      buildFindings(RULE, service(' .'), { Dockerfile: 'FROM node:22\nARG NPM_TOKEN\nRUN echo "$NPM_TOKEN"\n' }),
      [],
    );
  });

  it('checks invalid references only in the stages the target builds through; blank ones everywhere', () => {
    const dockerfile = 'ARG V\nFROM node:${V} AS dev\nFROM alpine:3.20 AS prod\n';
    assert.deepStrictEqual(
      buildFindings(RULE, service('\n      context: .\n      target: prod'), { Dockerfile: dockerfile }),
      [],
    );
    assert.strictEqual(
      buildFindings(RULE, service('\n      context: .\n      target: dev'), { Dockerfile: dockerfile }).length,
      1,
    );
    assert.strictEqual(
      buildFindings(RULE, service('\n      context: .\n      target: prod'), {
        Dockerfile: 'ARG B\nFROM ${B} AS dev\nFROM alpine:3.20 AS prod\n',
      }).length,
      1,
    );
  });

  it('takes the args of every file of the project: an override may give it', () => {
    const files = {
      Dockerfile: 'ARG BASE\nFROM ${BASE}\n',
      'compose.override.yaml': 'services:\n  api:\n    build:\n      args:\n        BASE: alpine:3.20\n',
    };
    assert.deepStrictEqual(buildFindings(RULE, service(' .'), files), []);
    assert.strictEqual(buildFindings(RULE, service(' .'), { Dockerfile: files.Dockerfile }).length, 1);
  });
});
