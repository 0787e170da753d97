/** How many threads the CLI lints with when --jobs is not given, and what the pool says of them (cli/parallel.ts). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import { defaultJobs, PARALLEL_BYTES, runPool } from '../../server/src/cli/parallel';

describe('CLI threads by default', () => {
  const files = Array.from({ length: 1000 }, (_, i) => `f${i}`);
  const sized = (bytes: number) => () => bytes;

  it('uses one thread per two idle CPUs, up to 8, once the files hold PARALLEL_BYTES', () => {
    const each = Math.ceil(PARALLEL_BYTES / files.length);
    assert.strictEqual(defaultJobs(files, { cpus: 4, load: 0 }, sized(each)), 2);
    assert.strictEqual(defaultJobs(files, { cpus: 9, load: 0 }, sized(each)), 4);
    assert.strictEqual(defaultJobs(files, { cpus: 64, load: 0 }, sized(each)), 8);
    assert.strictEqual(defaultJobs(files, { cpus: 8, load: 3.5 }, sized(each)), 2, 'five CPUs idle');
  });

  it('lints in one thread with less input, with fewer than four idle CPUs, or with no files', () => {
    const below = Math.floor((PARALLEL_BYTES - 1) / files.length);
    assert.strictEqual(defaultJobs(files, { cpus: 16, load: 0 }, sized(below)), 1);
    assert.strictEqual(defaultJobs(files, { cpus: 2, load: 0 }, sized(PARALLEL_BYTES)), 1);
    assert.strictEqual(defaultJobs(files, { cpus: 3, load: 0 }, sized(PARALLEL_BYTES)), 1);
    assert.strictEqual(defaultJobs(files, { cpus: 8, load: 6 }, sized(PARALLEL_BYTES)), 1);
    assert.strictEqual(defaultJobs([], { cpus: 8, load: 0 }), 1);
  });

  it('reads sizes only while they matter: not with too few CPUs, and up to the threshold', () => {
    const read: string[] = [];
    const sizeOf = (file: fs.PathLike) => {
      read.push(String(file));
      return PARALLEL_BYTES / 2;
    };
    defaultJobs(files, { cpus: 2, load: 0 }, sizeOf);
    assert.deepStrictEqual(read, []);
    assert.strictEqual(defaultJobs(files, { cpus: 4, load: 0 }, sizeOf), 2);
    assert.deepStrictEqual(read, ['f0', 'f1']);
  });

  it("counts a file's size on disk, and a missing file as empty", () => {
    const dir = fs.mkdtempSync(`${os.tmpdir()}/dc-jobs-`);
    try {
      const big = `${dir}/big`;
      fs.writeFileSync(big, Buffer.alloc(PARALLEL_BYTES));
      assert.strictEqual(defaultJobs([big], { cpus: 4, load: 0 }), 2);
      assert.strictEqual(defaultJobs([`${dir}/missing`], { cpus: 4, load: 0 }), 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI thread pool', () => {
  it('says when its thread only waits for answers, and when it works again', async () => {
    // One thread (no workers): tasks ask a question each; the answers come when the test releases them.
    const answers: (() => void)[] = [];
    const told: number[] = [];
    const results = runPool<number, number, number, number>(
      __filename,
      null,
      1,
      [1, 2, 3],
      async (task, ask) => task * (await ask(task)),
      {
        tasksPerThread: 2,
        answer: (question) => new Promise((resolve) => answers.push(() => resolve(question))),
        onIdle: (threads) => told.push(threads),
      },
    );
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn();
    await turn();
    assert.strictEqual(answers.length, 2, 'two tasks asked, the third waits for a free place');
    assert.deepStrictEqual(told, [1], 'idle: both of its tasks wait');
    answers.shift()!();
    await turn();
    await turn();
    assert.strictEqual(answers.length, 2, 'the third task started and asked');
    assert.ok(told.includes(0), `working again after an answer: ${told.join(' ')}`);
    assert.strictEqual(told[told.length - 1], 1, 'idle again: no task left to take');
    answers.forEach((release) => release());
    assert.deepStrictEqual(await results, [1, 4, 9]);
  });
});
