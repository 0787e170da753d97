/** Values computed once per object and kept while the object lives. */

/**
 * `compute`, remembered per key object (in a WeakMap, so a key that is gone
 * takes its value with it). `compute` may return null, never undefined.
 */
export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
