import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'copy-from-own-stage';

describe(RULE, () => {
  it('flags the own stage by name and by index, on the flag value', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20 AS App\nCOPY --from=app /a /b\nFROM alpine:3.20\nCOPY --from=1 /a /b\n', {
        force: true,
      }),
      ['app', '1'],
    );
  });
  it('accepts an earlier stage of another name', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nCOPY --from=a /x /x\n', { force: true }),
      [],
    );
  });
});
