/**
 * ShellCheck in batches (one process for many scripts, in files) says exactly what one process per
 * script on standard input says: with the stand-in executable, and with the real `shellcheck` when it is
 * installed (those tests are skipped otherwise).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discover } from '../../server/src/engine/discover';
import { ProjectFiles } from '../../server/src/engine/projectFiles';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { lintFile } from '../../server/src/cli/cli';
import { jsonReport } from '../../server/src/cli/formats';
import { shellcheckJobs, ShellcheckRunner, ShellcheckRunnerOptions } from '../../server/src/shellcheck/shellcheck';
import { lintText } from '../support/lint';

const FAKE = path.resolve(__dirname, '../../../test/fixtures/shellcheck/fake-shellcheck.js');
const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const REAL = 'shellcheck';
const realInstalled = new ShellcheckRunner(REAL).availableSync();

/** Scripts in three dialects, one ShellCheck cannot parse, one repeated, findings of several kinds. */
const DOCKERFILE = [
  'FROM debian:12.6',
  'ARG VERSION=1',
  'RUN echo $HOME && \\',
  '\tprintf %s ${VERSION} $USER_NAME',
  'RUN echo $A',
  'RUN if [ -n "$A" ]; then echo "$B" $C',
  'RUN cd /tmp; echo `date` $D',
  'RUN echo $A',
  '# hadolint ignore=SC2086',
  'RUN echo $G',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'RUN arr=(a b); echo ${arr[0]} $E | grep x',
  'RUN <<EOF',
  '#!/usr/bin/env dash',
  'echo $F',
  'EOF',
  'USER nobody',
  '',
].join('\n');

interface Session {
  /** Every call of the stand-in, by its arguments. */
  calls(): string[][];
  /** The folders the batches made in the temporary folder (none should be left). */
  leftovers(): string[];
  done(): void;
}

