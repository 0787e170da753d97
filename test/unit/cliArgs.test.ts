/** The CLI's command line (util.parseArgs through cli/args.ts): forms accepted, order, and usage errors. */
import * as assert from 'assert';
import { EXIT_USAGE, main, parseArgs } from '../../server/src/cli/cli';

async function usageError(argv: string[]): Promise<string> {
  let stderr = '';
  const code = await main(
    argv,
    () => undefined,
    (s) => (stderr += s),
    false,
  );
  assert.strictEqual(code, EXIT_USAGE, argv.join(' '));
  return stderr.split('\n')[0];
}

describe('docker-coach command line', () => {
  it('reads values inline or as the next argument, aliases, repeated options and paths anywhere', () => {
    const options = parseArgs([
      'lint',
      'a',
      '-f',
      'json',
      '--preset=strict',
      'b',
      '--ignore',
      'x/**',
      '--ignore=y',
      '-j',
      '2',
      '-t',
      'warning',
    ]);
    assert.deepStrictEqual(options.paths, ['a', 'b']);
    assert.strictEqual(options.format, 'json');
    assert.strictEqual(options.preset, 'strict');
    assert.deepStrictEqual(options.ignore, ['x/**', 'y']);
    assert.strictEqual(options.jobs, 2);
    assert.strictEqual(options.failureThreshold, 'warning');
  });

  it('lets the last of two contradicting options win', () => {
    assert.strictEqual(parseArgs(['lint', '--fix', '--fix-dry-run']).fix, 'dry-run');
    assert.strictEqual(parseArgs(['lint', '--fix-dry-run', '--fix', 'Dockerfile']).fix, 'write');
    assert.strictEqual(parseArgs(['lint', '--no-shellcheck', '--shellcheck', '/opt/sc']).shellcheck, '/opt/sc');
    assert.strictEqual(parseArgs(['lint', '--shellcheck', '/opt/sc', '--no-shellcheck']).shellcheck, null);
    assert.strictEqual(parseArgs(['lint', '--format', 'json', '-f', 'sarif']).format, 'sarif');
  });

  it('takes "-" as standard input and everything after "--" as paths', () => {
    assert.deepStrictEqual(parseArgs(['lint', '-', '--language', 'dockerfile']).paths, ['-']);
    assert.deepStrictEqual(parseArgs(['lint', '--', '-odd.dockerfile', '--fix']).paths, ['-odd.dockerfile', '--fix']);
  });

  it('names the argument of a usage error, exit code 2', async () => {
    assert.strictEqual(await usageError(['lint', '--bogus=1']), 'docker-coach: unknown option "--bogus=1"');
    assert.strictEqual(await usageError(['lint', '-fjson']), 'docker-coach: unknown option "-fjson"');
    assert.strictEqual(await usageError(['lint', '-hx']), 'docker-coach: unknown option "-hx"');
    assert.strictEqual(await usageError(['lint', '--format']), 'docker-coach: --format needs a value');
    assert.strictEqual(await usageError(['lint', '.', '-c']), 'docker-coach: -c needs a value');
    assert.strictEqual(await usageError(['lint', '--fix=yes']), 'docker-coach: --fix takes no value');
    assert.strictEqual(
      await usageError(['lint', '--language', 'toString']),
      'docker-coach: unknown language "toString" (use dockerfile, compose or dockerignore)',
    );
    assert.strictEqual(
      await usageError(['lint', '-t', 'constructor']),
      'docker-coach: unknown failure threshold "constructor" (use error, warning, info, style or none)',
    );
    assert.strictEqual(
      await usageError(['compose-config', 'compose.yaml']),
      'docker-coach: unknown argument "compose.yaml" (give compose files with -f)',
    );
    assert.strictEqual(await usageError(['compose-config', '--file']), 'docker-coach: --file needs a value');
  });
});
