/**
 * Files the tools find on their own (what a compose file names, configurations, .gitignore files) are read only when
 * they are regular files below the size limit; otherwise a finding or a note says why, and nothing waits.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DockerCoachService } from '../../server/src/service/languageService';
import { LintEnvironment } from '../../server/src/engine/lint';
import { fileKindOf, readRegularText } from '../../server/src/util/files';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

const COMPOSE = `include:
  - other.fifo.yaml
services:
  fifo:
    build:
      context: .
      dockerfile: Dockerfile.fifo
  zero:
    build:
      context: .
      dockerfile: zero.Dockerfile
  dev-null:
    build:
      context: .
      dockerfile: /dev/null
  folder:
    build:
      context: .
      dockerfile: a-folder
  big:
    build:
      context: .
      dockerfile: big.Dockerfile
  context-is-a-file:
    build: big.Dockerfile
  env:
    image: alpine:3.20
    env_file: env.fifo
    extends:
      file: zero.yaml
      service: base
`;

/** What compose-missing-file says, in document order, each with the text it sits on. */
const EXPECTED = [
  ['other.fifo.yaml', 'The included compose file "other.fifo.yaml" is a FIFO, not a regular file.'],
  ['Dockerfile.fifo', 'The Dockerfile "Dockerfile.fifo" is a FIFO, not a regular file.'],
  ['zero.Dockerfile', 'The Dockerfile "zero.Dockerfile" is a device, not a regular file.'],
  ['/dev/null', 'The Dockerfile "/dev/null" is a device, not a regular file.'],
  ['a-folder', 'The Dockerfile "a-folder" is a folder, not a file.'],
  [
    'big.Dockerfile',
    'The Dockerfile "big.Dockerfile" is larger than {limit} KiB (the maxFileSize setting), so Docker Coach does not read it.',
  ],
  ['big.Dockerfile', 'The build context "big.Dockerfile" is not a folder.'],
  ['env.fifo', 'The env_file "env.fifo" is a FIFO, not a regular file.'],
  ['zero.yaml', 'The extends file "zero.yaml" is a device, not a regular file.'],
];

/** A project whose compose file names a FIFO, devices (one through a link), a folder and a file over `bigBytes`. */
function hostileProject(bigBytes: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-unreadable-'));
  for (const fifo of ['Dockerfile.fifo', 'env.fifo', 'other.fifo.yaml'])
    assert.strictEqual(spawnSync('mkfifo', [path.join(dir, fifo)]).status, 0, 'mkfifo');
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.Dockerfile'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
  fs.mkdirSync(path.join(dir, 'a-folder'));
  fs.writeFileSync(path.join(dir, 'big.Dockerfile'), `FROM alpine:3.20\n${'#'.repeat(bigBytes)}\n`);
  fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
  return dir;
}

describe('files a compose file names that cannot be read', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the service says why for each (FIFO, device, link to a device, folder, too large, a file as a context)', () => {
    dir = hostileProject(4096);
    // What the server gives compose rules: the disk, read only through readRegularText.
    const settings = { ...DEFAULT_SETTINGS, maxFileSize: 4096 };
    const environment: LintEnvironment = {
      fileExists: (p) => fs.existsSync(p),
      readFile: (p) => readRegularText(p, settings.maxFileSize),
      fileKind: fileKindOf,
    };
    const document = TextDocument.create(
      pathToFileURL(path.join(dir, 'compose.yaml')).toString(),
      'dockercompose',
      1,
      COMPOSE,
    );
    const diagnostics = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' })
      .diagnostics(document, settings, environment)
      .filter((d) => d.code === 'compose-missing-file');
    assert.deepStrictEqual(
      diagnostics.map((d) => [document.getText(d.range), d.message]),
      EXPECTED.map(([text, message]) => [text, message.replace('{limit}', '4')]),
    );
    // Too large is about Docker Coach, not the build: one level milder.
    assert.deepStrictEqual(
      diagnostics.map((d) => d.severity),
      [2, 2, 2, 2, 2, 3, 2, 2, 2],
    );
  });

  it('the CLI says the same, without waiting', () => {
    dir = hostileProject(DEFAULT_SETTINGS.maxFileSize);
    const result = spawnSync(process.execPath, [CLI, 'lint', 'compose.yaml', '--format', 'json', '--no-shellcheck'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20000,
    });
    assert.strictEqual(result.error, undefined, 'it finishes');
    assert.strictEqual(result.status, 0, result.stderr);
    const [report] = JSON.parse(result.stdout) as { diagnostics: { rule: string | null; message: string }[] }[];
    assert.deepStrictEqual(
      report.diagnostics.filter((d) => d.rule === 'compose-missing-file').map((d) => d.message),
      EXPECTED.map(([, message]) => message.replace('{limit}', String(DEFAULT_SETTINGS.maxFileSize / 1024))),
    );
  });
});

describe('configuration and ignore files that cannot be read', () => {
  let dir: string;
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, 'lint', ...args, '--no-shellcheck'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20000,
    });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-unreadable-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nUSER nobody\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a .hadolint.yaml that is a FIFO is not read, and a note says why', () => {
    assert.strictEqual(spawnSync('mkfifo', [path.join(dir, '.hadolint.yaml')]).status, 0, 'mkfifo');
    const result = run(['Dockerfile', '--format', 'json']);
    assert.strictEqual(result.error, undefined, 'it finishes');
    assert.strictEqual(result.status, 0, result.stderr);
    const reports = JSON.parse(result.stdout) as {
      file: string;
      diagnostics: { message: string; severity: string }[];
    }[];
    assert.deepStrictEqual(reports[0], { ...reports[0], file: '.hadolint.yaml' });
    assert.deepStrictEqual(
      reports[0].diagnostics.map((d) => [d.severity, d.message]),
      [['warning', 'This configuration was not read: it is a FIFO, not a regular file.']],
    );
  });

  it('--config naming a device, a FIFO or a folder is a one-line error', () => {
    assert.strictEqual(spawnSync('mkfifo', [path.join(dir, 'config.fifo')]).status, 0, 'mkfifo');
    for (const [config, why] of [
      ['/dev/zero', 'it is a device, not a regular file'],
      ['config.fifo', 'it is a FIFO, not a regular file'],
      ['.', 'it is a folder'],
    ]) {
      const result = run(['Dockerfile', '--config', config]);
      assert.strictEqual(result.status, 2, result.stderr);
      assert.strictEqual(result.stderr, `docker-coach: cannot read the configuration file ${config}: ${why}\n`);
    }
  });

  it('a .gitignore that is a FIFO does not stop the walk of a folder', () => {
    fs.mkdirSync(path.join(dir, '.git'));
    assert.strictEqual(spawnSync('mkfifo', [path.join(dir, '.gitignore')]).status, 0, 'mkfifo');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'Dockerfile'), 'FROM alpine:3.20\nUSER nobody\n');
    const result = run(['sub', '--format', 'json']);
    assert.strictEqual(result.error, undefined, 'it finishes');
    assert.strictEqual(result.status, 0, result.stderr);
    assert.deepStrictEqual(
      (JSON.parse(result.stdout) as { file: string }[]).map((r) => r.file),
      [path.join('sub', 'Dockerfile')],
    );
  });
});
