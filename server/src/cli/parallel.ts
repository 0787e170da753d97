/**
 * Linting many files on worker threads. The main thread hands out one file at a time to
 * whichever worker is free and puts each answer in the slot of its input, so the output
 * order is the input order whatever the timing.
 */
import * as os from 'os';
import { parentPort, Worker } from 'worker_threads';

/**
 * Above this many files, and with more than one CPU, the CLI lints in parallel. A file takes
 * 1–2 ms; a worker takes 0.2–0.3 s of CPU to load the bundle and warm up, so below a few
 * hundred files the workers cost more than they save.
 */
export const PARALLEL_THRESHOLD = 200;

export function cpuCount(): number {
  const available = (os as { availableParallelism?: () => number }).availableParallelism;
  return available ? available() : os.cpus().length;
}

/**
 * How many threads to use for `files` files when the user did not say (1: no workers): one
 * per idle CPU, up to 8. CPUs already busy (the load average) are not counted: on a machine
 * with no idle CPU, workers only add their start-up cost.
 */
export function defaultJobs(files: number): number {
  if (files <= PARALLEL_THRESHOLD) return 1;
  const idle = cpuCount() - Math.floor(os.loadavg()[0]);
  return idle > 1 ? Math.min(idle, 8) : 1;
}

interface Task<T> {
  index: number;
  task: T;
}
interface Answer<R> {
  index: number;
  result: R;
}

/**
 * Runs `tasks` on `jobs` threads: the main thread, which handles tasks itself with `local`
 * between messages, and `jobs - 1` workers started from `script` with `workerData` (starting
 * a worker costs about as much as linting a hundred files, so the main thread does not idle).
 * Resolves with the results in task order. A worker that dies fails the whole run.
 */
export function runPool<T, R>(
  script: string,
  workerData: unknown,
  jobs: number,
  tasks: T[],
  local: (task: T) => R,
): Promise<R[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<R>(tasks.length);
    let next = 0;
    let done = 0;
    let failed = false;
    const workers: Worker[] = [];
    const finish = (error?: Error) => {
      if (failed) return;
      if (error) failed = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const feed = (worker: Worker) => {
      if (next < tasks.length) {
        const message: Task<T> = { index: next, task: tasks[next] };
        next++;
        worker.postMessage(message);
      }
    };
    if (tasks.length === 0) return resolve(results);
    const count = Math.max(0, Math.min(jobs - 1, tasks.length - 1));
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData });
      workers.push(worker);
      worker.on('message', (answer: Answer<R>) => {
        results[answer.index] = answer.result;
        done++;
        if (done === tasks.length) finish();
        else feed(worker);
      });
      worker.on('error', (e) => finish(e));
      worker.on('exit', (code) => {
        if (done < tasks.length && code !== 0) finish(new Error(`a worker thread stopped with code ${code}`));
      });
      feed(worker);
    }
    // The main thread's share: one task per turn of the event loop, so workers' answers
    // (and their requests for more work) are handled in between.
    const step = () => {
      if (failed || next >= tasks.length) return;
      const index = next++;
      try {
        results[index] = local(tasks[index]);
      } catch (e) {
        return finish(e as Error);
      }
      done++;
      if (done === tasks.length) finish();
      else setImmediate(step);
    };
    step();
  });
}

/** In a worker: answers every task with `handle(task)`. */
export function serveWorker<T, R>(handle: (task: T) => R): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (message: Task<T>) => {
    const answer: Answer<R> = { index: message.index, result: handle(message.task) };
    port.postMessage(answer);
  });
}
