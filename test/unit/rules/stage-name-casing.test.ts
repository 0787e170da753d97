import * as assert from 'assert';
import { reportsOf, fixedBy } from '../../support/lint';

const RULE = 'stage-name-casing';

describe(RULE, () => {
  it('renames the stage and every reference, whatever their case', () => {
    const text =
      'FROM golang:1.22 AS Build\nFROM build AS test\nRUN --mount=type=bind,from=BUILD,target=/src go version\nFROM alpine:3.20\nCOPY --chown=1000 --from=Build /a /a\nUSER nobody\n';
    assert.deepStrictEqual(
      reportsOf(RULE, text).map((f) => f.text),
      ['Build'],
    );
    assert.strictEqual(
      fixedBy(RULE, text),
      'FROM golang:1.22 AS build\nFROM build AS test\nRUN --mount=type=bind,from=build,target=/src go version\nFROM alpine:3.20\nCOPY --chown=1000 --from=build /a /a\nUSER nobody\n',
    );
  });
});
