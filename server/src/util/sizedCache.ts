/**
 * A cache bounded by the estimated size of what it holds, not by a count: a
 * count lets a few large entries (a 40 KB script parsed at every keystroke)
 * take hundreds of megabytes. What goes first is nearly the least recently
 * used ("second chance"): entries are dropped oldest first, except that one used
 * since it was added or last passed over goes to the back once instead. A `get`
 * only sets a mark: moving the entry in the map on every hit, as an exact order
 * needs, cost 4 % of a lint's CPU time and a share of its garbage.
 */
export class SizedCache<K, V> {
  private readonly entries = new Map<K, { value: V; size: number; used: boolean }>();
  private total = 0;

  /**
   * @param budget the most the entries may weigh together, in the unit of `sizeOf`
   *   (an entry heavier than a quarter of it is not kept: it would push out everything else)
   * @param sizeOf an estimate of what an entry costs (the key's text counts too)
   */
  constructor(
    private readonly budget: number,
    private readonly sizeOf: (key: K, value: V) => number,
  ) {}

  /** The value, now marked as used; undefined when not cached. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const size = this.sizeOf(key, value);
    if (size > this.budget / 4) return;
    this.entries.set(key, { value, size, used: false });
    this.total += size;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget) break;
      if (entry.used || oldest === key) {
        // A second chance: used since it was last passed over (or just added), it goes to the back.
        entry.used = false;
        this.entries.delete(oldest);
        this.entries.set(oldest, entry);
        continue;
      }
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.size;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get count(): number {
    return this.entries.size;
  }

  /** The estimated size of every entry together. */
  get weight(): number {
    return this.total;
  }
}
