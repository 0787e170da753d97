import * as assert from 'assert';
import { SizedCache } from '../../server/src/util/sizedCache';

describe('SizedCache (bounded by size, nearly least recently used first out)', () => {
  const byLength = () => new SizedCache<string, string>(100, (key, value) => key.length + value.length);

  it('keeps entries while their sizes fit the budget, and drops the least recently used first', () => {
    const cache = byLength();
    cache.set('a', 'x'.repeat(19)); // 20
    cache.set('b', 'x'.repeat(19)); // 20
    cache.set('c', 'x'.repeat(19)); // 20
    assert.strictEqual(cache.get('a'), 'x'.repeat(19)); // a is now the most recent
    cache.set('d', 'x'.repeat(24)); // 25: 85 in all
    assert.deepStrictEqual([cache.count, cache.weight], [4, 85]);
    cache.set('e', 'x'.repeat(24)); // 110 > 100: b goes (the least recently used)
    assert.strictEqual(cache.get('b'), undefined);
    assert.deepStrictEqual(
      ['a', 'c', 'd', 'e'].map((k) => cache.get(k) !== undefined),
      [true, true, true, true],
    );
    assert.strictEqual(cache.weight, 90);
  });

  it('when every entry was used, drops the oldest of them, never the one just added', () => {
    const cache = byLength();
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, 'x'.repeat(19)); // 80
    for (const key of ['a', 'b', 'c', 'd']) cache.get(key);
    cache.set('e', 'x'.repeat(24)); // 105: a goes, the others were passed over once
    cache.get('b');
    cache.get('c');
    cache.set('f', 'x'.repeat(19)); // 105 again: b and c were used since, d was not
    assert.deepStrictEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => cache.get(k) !== undefined),
      [false, true, true, false, true, true],
    );
  });

  it('does not keep an entry heavier than a quarter of the budget', () => {
    const cache = byLength();
    cache.set('small', 'x');
    cache.set('big', 'x'.repeat(30));
    assert.strictEqual(cache.get('big'), undefined);
    assert.strictEqual(cache.get('small'), 'x');
    assert.strictEqual(cache.weight, 6);
  });

  it('replacing or deleting an entry updates the total, and clear() empties it', () => {
    const cache = byLength();
    cache.set('k', 'x'.repeat(9));
    cache.set('k', 'x'.repeat(4));
    assert.deepStrictEqual([cache.count, cache.weight], [1, 5]);
    cache.delete('k');
    assert.deepStrictEqual([cache.count, cache.weight], [0, 0]);
    cache.set('k', 'v');
    cache.clear();
    assert.deepStrictEqual([cache.count, cache.weight, cache.get('k')], [0, 0, undefined]);
  });
});