/** A private temporary folder and a call log for the stand-in, put back afterwards. */
function session(env: Record<string, string> = {}): Session {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-sc-batch-'));
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  const log = path.join(dir, 'calls');
  const saved = { ...process.env };
  Object.assign(process.env, { TMPDIR: tmp, TMP: tmp, TEMP: tmp, FAKE_SHELLCHECK_LOG: log }, env);
  return {
    calls: () =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[])
        : [],
    leftovers: () => fs.readdirSync(tmp),
    done: () => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function modelOf(text: string) {
  const result = lintText(text);
  return { model: result.model as DockerfileModel, suppressions: result.suppressions };
}

/** The findings one process per script gives, and those of batches. */
async function bothWays(executable: string, text: string, options: ShellcheckRunnerOptions = {}) {
  const { model, suppressions } = modelOf(text);
  const oneByOne = new ShellcheckRunner(executable).checkSync(model, DEFAULT_SETTINGS, suppressions);
  const runner = new ShellcheckRunner(executable, options);
  const pending = runner.check(model, DEFAULT_SETTINGS, suppressions);
  runner.flush();
  return { oneByOne, batched: await pending, runner, model, suppressions };
}

const scriptArguments = (call: string[]) => call.filter((a) => !a.startsWith('--'));

describe('ShellCheck in batches', function () {
  // Each call of the stand-in starts Node; these tests make a few dozen.
  this.timeout(60000);

  it('finds what one process per script finds, at the same places, checking each distinct script once', async () => {
    const s = session();
    try {
      const { oneByOne, batched, model } = await bothWays(FAKE, DOCKERFILE, { processes: 1 });
      assert.ok(oneByOne.length >= 8, `${oneByOne.length} findings`);
      assert.deepStrictEqual(batched, oneByOne);
      const jobs = shellcheckJobs(model);
      assert.deepStrictEqual(
        jobs.map((j) => j.dialect),
        ['sh', 'sh', 'sh', 'sh', 'sh', 'sh', 'bash', 'dash'],
      );
      const calls = s.calls();
      const oneByOneCalls = calls.filter((c) => c.includes('-'));
      const batchCalls = calls.filter((c) => !c.includes('-'));
      // Seven distinct scripts one by one, then one batch per dialect: the five sh scripts in files, the
      // bash and dash scripts alone on standard input.
      assert.strictEqual(oneByOneCalls.length, 7 + 2);
      assert.deepStrictEqual(
        batchCalls.map((c) => [c.find((a) => a.startsWith('--shell=')), scriptArguments(c).length]),
        [['--shell=sh', 5]],
      );
      assert.ok(batchCalls[0].includes('--norc'), 'no .shellcheckrc for standard input here, none for the files');
      assert.deepStrictEqual(s.leftovers(), []);
    } finally {
      s.done();
    }
  });

  it('caches by script text and shell: a second document asks only for its new scripts', async () => {
    const s = session();
    try {
      const runner = new ShellcheckRunner(FAKE, { processes: 1 });
      const first = modelOf('FROM alpine:3.20\nRUN echo $A\nRUN echo $B\nUSER nobody\n');
      const second = modelOf('FROM alpine:3.20\nRUN echo $A\nRUN echo $B $C\nRUN echo $D\nUSER nobody\n');
      const both = [first, second].map((m) => runner.check(m.model, DEFAULT_SETTINGS, m.suppressions));
      runner.flush();
      await Promise.all(both);
      assert.deepStrictEqual(
        s.calls().map((c) => scriptArguments(c).length),
        [4],
        'one batch for the four distinct scripts of both documents',
      );
      const again = await runner.check(second.model, DEFAULT_SETTINGS, second.suppressions);
      assert.strictEqual(again.length, 4);
      assert.strictEqual(s.calls().length, 1, 'all cached');
    } finally {
      s.done();
    }
  });

  it('starts a batch without flush() once enough scripts wait for a free process (startWhenFree)', async () => {
    const s = session();
    try {
      const runner = new ShellcheckRunner(FAKE, { processes: 1, startWhenFree: 3 });
      const first = modelOf('FROM alpine:3.20\nRUN echo $A\nUSER nobody\n');
      const second = modelOf('FROM alpine:3.20\nRUN echo $A\nRUN echo $B\nRUN echo $C\nUSER nobody\n');
      const pending = [first, second].map((m) => runner.check(m.model, DEFAULT_SETTINGS, m.suppressions));
      const [one, three] = await Promise.all(pending);
      assert.deepStrictEqual([one.length, three.length], [1, 3]);
      assert.deepStrictEqual(
        s.calls().map((c) => scriptArguments(c).length),
        [3],
        'one batch, started when the third distinct script came',
      );
    } finally {
      s.done();
    }
  });

  it('spreads what waits over the processes that setProcesses allows from then on', async () => {
    const s = session();
    try {
      const runner = new ShellcheckRunner(FAKE, { processes: 1 });
      const { model, suppressions } = modelOf('FROM alpine:3.20\nRUN echo $A\nRUN echo $B\nRUN echo $C\nRUN echo $D\n');
      const pending = runner.check(model, DEFAULT_SETTINGS, suppressions);
      runner.setProcesses(2);
      runner.flush();
      assert.strictEqual((await pending).length, 4);
      assert.deepStrictEqual(
        s.calls().map((c) => scriptArguments(c).length),
        [2, 2],
        'the four scripts in two batches, one for each process',
      );
    } finally {
      s.done();
    }
  });

  it("fills one document's scripts for the editor in batches, started at once", async () => {
    const s = session();
    try {
      const runner = new ShellcheckRunner(FAKE);
      const { model, suppressions } = modelOf(DOCKERFILE);
      const before = runner.cached(model, DEFAULT_SETTINGS, suppressions);
      assert.deepStrictEqual([before.findings.length, before.missing.length], [0, 8]);
      await runner.fill(before.missing);
      assert.strictEqual(s.calls().length, 4);
      const after = runner.cached(model, DEFAULT_SETTINGS, suppressions);
      assert.strictEqual(after.missing.length, 0);
      assert.deepStrictEqual(
        after.findings,
        new ShellcheckRunner(FAKE).checkSync(model, DEFAULT_SETTINGS, suppressions),
      );
      // Two processes at most; the five sh scripts spread over the two.
      const shellOf = (c: string[]) => c.find((a) => a.startsWith('--shell='));
      assert.deepStrictEqual(
        s
          .calls()
          .slice(0, 4)
          .filter((c) => shellOf(c) === '--shell=sh')
          .map((c) => scriptArguments(c).length)
          .sort(),
        [2, 3],
      );
    } finally {
      s.done();
    }
  });

  it('bounds a batch by its number of scripts and their size', async () => {
    const s = session();
    try {
      const scripts = [
        ...[1, 2, 3].map((i) => `echo $S${i}`),
        ...[1, 2].map((i) => `echo $M${i} ${'x'.repeat(12)}`),
        ...[1, 2].map((i) => `echo $L${i} ${'x'.repeat(60)}`),
      ];
      const text = ['FROM alpine:3.20', ...scripts.map((script) => `RUN ${script}`), ''];
      const { oneByOne, batched } = await bothWays(FAKE, text.join('\n'), {
        processes: 1,
        batchLimits: { scripts: 3, bytes: 60 },
      });
      assert.deepStrictEqual(batched, oneByOne);
      const sizes = s
        .calls()
        .slice(scripts.length)
        .map((c) => scriptArguments(c).length);
      // Three short scripts (the most a batch may hold), two of about 25 characters (a third would pass 60
      // characters), then the long ones alone, on standard input.
      assert.deepStrictEqual(sizes, [3, 2, 1, 1]);
    } finally {
      s.done();
    }
  });

  it('checks the scripts of a failing batch one at a time, says so, and leaves no files behind', async () => {
    const s = session({ FAKE_SHELLCHECK_FAIL_BATCH: '2' });
    try {
      const notes: string[] = [];
      const { oneByOne, batched } = await bothWays(FAKE, DOCKERFILE, {
        processes: 1,
        onNote: (note) => notes.push(note),
      });
      assert.deepStrictEqual(batched, oneByOne);
      assert.strictEqual(notes.length, 1);
      assert.match(notes[0], /failed on a batch of 5 scripts \(exit code 2\); checking them one at a time\.$/);
      assert.deepStrictEqual(s.leftovers(), []);
    } finally {
      s.done();
    }
  });

  it('checks every script alone once ShellCheck refuses the command line (exit code 3 or 4)', async () => {
    const s = session({ FAKE_SHELLCHECK_FAIL_BATCH: '4' });
    try {
      const notes: string[] = [];
      const { oneByOne, batched } = await bothWays(FAKE, DOCKERFILE, {
        processes: 1,
        batchLimits: { scripts: 2, bytes: 1 << 20 },
        onNote: (note) => notes.push(note),
      });
      assert.deepStrictEqual(batched, oneByOne);
      assert.deepStrictEqual(notes, [
        `ShellCheck ("${FAKE}") refused a batch of 2 scripts (exit code 4); checking every script one at a time from now on.`,
      ]);
      const batchCalls = s.calls().filter((c) => !c.includes('-'));
      assert.strictEqual(batchCalls.length, 1, 'no batch after the refused one');
    } finally {
      s.done();
    }
  });

  it('falls back the same way when the executable cannot be started', async () => {
    const s = session();
    try {
      const missing = path.join(os.tmpdir(), 'no-such-shellcheck');
      const notes: string[] = [];
      const { batched } = await bothWays(missing, DOCKERFILE, { processes: 1, onNote: (n) => notes.push(n) });
      assert.deepStrictEqual(batched, []);
      assert.match(notes.join('\n'), /failed on a batch of 5 scripts \(ENOENT\)/);
      assert.deepStrictEqual(s.leftovers(), []);
    } finally {
      s.done();
    }
  });

  it('gives the CLI the same report with any number of threads as one process per script', function () {
    if (!fs.existsSync(CLI)) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-sc-batch-cli-'));
    const cwd = process.cwd();
    try {
      // Scripts repeated across files; batches of at most the default size.
      for (let i = 0; i < 5; i++) {
        const extra = Array.from({ length: 2 }, (_, j) => `RUN echo $V${(i * 2 + j) % 6} \${W${i % 3}}`);
        fs.writeFileSync(
          path.join(dir, `${String(i).padStart(2, '0')}.Dockerfile`),
          [DOCKERFILE.trimEnd(), ...extra, ''].join('\n'),
        );
      }
      process.chdir(dir);
      const files = new ProjectFiles();
      const oneByOne = new ShellcheckRunner(FAKE);
      const expected = jsonReport(
        discover(['.'], { language: null, ignore: [] }, []).map((input) =>
          lintFile(input, files, null, oneByOne, 'none'),
        ),
      );
      for (const [jobs, env] of [
        ['1', {}],
        ['3', {}],
        ['2', { FAKE_SHELLCHECK_FAIL_BATCH: '2' }],
      ] as const) {
        const result = spawnSync(
          process.execPath,
          [CLI, 'lint', '.', '--format', 'json', '--jobs', jobs, '--shellcheck', FAKE],
          { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env, HOME: dir, XDG_CONFIG_HOME: dir } },
        );
        assert.strictEqual(result.stdout, expected, `--jobs ${jobs} ${JSON.stringify(env)}`);
        if (env.FAKE_SHELLCHECK_FAIL_BATCH) assert.match(result.stderr, /note: ShellCheck .* failed on a batch/);
        else assert.strictEqual(result.stderr, '');
      }
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('with the real ShellCheck', () => {
    before(function () {
      if (!realInstalled) this.skip();
    });

    it('finds what one process per script finds: dialects, a parse error, fixes, ignore comments', async () => {
      const s = session();
      try {
        const { oneByOne, batched } = await bothWays(REAL, DOCKERFILE, { processes: 1 });
        assert.deepStrictEqual(batched, oneByOne);
        const codes = new Set(batched.map((f) => f.code));
        for (const code of ['SC2086', 'SC1073', 'SC2164', 'SC2006', 'SC2046'])
          assert.ok(codes.has(code), `${code} in ${[...codes].join(' ')}`);
        assert.ok(
          batched.some((f) => f.fix),
          'fixes too',
        );
        assert.deepStrictEqual(s.leftovers(), []);
      } finally {
        s.done();
      }
    });

    it('reads the .shellcheckrc that standard input would read (the working folder up, then home)', async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-sc-rc-'));
      const project = path.join(home, 'project', 'sub');
      fs.mkdirSync(project, { recursive: true });
      const s = session({ HOME: home, XDG_CONFIG_HOME: path.join(home, 'config') });
      const cwd = process.cwd();
      try {
        process.chdir(project);
        const count = async () => {
          const { oneByOne, batched } = await bothWays(REAL, DOCKERFILE, { processes: 1 });
          assert.deepStrictEqual(batched, oneByOne);
          return batched.filter((f) => f.code === 'SC2086').length;
        };
        const everything = await count();
        assert.ok(everything > 0);
        fs.writeFileSync(path.join(home, '.shellcheckrc'), 'disable=SC2086\n');
        assert.strictEqual(await count(), 0, 'the home one');
        fs.writeFileSync(path.join(home, 'project', 'shellcheckrc'), 'disable=SC2164\n');
        assert.strictEqual(await count(), everything, 'the nearest one, which replaces the home one');
        assert.deepStrictEqual(s.leftovers(), []);
      } finally {
        process.chdir(cwd);
        s.done();
        fs.rmSync(home, { recursive: true, force: true });
      }
    });
  });
});
