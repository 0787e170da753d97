import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const RULE = 'undefined-arg-in-from';

describe(RULE, () => {
  it('knows global ARGs and the platform arguments, in the image and in --platform', () => {
    const text =
      'ARG BASE=alpine\nFROM --platform=$BUILDPLATFORM ${BASE}:3.20 AS build\nFROM --platform=$TARGETPLATFROM $BASE:3.20\nUSER nobody\n';
    assert.deepStrictEqual(
      reportsOf(RULE, text).map((f) => f.text),
      ['TARGETPLATFROM'],
    );
    assert.match(reportsOf(RULE, text)[0].message, /did you mean \$TARGETPLATFORM\?/);
  });
  it('counts an ARG declared without a value as declared', () => {
    assert.deepStrictEqual(reportsOf(RULE, 'ARG TAG\nFROM alpine:3.20${TAG}\nUSER nobody\n'), []);
  });
});
