import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

describe('duplicate-stage-name', () => {
  it('compares names without regard to case, as BuildKit does', () => {
    assert.deepStrictEqual(
      reportsOf('duplicate-stage-name', 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS Build\n'),
      [
        {
          text: 'Build',
          message: 'Stage name "Build" is already used on line 1: the build fails with a duplicate stage name error.',
        },
      ],
    );
  });

  it('reports every repeat against the first use', () => {
    const text = 'FROM a:1 AS build\nFROM b:1 AS test\nFROM c:1 AS build\nFROM d:1 AS build\n';
    assert.deepStrictEqual(
      reportsOf('duplicate-stage-name', text).map((r) => r.message.replace(/:.*/, '')),
      ['Stage name "build" is already used on line 1', 'Stage name "build" is already used on line 1'],
    );
  });

  it('leaves distinct names and unnamed stages alone', () => {
    assert.deepStrictEqual(
      reportsOf('duplicate-stage-name', 'FROM a:1\nFROM a:1\nFROM b:1 AS build\nFROM c:1 AS builder\n'),
      [],
    );
  });
});
