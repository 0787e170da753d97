import * as assert from 'assert';
import { appliedProposalsOf, findingsOf } from '../../support/lint';

const RULE = 'multiple-instructions';

describe(RULE, () => {
  it('reports each CMD, ENTRYPOINT and HEALTHCHECK that a later one of its kind replaces in the stage', () => {
    const text =
      'FROM alpine:3.20\nENTRYPOINT ["a"]\nHEALTHCHECK NONE\nENTRYPOINT ["b"]\nHEALTHCHECK CMD true\nCMD ["x"]\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text).map((f) => [f.text, f.message, f.hadolintCode]),
      [
        [
          'ENTRYPOINT ["a"]',
          'This ENTRYPOINT has no effect: a later ENTRYPOINT in the same stage (line 4) replaces it.',
          'DL4004',
        ],
        [
          'HEALTHCHECK NONE',
          'This HEALTHCHECK has no effect: a later HEALTHCHECK in the same stage (line 5) replaces it.',
          'DL3012',
        ],
      ],
    );
  });

  it('compares within a stage only, and leaves ONBUILD triggers alone', () => {
    assert.deepStrictEqual(findingsOf(RULE, 'FROM alpine:3.20\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\n'), []);
    assert.deepStrictEqual(findingsOf(RULE, 'FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]\n'), []);
  });

  it('removes the overridden instruction, continuation lines included, safely', () => {
    const text = 'FROM alpine:3.20\nCMD ["sh", \\\n  "-c", "a"]\nCMD ["b"]\n';
    assert.deepStrictEqual(appliedProposalsOf(RULE, text), [
      { title: 'Remove the overridden CMD', safe: true, result: 'FROM alpine:3.20\nCMD ["b"]\n' },
    ]);
  });
});
