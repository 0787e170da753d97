/** Folders the CLI walks: names that are not valid UTF-8, and symbolic links. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readablePath } from '../../server/src/cli/discover';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const DOCKERFILE = 'FROM alpine:3.20\nRUN apt-get install -y curl\nUSER nobody\n';
const FIXED = 'FROM alpine:3.20\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n';

const run = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, 'lint', ...args, '--no-shellcheck'], { cwd, encoding: 'utf8', timeout: 30000 });

describe('docker-coach CLI on names that are not valid UTF-8', () => {
  let dir: string;
  /** "café" in Latin-1: the byte 0xE9 alone is not UTF-8. */
  const cafe = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
  const dockerfile = () => Buffer.concat([Buffer.from(dir + '/'), cafe, Buffer.from('/Dockerfile')]);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-names-'));
    fs.mkdirSync(Buffer.concat([Buffer.from(dir + '/'), cafe]));
    fs.writeFileSync(dockerfile(), DOCKERFILE);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nUSER nobody\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows each stray byte as \\xNN', () => {
    assert.strictEqual(readablePath(Buffer.concat([cafe, Buffer.from('/Dockerfile')])), 'caf\\xE9/Dockerfile');
    assert.strictEqual(readablePath(Buffer.from('café/\u{1F40B}')), 'café/\u{1F40B}');
    assert.strictEqual(readablePath(Buffer.from([0x61, 0xc3, 0x28, 0xff])), 'a\\xC3(\\xFF');
  });

  it('lints such a file found in a folder and says why its name looks odd (text)', () => {
    const result = run(dir, ['.']);
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.status, 0);
    const lines = result.stdout.split('\n');
    assert.strictEqual(lines[0], 'caf\\xE9/Dockerfile  (the name is not valid UTF-8: \\xNN stands for a byte)');
    assert.match(lines[1], /^ {2}2:13 +info +No "apt-get update" runs .* apt-get-clean-lists$/);
    assert.strictEqual(lines[lines.length - 2], '2 problem(s) in 2 file(s).');
  });

  it('gives the exact name percent-encoded in JSON and SARIF, on one thread or several', () => {
    for (const jobs of ['1', '2']) {
      const json = run(dir, ['.', '--format', 'json', '--jobs', jobs]);
      assert.strictEqual(json.stderr, '');
      const reports = JSON.parse(json.stdout) as { file: string; fileBytes?: string }[];
      assert.deepStrictEqual(reports.map((r) => [r.file, r.fileBytes]), [['Dockerfile', undefined], ['caf\\xE9/Dockerfile', 'caf%E9/Dockerfile']]);
    }
    const sarif = JSON.parse(run(dir, ['.', '--format', 'sarif']).stdout) as { runs: { artifacts: { location: { uri: string } }[] }[] };
    assert.deepStrictEqual(sarif.runs[0].artifacts.map((a) => a.location.uri), ['Dockerfile', 'caf%E9/Dockerfile']);
  });

  it('--fix writes the fixes to that file', () => {
    const result = run(dir, ['.', '--fix']);
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.status, 0);
    assert.strictEqual(fs.readFileSync(dockerfile(), 'utf8'), FIXED);
    assert.deepStrictEqual(fs.readdirSync(Buffer.concat([Buffer.from(dir + '/'), cafe])).length, 1, 'no temporary file left');
  });
});
