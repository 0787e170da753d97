import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startServer } from '../support/lspSession';

// The launchers (dist/cli.js, dist/server.js) compile their bundles with V8's code cache (server/src/util/codeCache.ts).
const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const DOCKERFILE = 'FROM alpine:3.20\nRUN apk add curl && echo done\nUSER nobody\n';

describe('code cache of the launchers', () => {
  let root: string;
  let project: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-code-cache-'));
    project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'Dockerfile'), DOCKERFILE);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function lint(env: Record<string, string>, ...args: string[]) {
    const { DOCKER_COACH_CACHE_DIR: _, DOCKER_COACH_NO_CODE_CACHE: __, ...inherited } = process.env;
    const result = spawnSync(
      process.execPath,
      [CLI, 'lint', path.join(project, 'Dockerfile'), '--format', 'json', '--no-shellcheck', ...args],
      { encoding: 'utf8', env: { ...inherited, ...env }, timeout: 30000 },
    );
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.status, 0);
    const [report] = JSON.parse(result.stdout) as { diagnostics: { rule: string }[] }[];
    assert.ok(
      report.diagnostics.some((d) => d.rule === 'apk-no-cache'),
      result.stdout,
    );
    return result.stdout;
  }
  const cacheFiles = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []);
  const identity = (file: string) => {
    const stat = fs.statSync(file);
    return `${stat.ino}:${stat.mtimeMs}`;
  };

  it('writes one private cache file after a lint, and uses it untouched on the next runs', () => {
    const folder = path.join(root, 'cache');
    const first = lint({ DOCKER_COACH_CACHE_DIR: folder });
    const files = cacheFiles(folder);
    assert.strictEqual(files.length, 1, files.join(', '));
    assert.match(files[0], /^cli\.bundle-[0-9a-f]{24}\.v8cache$/);
    const file = path.join(folder, files[0]);
    if (process.platform !== 'win32') {
      assert.strictEqual(fs.statSync(folder).mode & 0o777, 0o700);
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    }
    const written = identity(file);
    // V8 accepted the data: the file is not written again (a rejected cache is replaced). Lint threads too.
    assert.strictEqual(lint({ DOCKER_COACH_CACHE_DIR: folder }), first);
    assert.strictEqual(lint({ DOCKER_COACH_CACHE_DIR: folder }, '--jobs', '2'), first);
    assert.strictEqual(identity(file), written);
  });

  it('writes nothing from a run that did no lint (its compiled code would make later starts slower)', () => {
    const folder = path.join(root, 'cache');
    const result = spawnSync(process.execPath, [CLI, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, DOCKER_COACH_CACHE_DIR: folder },
    });
    assert.strictEqual(result.status, 0, result.stderr);
    assert.deepStrictEqual(cacheFiles(folder), []);
  });

  it('replaces a damaged cache file and an older version, with the same report', () => {
    const folder = path.join(root, 'cache');
    const report = lint({ DOCKER_COACH_CACHE_DIR: folder });
    const [name] = cacheFiles(folder);
    const file = path.join(folder, name);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const older = path.join(folder, 'cli.bundle-000000000000000000000000.v8cache');
    const other = path.join(folder, 'server.bundle-000000000000000000000000.v8cache');
    fs.writeFileSync(older, 'an older build');
    fs.writeFileSync(other, 'another program');
    // Temporary files of processes that ended before their rename: an old one, and one that may still be written.
    const stale = path.join(folder, `${name}.123.abcd.tmp`);
    const fresh = path.join(folder, `${name}.456.ef01.tmp`);
    fs.writeFileSync(stale, 'half');
    fs.utimesSync(stale, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    fs.writeFileSync(fresh, 'half');
    assert.strictEqual(lint({ DOCKER_COACH_CACHE_DIR: folder }), report);
    assert.deepStrictEqual(
      cacheFiles(folder),
      [name, path.basename(fresh), path.basename(other)].sort(),
      'the older build and the old temporary file are gone',
    );
    fs.rmSync(fresh);
    assert.notDeepStrictEqual(fs.readFileSync(file), bytes, 'rewritten');
    // And the rewritten file is good: a third run leaves it alone.
    const rewritten = identity(file);
    assert.strictEqual(lint({ DOCKER_COACH_CACHE_DIR: folder }), report);
    assert.strictEqual(identity(file), rewritten);
  });

  it('is off with DOCKER_COACH_NO_CODE_CACHE, and where the folder cannot be made', () => {
    const folder = path.join(root, 'cache');
    const report = lint({ DOCKER_COACH_CACHE_DIR: folder, DOCKER_COACH_NO_CODE_CACHE: '1' });
    assert.deepStrictEqual(cacheFiles(folder), []);
    const blocker = path.join(root, 'a-file');
    fs.writeFileSync(blocker, '');
    assert.strictEqual(lint({ DOCKER_COACH_CACHE_DIR: path.join(blocker, 'cache') }), report);
  });

  it('uses no folder that others may write to', function () {
    if (process.platform === 'win32') this.skip();
    const folder = path.join(root, 'shared');
    fs.mkdirSync(folder);
    fs.chmodSync(folder, 0o777);
    lint({ DOCKER_COACH_CACHE_DIR: folder });
    assert.deepStrictEqual(cacheFiles(folder), []);
  });

  it('defaults to the user cache folder: XDG_CACHE_HOME/docker-coach on Linux', function () {
    if (process.platform !== 'linux') this.skip();
    lint({ XDG_CACHE_HOME: root });
    assert.deepStrictEqual(
      cacheFiles(path.join(root, 'docker-coach')).map((name) => name.replace(/-.*/, '')),
      ['cli.bundle'],
    );
  });

  it('writes nothing into the working folder when HOME is empty or relative', function () {
    if (process.platform === 'win32') this.skip();
    for (const home of ['', 'relative-home']) {
      const { XDG_CACHE_HOME: _, DOCKER_COACH_CACHE_DIR: __, ...inherited } = process.env;
      const result = spawnSync(process.execPath, [CLI, 'lint', 'Dockerfile', '--format', 'json', '--no-shellcheck'], {
        cwd: project,
        encoding: 'utf8',
        env: { ...inherited, HOME: home },
      });
      assert.strictEqual(result.status, 0, result.stderr);
      assert.deepStrictEqual(fs.readdirSync(project), ['Dockerfile'], `HOME=${JSON.stringify(home)}`);
    }
  });

  it('lets the language server keep its cache after its first Dockerfile lint', async () => {
    const folder = path.join(root, 'cache');
    const session = async () => {
      const server = startServer({ execArgv: [], env: { DOCKER_COACH_CACHE_DIR: folder } });
      await server.initialize();
      const diagnostics = await server.open('file:///project/Dockerfile', 'dockerfile', DOCKERFILE);
      await server.stop();
      return diagnostics.map((d) => d.code);
    };
    const codes = await session();
    assert.ok(codes.includes('apk-no-cache'), codes.join(', '));
    const files = cacheFiles(folder);
    assert.deepStrictEqual(
      files.map((name) => name.replace(/-.*/, '')),
      ['server.bundle'],
    );
    const written = identity(path.join(folder, files[0]));
    assert.deepStrictEqual(await session(), codes);
    assert.strictEqual(identity(path.join(folder, files[0])), written, 'accepted, not written again');
  });
});
