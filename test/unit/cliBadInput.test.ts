/** The named bad inputs (test/support/badInputs.ts) through the CLI: findings, or a clear error with exit code 2. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BAD_INPUTS } from '../support/badInputs';
import { readRegularText } from '../../server/src/util/files';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('docker-coach CLI on bad inputs', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-bad-'));
    for (const input of BAD_INPUTS) fs.writeFileSync(path.join(dir, input.file), input.bytes);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const input of BAD_INPUTS) {
    it(`${input.name}: ${input.cliError ? 'a clear error' : 'findings'}`, function () {
      this.timeout(60000);
      const result = spawnSync(process.execPath, [CLI, 'lint', input.file, '--format', 'json', '--no-shellcheck'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      if (input.cliError) {
        assert.strictEqual(result.status, 2, result.stderr);
        assert.match(result.stderr, input.cliError);
        assert.ok(result.stderr.includes(input.file), result.stderr);
        return;
      }
      assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
      // Nothing but the report: no warning of Node's or of a library's.
      assert.strictEqual(result.stderr, '');
      const [report] = JSON.parse(result.stdout) as { diagnostics: { rule: string | null; message: string }[] }[];
      assert.ok(
        report.diagnostics.some((d) => input.expect.test(`${d.rule} ${d.message}`)),
        report.diagnostics.map((d) => d.message).join('\n'),
      );
      assert.ok(!report.diagnostics.some((d) => /rule ".*" failed/.test(d.message)), 'a rule crashed');
    });
  }
});

describe('docker-coach CLI on paths that are not regular files', () => {
  const run = (cwd: string, args: string[]) =>
    spawnSync(process.execPath, [CLI, 'lint', ...args, '--no-shellcheck'], { cwd, encoding: 'utf8', timeout: 20000 });

  it('answers a FIFO, a device and a link to a device with a one-line error, without waiting', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-special-'));
    assert.strictEqual(spawnSync('mkfifo', [path.join(dir, 'Dockerfile.fifo')]).status, 0, 'mkfifo');
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.Dockerfile'));
    for (const file of ['Dockerfile.fifo', '/dev/zero', 'zero.Dockerfile']) {
      const result = run(dir, [file, '--language', 'dockerfile']);
      assert.strictEqual(result.status, 2, `${file}: ${result.stderr}`);
      assert.strictEqual(
        result.stderr,
        `docker-coach: cannot lint ${file}: it is not a regular file (a FIFO, a device or a socket)\n`,
      );
    }
  });

  it('does not read a device that a compose file names as its Dockerfile', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-special-'));
    fs.writeFileSync(
      path.join(dir, 'compose.yaml'),
      'services:\n  app:\n    build:\n      context: .\n      dockerfile: /dev/zero\n',
    );
    const result = run(dir, ['compose.yaml']);
    assert.strictEqual(result.error, undefined, 'it finishes');
    assert.strictEqual(result.status, 0, result.stderr);
  });

  it('reads what the tools open on their own only from regular files, up to a size (the server and the CLI use this)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-special-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\n');
    assert.strictEqual(spawnSync('mkfifo', [path.join(dir, 'fifo')]).status, 0, 'mkfifo');
    assert.strictEqual(readRegularText(path.join(dir, 'Dockerfile'), 1024), 'FROM alpine:3.20\n');
    assert.strictEqual(readRegularText(path.join(dir, 'Dockerfile'), 4), null);
    assert.strictEqual(readRegularText(path.join(dir, 'fifo'), 1024), null);
    assert.strictEqual(readRegularText('/dev/zero', 1024), null);
    assert.strictEqual(readRegularText(path.join(dir, 'missing'), 1024), null);
  });
});
