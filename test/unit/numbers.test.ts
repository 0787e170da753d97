import * as assert from 'assert';
import { withThousands } from '../../server/src/util/numbers';

describe('withThousands', () => {
  it('writes integers as toLocaleString("en-US") does', () => {
    for (const value of [0, 7, 999, 1000, 12345, 200_000, 1_000_000, 2_097_152, 123_456_789])
      assert.strictEqual(withThousands(value), value.toLocaleString('en-US'));
  });
});
