import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'service-dependencies-order';
const ORDERING =
  'volumes:\n  v:\nservices:\n  web:\n    ports:\n      - "127.0.0.1:9000:9000"\n      - "127.0.0.1:8000:8000"\n    image: example/web:1.0\n    depends_on: [db, cache]\n  cache:\n    image: redis:7.4\n  db:\n    image: example/db:1.0\n';

describe(RULE, () => {
  it('is off by default and works when enabled', () => {
    assert.deepStrictEqual(flaggedBy(RULE, ORDERING), []);
    assert.deepStrictEqual(flaggedBy(RULE, ORDERING, { force: true }), ['depends_on']);
  });
});
