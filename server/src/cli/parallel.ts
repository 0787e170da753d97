/**
 * Linting many files on worker threads. The main thread hands out one file at a time to
 * whichever worker is free and puts each answer in the slot of its input, so the output
 * order is the input order whatever the timing. A task may ask the main thread a question
 * and wait (the CLI: ShellCheck's results for a file's scripts, which the main thread runs
 * in batches for every thread); meanwhile its thread takes the next file, up to a limit.
 */
import * as fs from 'fs';
import * as os from 'os';
import { parentPort, Worker } from 'worker_threads';

/**
 * Below this much input (in bytes, all files together) the CLI lints in one thread. A worker costs about
 * 0.3 s to load the bundle and then lints slower while its JIT warms up; with one CPU for each thread the
 * lint of 2 MB (1.5 to 3 s in one thread) is where that start-up becomes a small part.
 */
export const PARALLEL_BYTES = 2 * 1024 * 1024;
/**
 * Idle CPUs per thread. One lint thread keeps about 1.7 CPUs busy (V8 compiles and collects garbage on
 * threads of its own: 3.9 s of CPU in 2.3 s over the corpus's 511 Dockerfiles), so a second thread on a
 * machine with two CPUs only competes with the first (2.7 s instead of 2.3 s; 5.9 s instead of 5.5 s for
 * the same files three times over).
 */
const CPUS_PER_THREAD = 2;

export function cpuCount(): number {
  const available = (os as { availableParallelism?: () => number }).availableParallelism;
  return available ? available() : os.cpus().length;
}

/**
 * How many threads (the main one included; 1: no workers) to lint `files` with when the user did not
 * say: one per two idle CPUs, up to 8, when the files hold at least PARALLEL_BYTES together. CPUs already
 * busy (the load average) are not counted: on a machine with no idle CPU, workers only add their start-up
 * cost. `sizeOf` gives a file's size (asked only when there are CPUs for two threads).
 */
export function defaultJobs(
  files: fs.PathLike[],
  machine: Machine = { cpus: cpuCount(), load: os.loadavg()[0] },
  sizeOf: (file: fs.PathLike) => number = fileSize,
): number {
  const idle = machine.cpus - Math.floor(machine.load);
  const threads = Math.min(Math.floor(idle / CPUS_PER_THREAD), 8);
  if (threads < 2) return 1;
  let bytes = 0;
  for (const file of files) {
    bytes += sizeOf(file);
    if (bytes >= PARALLEL_BYTES) return threads;
  }
  return 1;
}

/** The CPUs and the load average (of the last minute) that the number of threads depends on. */
export interface Machine {
  cpus: number;
  load: number;
}

function fileSize(file: fs.PathLike): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // Reported when it is read.
  }
}

/** What a task may ask the main thread, waiting for the answer. */
export type Ask<Q, A> = (question: Q) => Promise<A>;

export interface PoolOptions<Q, A> {
  /** Tasks a thread may have started and not finished (those waiting for answers); default 1. */
  tasksPerThread?: number;
  /** Answers the questions of every thread, on the main thread. */
  answer?: (question: Q) => Promise<A>;
  /**
   * Told how many threads are idle (they may take no more tasks, and every task they hold waits for an
   * answer) when that number changes, and again on each question or finished task while it is not 0: what
   * is held back to be answered in bulk is wanted now, and those threads' CPUs are free.
   */
  onIdle?: (threads: number) => void;
}

type ToWorker<T, A> = { kind: 'task'; index: number; task: T } | { kind: 'answer'; id: number; answer: A };
type FromWorker<R, Q> = { kind: 'result'; index: number; result: R } | { kind: 'ask'; id: number; question: Q };

/** A thread's tasks started and not finished, and how many of them wait for an answer. */
interface Load {
  started: number;
  asking: number;
}

/**
 * Runs `tasks` on `jobs` threads: the main thread, which handles tasks itself with `local`
 * between messages, and `jobs - 1` workers started from `script` with `workerData` (starting
 * a worker costs about as much as linting a hundred files, so the main thread does not idle).
 * A thread takes a new task when it has none running (the others, if any, wait for answers).
 * Resolves with the results in task order. A worker that dies fails the whole run.
 */
