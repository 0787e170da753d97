/**
 * How the language server process is started, shared by the side that starts it
 * (the VS Code client; scripts/bench.mjs, so the benchmark measures the process
 * users get) and the server, which applies the V8 flags itself
 * (`applyServerV8Flags`, server/src/serverProcess.ts). Figures from the
 * benchmark's language-server section, 100 open documents, on Linux.
 */
export const SERVER_PROCESS = {
  /**
   * Memory settings (Node's defaults suit a throughput job, not a small long-lived server):
   * - young generation: a semi-space grows to 16 MB (32 MB resident once both halves
   *   were used); 1 MB semi-spaces keep it at 2 MB;
   * - old generation: before its first full collection, V8 lets it grow to tens of MB
   *   of garbage (a few hundred edits of a 200-line Dockerfile left 55 MB, 14 MB of it
   *   alive); growing the limit by 50 % over the live size after each collection keeps it
   *   near what is alive.
   * - no Sparkplug (the baseline compiler between the interpreter and the optimising
   *   compiler): its machine code for the many functions that run a few times took about
   *   1.5 MB (84 MB against 76–78 MB with 100 documents in one benchmark run); hot
   *   functions are still optimised and warm lint time did not change. The first
   *   hundred edits of a document measured 1 to 2 ms slower in one session (didChange →
   *   diagnostics p50 9.6–11.4 ms against 8.9–9.3 ms with Sparkplug, three alternating
   *   runs), and no slower in a later one (8.5 and 9.3 ms against 8.8 and 9.6 ms).
   * Together about 45 MB less resident memory, for about 8 % more CPU time in a lint
   * (more, smaller collections). Without the last two, 100 documents took 108–112 MB
   * instead of 75–78 MB (three runs each).
   *
   * Only the semi-space size, an option Node documents, goes on the command line.
   */
  execArgv: ['--max-semi-space-size=1'],
  /**
   * The other two are V8 flags Node does not document: a runtime whose V8 no longer
   * knew one would refuse to start with it on the command line ("bad option"), and the
   * server would never run. So the server sets them itself, first thing
   * (`applyServerV8Flags`, from `processSetup.ts`), where an unknown flag is only a
   * warning on stderr. This also gives servers started by other editors the same settings.
   */
  v8Flags: ['--heap-growing-percent=50', '--no-sparkplug'],
  /**
   * glibc (Linux) only, ignored elsewhere: freeing the big buffer Node reads the bundle
   * into raises malloc's trim threshold to 10 MB for the rest of the process, so the
   * memory the parse of the bundle used stayed resident (about 12 MB). Setting the
   * threshold explicitly (to glibc's usual 128 KiB) turns that adjustment off.
   */
  env: { MALLOC_TRIM_THRESHOLD_: '131072' } as Record<string, string>,
  /*
   * Measured and not adopted (100 documents, reproduction of the benchmark's section,
   * three alternating runs each, 2 CPUs):
   * - MALLOC_ARENA_MAX=1 or 2: 90.3–90.5 and 92.1–93.4 MB against 90.8–93.2 MB, noise;
   * - --heap-growing-percent=35 (or 25): 87.8–88.3 MB against 89.3–92.8 MB, but the first
   *   edits' didChange p50 was 12.2–15.1 ms against 8.3–10.1 ms;
   * - --bytecode-old-age=2 (bytecode flushed sooner; flushing and lazy feedback vectors
   *   are on by default): 74.1–76.2 MB against 74.1–75.0 MB, no change.
   * On 2 CPUs V8's worker pool is one thread already, so `--v8-pool-size` changed nothing here.
   */
};
