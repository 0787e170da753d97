import * as assert from 'assert';
import { appliedProposalsOf, flaggedBy } from '../../support/lint';

describe('from-as-casing', () => {
  it('asks AS to follow the case of FROM, either way', () => {
    assert.deepStrictEqual(flaggedBy('from-as-casing', 'FROM alpine:3.20 as build\n'), ['as']);
    assert.deepStrictEqual(flaggedBy('from-as-casing', 'from alpine:3.20 AS build\n'), ['AS']);
  });

  it('has no verdict when FROM itself is in mixed case, and none for matching case', () => {
    for (const text of ['From alpine:3.20 as build\n', 'FROM alpine:3.20 AS build\n', 'from alpine:3.20 as build\n']) {
      assert.deepStrictEqual(flaggedBy('from-as-casing', text), [], text);
    }
  });

  it('reads only the AS before the stage name, not an image or flag spelled "as"', () => {
    assert.deepStrictEqual(flaggedBy('from-as-casing', 'FROM --platform=linux/amd64 as\n'), []);
  });

  it('rewrites the keyword safely', () => {
    assert.deepStrictEqual(appliedProposalsOf('from-as-casing', 'from alpine:3.20 AS build\n'), [
      { title: 'Write as', safe: true, result: 'from alpine:3.20 as build\n' },
    ]);
  });
});
