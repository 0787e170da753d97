/**
 * The server process's own memory tuning: the V8 flags of `SERVER_PROCESS` (the
 * contract, protocol/serverProcess.ts) applied at start, and full collections
 * when idle.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { SERVER_PROCESS } from './protocol/serverProcess';

/** Applies `SERVER_PROCESS.v8Flags` to the running process (the server calls this before anything else). */
export function applyServerV8Flags(): void {
  for (const flag of SERVER_PROCESS.v8Flags) v8.setFlagsFromString(flag);
}

/**
 * The flag `garbageCollector` sets as the server starts. V8 takes cached code only under the flags it was
 * made with, so the launcher (launch/server.ts) sets it too, with `SERVER_PROCESS.v8Flags`, before it
 * compiles the server.
 */
export const EXPOSE_GC = '--expose-gc';

/**
 * Full garbage collections, for the server to run when it is idle after documents closed:
 * V8 collects when the heap grows, so after closing documents (nothing more is allocated)
 * their memory stayed resident (920 MB after 150 large documents were closed). One
 * collection frees the objects but V8 gives the emptied heap back in steps, so it collects
 * again while that still shrinks the heap (150 large documents closed: 830 → 50 MB of heap
 * in four collections). Node has no API for it: `--expose-gc` set at run time puts `gc` in
 * contexts created afterwards. Null when the runtime refuses.
 */
export function garbageCollector(): (() => void) | null {
  let gc: unknown;
  try {
    v8.setFlagsFromString(EXPOSE_GC);
    gc = vm.runInNewContext('gc');
  } catch {
    return null;
  }
  if (typeof gc !== 'function') return null;
  const collect = gc as () => void;
  return () => {
    let before = Infinity;
    for (let round = 0; round < 5; round++) {
      collect();
      const after = v8.getHeapStatistics().total_heap_size;
      if (after > before * 0.95) break;
      before = after;
    }
  };
}
