import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'pin-base-image';

describe(RULE, () => {
  it('resolve ARG defaults in FROM before judging the tag', () => {
    assert.ok(!flaggedBy(RULE, 'ARG BASE=ubuntu:22.04\nFROM ${BASE}\nUSER nobody\n').length);
    assert.ok(!flaggedBy(RULE, 'ARG VERSION\nFROM ubuntu:${VERSION}\nUSER nobody\n').length);
    assert.ok(flaggedBy(RULE, 'ARG BASE=ubuntu\nFROM $BASE\nUSER nobody\n').length);
  });
});
