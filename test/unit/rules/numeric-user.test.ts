import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'numeric-user';

describe(RULE, () => {
  it('flags a user name, not numbers, groups or variables', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nUSER app:app\nUSER 1000:app\nUSER 1000\nUSER $APP_USER\n', { force: true }),
      ['app'],
    );
  });
});
