/** The built CLI when its output cannot be written: a full disk, a pipe closed early. */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const ROOT = path.resolve(__dirname, '../../..');

describe('docker-coach CLI when standard output fails', () => {
  it('ends with one line and exit 3 when the disk is full (/dev/full)', () => {
    for (const args of [['lint', 'test/fixtures', '--no-shellcheck'], ['rules', '--format', 'json'], ['--help']]) {
      const full = fs.openSync('/dev/full', 'w');
      try {
        const result = spawnSync(process.execPath, [CLI, ...args], {
          cwd: ROOT,
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
          timeout: 60000,
        });
        assert.strictEqual(
          result.stderr,
          'docker-coach: cannot write the output: no space left on the device (ENOSPC)\n',
          args.join(' '),
        );
        assert.strictEqual(result.status, 3, args.join(' '));
      } finally {
        fs.closeSync(full);
      }
    }
  });

  it('ends quietly with exit 3 when the reader closes the pipe early (as `| head` does)', async function () {
    this.timeout(60000);
    // The reader is gone before the CLI writes anything (reading a first chunk and then closing raced with the
    // CLI pushing its whole output into the pipe, which then succeeded).
    const child = spawn(process.execPath, [CLI, 'rules', '--format', 'json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.destroy();
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    assert.strictEqual(signal, null);
    assert.strictEqual(stderr, '');
    assert.strictEqual(code, 3);
  });
});
