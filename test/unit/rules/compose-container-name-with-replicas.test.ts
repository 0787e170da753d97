import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'compose-container-name-with-replicas';

describe(RULE, () => {
  it('flags container_name with replicas or scale above 1 only', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'services:\n  a:\n    image: x:1\n    container_name: a\n    scale: 2\n'), [
      'container_name',
    ]);
    assert.deepStrictEqual(
      flaggedBy(RULE, 'services:\n  a:\n    image: x:1\n    container_name: a\n    deploy: {replicas: 1}\n'),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'services:\n  a:\n    image: x:1\n    container_name: a\n    deploy: {replicas: "${N}"}\n'),
      [],
    );
  });
});
