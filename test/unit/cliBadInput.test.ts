/** The named bad inputs (test/support/badInputs.ts) through the CLI: findings, or a clear error with exit code 2. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BAD_INPUTS } from '../support/badInputs';

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
      const result = spawnSync(process.execPath, [CLI, 'lint', input.file, '--format', 'json', '--no-shellcheck'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      if (input.cliError) {
        assert.strictEqual(result.status, 2, result.stderr);
        assert.match(result.stderr, input.cliError);
        assert.ok(result.stderr.includes(input.file), result.stderr);
        return;
      }
      assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
      const [report] = JSON.parse(result.stdout) as { diagnostics: { rule: string | null; message: string }[] }[];
      assert.ok(report.diagnostics.some((d) => input.expect.test(`${d.rule} ${d.message}`)), report.diagnostics.map((d) => d.message).join('\n'));
      assert.ok(!report.diagnostics.some((d) => /rule ".*" failed/.test(d.message)), 'a rule crashed');
    });
  }
});