export function runPool<T, R, Q = never, A = never>(
  script: string,
  workerData: unknown,
  jobs: number,
  tasks: T[],
  local: (task: T, ask: Ask<Q, A>) => R | Promise<R>,
  options: PoolOptions<Q, A> = {},
): Promise<R[]> {
  const perThread = options.tasksPerThread ?? 1;
  return new Promise((resolve, reject) => {
    const results = new Array<R>(tasks.length);
    let next = 0;
    let done = 0;
    let finished = false;
    const workers: Worker[] = [];
    const loads: Load[] = [];
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const canTake = (load: Load) => next < tasks.length && load.started < perThread;
    const wantsTask = (load: Load) => canTake(load) && load.started - load.asking < 1;
    let idle = 0;
    const checkIdle = () => {
      const now = loads.filter((l) => l.asking >= l.started && !canTake(l)).length;
      if (now === idle && now === 0) return;
      idle = now;
      options.onIdle?.(now);
    };
    const complete = (load: Load, index: number, result: R, feed: () => void) => {
      results[index] = result;
      done++;
      load.started--;
      if (done === tasks.length) return finish();
      feed();
      checkIdle();
    };
    const ask = (load: Load, question: Q, feed: () => void): Promise<A> => {
      if (!options.answer) return Promise.reject(new Error('this pool answers no questions'));
      load.asking++;
      const answer = options.answer(question);
      feed();
      checkIdle();
      return answer.finally(() => {
        load.asking--;
        if (!finished) checkIdle();
      });
    };
    if (tasks.length === 0) return resolve(results);
    const count = Math.max(0, Math.min(jobs - 1, tasks.length - 1));
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData });
      const load: Load = { started: 0, asking: 0 };
      const feed = () => {
        while (!finished && wantsTask(load)) {
          const message: ToWorker<T, A> = { kind: 'task', index: next, task: tasks[next] };
          next++;
          load.started++;
          worker.postMessage(message);
        }
      };
      workers.push(worker);
      loads.push(load);
      worker.on('message', (message: FromWorker<R, Q>) => {
        if (message.kind === 'result') return complete(load, message.index, message.result, feed);
        ask(load, message.question, feed).then(
          (answer) => {
            if (finished) return;
            const reply: ToWorker<T, A> = { kind: 'answer', id: message.id, answer };
            worker.postMessage(reply);
          },
          (e: Error) => finish(e),
        );
      });
      worker.on('error', (e) => finish(e));
      worker.on('exit', (code) => {
        if (done < tasks.length && code !== 0) finish(new Error(`a worker thread stopped with code ${code}`));
      });
      feed();
    }
    // The main thread's share: one task per turn of the event loop, so workers' answers
    // (and their requests for more work) are handled in between.
    const main: Load = { started: 0, asking: 0 };
    loads.push(main);
    let scheduled = false;
    const feedMain = () => {
      if (scheduled || finished || !wantsTask(main)) return;
      scheduled = true;
      setImmediate(step);
    };
    const askMain: Ask<Q, A> = (question) => ask(main, question, feedMain);
    const step = () => {
      scheduled = false;
      if (finished || !wantsTask(main)) return;
      const index = next++;
      main.started++;
      let outcome: R | Promise<R>;
      try {
        outcome = local(tasks[index], askMain);
      } catch (e) {
        return finish(e as Error);
      }
      if (outcome instanceof Promise)
        outcome.then(
          (result) => complete(main, index, result, feedMain),
          (e: Error) => finish(e),
        );
      else complete(main, index, outcome, feedMain);
      feedMain();
    };
    step();
  });
}

/** In a worker: answers every task with `handle(task, ask)`; `ask` asks the main thread. */
export function serveWorker<T, R, Q = never, A = never>(handle: (task: T, ask: Ask<Q, A>) => R | Promise<R>): void {
  const port = parentPort;
  if (!port) return;
  const waiting = new Map<number, (answer: A) => void>();
  let asked = 0;
  const ask: Ask<Q, A> = (question) =>
    new Promise((resolve) => {
      const id = asked++;
      waiting.set(id, resolve);
      const message: FromWorker<R, Q> = { kind: 'ask', id, question };
      port.postMessage(message);
    });
  port.on('message', (message: ToWorker<T, A>) => {
    if (message.kind === 'answer') {
      waiting.get(message.id)?.(message.answer);
      waiting.delete(message.id);
      return;
    }
    const send = (result: R) => {
      const answer: FromWorker<R, Q> = { kind: 'result', index: message.index, result };
      port.postMessage(answer);
    };
    const outcome = handle(message.task, ask);
    // A task that throws (or rejects) stops the worker, and with it the run.
    if (outcome instanceof Promise) void outcome.then(send);
    else send(outcome);
  });
}
