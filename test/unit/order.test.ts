import * as assert from 'assert';
import { compareCodeUnits } from '../../server/src/util/order';
import { COMPOSE_RULES, DOCKERFILE_RULES, DOCKERIGNORE_RULES } from '../../server/src/rules/registry';

describe('compareCodeUnits', () => {
  it('orders the rule ids as localeCompare does', () => {
    const ids = [...DOCKERFILE_RULES, ...COMPOSE_RULES, ...DOCKERIGNORE_RULES].map((r) => r.id);
    assert.deepStrictEqual(
      [...ids].sort(compareCodeUnits),
      [...ids].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('orders as Go compares strings (bytes), not as a locale does', () => {
    assert.deepStrictEqual(['b=1', 'B=2', 'a=3', '_=4', 'é=5'].sort(compareCodeUnits), [
      'B=2',
      '_=4',
      'a=3',
      'b=1',
      'é=5',
    ]);
    assert.strictEqual(compareCodeUnits('x', 'x'), 0);
  });
});
