/** Folders the CLI walks: names that are not valid UTF-8, and symbolic links. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readablePath } from '../../server/src/engine/discover';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const DOCKERFILE = 'FROM alpine:3.20\nRUN apt-get install -y curl\nUSER nobody\n';
const FIXED = 'FROM alpine:3.20\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n';

const run = (cwd: string, args: string[]) =>
  spawnSync(process.execPath, [CLI, 'lint', ...args, '--no-shellcheck'], { cwd, encoding: 'utf8', timeout: 30000 });

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
    assert.strictEqual(lines[lines.length - 2], '2 problems in 2 files.');
  });

  it('gives the exact name percent-encoded in JSON and SARIF, on one thread or several', () => {
    for (const jobs of ['1', '2']) {
      const json = run(dir, ['.', '--format', 'json', '--jobs', jobs]);
      assert.strictEqual(json.stderr, '');
      const reports = JSON.parse(json.stdout) as { file: string; fileBytes?: string }[];
      assert.deepStrictEqual(
        reports.map((r) => [r.file, r.fileBytes]),
        [
          ['Dockerfile', undefined],
          ['caf\\xE9/Dockerfile', 'caf%E9/Dockerfile'],
        ],
      );
    }
    const sarif = JSON.parse(run(dir, ['.', '--format', 'sarif']).stdout) as {
      runs: { artifacts: { location: { uri: string } }[] }[];
    };
    assert.deepStrictEqual(
      sarif.runs[0].artifacts.map((a) => a.location.uri),
      ['Dockerfile', 'caf%E9/Dockerfile'],
    );
  });

  it('--fix writes the fixes to that file', () => {
    const result = run(dir, ['.', '--fix']);
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.status, 0);
    assert.strictEqual(fs.readFileSync(dockerfile(), 'utf8'), FIXED);
    assert.deepStrictEqual(
      fs.readdirSync(Buffer.concat([Buffer.from(dir + '/'), cafe])).length,
      1,
      'no temporary file left',
    );
  });
});

describe('docker-coach CLI on symbolic links inside a folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-links-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = (result: ReturnType<typeof run>) =>
    (JSON.parse(result.stdout) as { file: string }[]).map((r) => r.file);

  it('lints a link to a Dockerfile outside the folder, and a file reached twice only once', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'shared.Dockerfile'), DOCKERFILE);
      fs.mkdirSync(path.join(dir, 'app'));
      fs.symlinkSync(path.join(outside, 'shared.Dockerfile'), path.join(dir, 'app', 'Dockerfile'));
      // The same file by its own name and through two links: linted under its own name.
      fs.writeFileSync(path.join(dir, 'b.Dockerfile'), DOCKERFILE);
      fs.symlinkSync('b.Dockerfile', path.join(dir, 'a.Dockerfile'));
      fs.symlinkSync('b.Dockerfile', path.join(dir, 'c.Dockerfile'));
      const result = run(dir, ['.', '--format', 'json']);
      assert.strictEqual(result.stderr, '');
      assert.strictEqual(result.status, 0);
      assert.deepStrictEqual(files(result), ['app/Dockerfile', 'b.Dockerfile']);
      // Fixing through the link writes the target, once.
      assert.strictEqual(run(dir, ['.', '--fix']).status, 0);
      assert.strictEqual(fs.readFileSync(path.join(outside, 'shared.Dockerfile'), 'utf8'), FIXED);
      assert.ok(fs.lstatSync(path.join(dir, 'app', 'Dockerfile')).isSymbolicLink());
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('skips links to folders, devices and FIFOs, broken and looping links, with a note each, without waiting', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nUSER nobody\n');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'Dockerfile'), 'FROM alpine:3.20\nUSER nobody\n');
    fs.symlinkSync('sub', path.join(dir, 'sub-link'));
    fs.symlinkSync('.', path.join(dir, 'sub', 'loop'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.Dockerfile'));
    fs.symlinkSync('/dev/null', path.join(dir, 'compose.yaml'));
    assert.strictEqual(spawnSync('mkfifo', [path.join(dir, 'fifo.Dockerfile')]).status, 0, 'mkfifo');
    fs.symlinkSync('fifo.Dockerfile', path.join(dir, 'to-fifo.Dockerfile'));
    fs.symlinkSync('missing', path.join(dir, 'broken.Dockerfile'));
    fs.symlinkSync('self.Dockerfile', path.join(dir, 'self.Dockerfile'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'not-a-dockerfile.txt'));
    const result = run(dir, ['.', '--format', 'json']);
    assert.strictEqual(result.error, undefined, 'it finishes');
    assert.strictEqual(result.status, 0, result.stderr);
    assert.deepStrictEqual(files(result), ['Dockerfile', 'sub/Dockerfile']);
    assert.deepStrictEqual(result.stderr.split('\n'), [
      'docker-coach: note: skipped broken.Dockerfile: a link that leads nowhere (broken, or a loop)',
      'docker-coach: note: skipped compose.yaml: a link to a device, not a regular file',
      'docker-coach: note: skipped fifo.Dockerfile: a FIFO, not a regular file',
      'docker-coach: note: skipped self.Dockerfile: a link that leads nowhere (broken, or a loop)',
      'docker-coach: note: skipped sub/loop: a link to a folder (links to folders are not followed; name it to lint it)',
      'docker-coach: note: skipped sub-link: a link to a folder (links to folders are not followed; name it to lint it)',
      'docker-coach: note: skipped to-fifo.Dockerfile: a link to a FIFO, not a regular file',
      'docker-coach: note: skipped zero.Dockerfile: a link to a device, not a regular file',
      '',
    ]);
    // Named on the command line, a link to a folder is walked.
    const named = run(dir, ['sub-link', '--format', 'json']);
    assert.deepStrictEqual(files(named), ['sub-link/Dockerfile']);
    assert.strictEqual(
      named.stderr,
      'docker-coach: note: skipped sub-link/loop: a link to a folder (links to folders are not followed; name it to lint it)\n',
    );
  });
});
