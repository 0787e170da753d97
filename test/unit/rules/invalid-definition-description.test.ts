import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const RULE = 'invalid-definition-description';

describe(RULE, () => {
  const on = { rules: { InvalidDefinitionDescription: 'warning' as const } };
  it('is off by default', () => {
    assert.deepStrictEqual(reportsOf(RULE, '# a comment\nFROM alpine:3.20 AS base\nUSER nobody\n'), []);
  });
  it('reads the comment line right above, as BuildKit does; ignores parser directives and unnamed FROMs', () => {
    assert.deepStrictEqual(
      reportsOf(RULE, '# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS base\nUSER nobody\n', { settings: on }),
      [],
    );
    assert.deepStrictEqual(
      reportsOf(RULE, '# some notes\n# base is the runtime\nFROM alpine:3.20 AS base\nUSER nobody\n', { settings: on }),
      [],
    );
    assert.deepStrictEqual(reportsOf(RULE, '# some notes\nFROM alpine:3.20\nUSER nobody\n', { settings: on }), []);
    assert.deepStrictEqual(
      reportsOf(RULE, '# an unrelated note\n#\nARG VERSION=1\nFROM alpine:3.20\nUSER nobody\n', { settings: on }),
      [],
    );
    assert.deepStrictEqual(
      reportsOf(RULE, '# base is the runtime\n# pinned\nFROM alpine:3.20 AS base\nUSER nobody\n', { settings: on }),
      [
        {
          message:
            'The comment above this FROM becomes the description of "base": start it with "base ", or put an empty line between them.',
          text: 'FROM alpine:3.20 AS base',
        },
      ],
    );
  });
  it('compares with the stage name in lower case, and with any name of an ARG that declares several', () => {
    assert.strictEqual(
      reportsOf(RULE, '# Base is the runtime\nFROM alpine:3.20 AS base\nUSER nobody\n', { settings: on }).length,
      1,
    );
    assert.deepStrictEqual(
      reportsOf(RULE, '# app is the runtime\nFROM alpine:3.20 AS App\nUSER nobody\n', { settings: on }),
      [],
    );
    assert.deepStrictEqual(
      reportsOf(RULE, 'FROM alpine:3.20\n# B sets the second\nARG A=1 B=2\nUSER nobody\n', { settings: on }),
      [],
    );
    assert.deepStrictEqual(
      reportsOf(RULE, 'FROM alpine:3.20\n# versions\nARG A=1 B=2\nUSER nobody\n', { settings: on }),
      [
        {
          message:
            'The comment above this ARG becomes the description of its arguments (A, B): start it with one of these names and a space, or put an empty line between them.',
          text: 'ARG A=1 B=2',
        },
      ],
    );
  });
});
