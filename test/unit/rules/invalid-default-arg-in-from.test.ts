import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const RULE = 'invalid-default-arg-in-from';

describe(RULE, () => {
  it('evaluates ${VAR:-default} and chained defaults', () => {
    assert.deepStrictEqual(reportsOf(RULE, 'ARG TAG\nFROM alpine:${TAG:-3.20}\nUSER nobody\n'), []);
    assert.deepStrictEqual(reportsOf(RULE, 'ARG V=3.20\nARG TAG=$V\nFROM alpine:${TAG}\nUSER nobody\n'), []);
    assert.strictEqual(reportsOf(RULE, 'ARG IMAGE=Alpine\nFROM ${IMAGE}\nUSER nobody\n').length, 1);
  });
  it('accepts a default that names a stage', () => {
    assert.deepStrictEqual(
      reportsOf(RULE, 'ARG BASE=Build\nFROM alpine:3.20 AS build\nFROM ${BASE}\nUSER nobody\n'),
      [],
    );
  });
});
