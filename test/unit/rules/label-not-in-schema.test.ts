import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'label-not-in-schema';

describe(RULE, () => {
  it('only acts with strictLabels', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nLABEL team=x\n', { settings: { labelSchema: { title: 'text' } } }),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nLABEL title=t team=x\n', {
        settings: { labelSchema: { title: 'text' }, strictLabels: true },
      }),
      ['team'],
    );
  });
});
