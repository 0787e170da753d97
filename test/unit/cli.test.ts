/** The CLI, run as a user runs it: the bundled dist/cli.js in a child process. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/cli');

function run(args: string[], input?: string) {
  // ShellCheck may or may not be installed here; its own tests use a stand-in.
  const all = args[0] === 'lint' ? [...args, '--no-shellcheck'] : args;
  const result = spawnSync(process.execPath, [CLI, ...all], {
    input,
    encoding: 'utf8',
    cwd: FIXTURES,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('docker-coach CLI', () => {
  it('lints a folder recursively, skipping node_modules, and exits 1 on errors', () => {
    const { code, stdout } = run(['lint', '.']);
    assert.strictEqual(code, 1);
    assert.match(stdout, /^Dockerfile$/m);
    assert.match(stdout, /2:1 +error +MAINTAINER is deprecated/);
    assert.match(stdout, /compose\.yaml/);
    assert.doesNotMatch(stdout, /node_modules/);
    // eslint-disable-next-line no-control-regex -- the escape that starts a terminal colour
    assert.doesNotMatch(stdout, /\u001b\[/, 'no colour when not on a terminal');
  });

  it('prints JSON with rules, equivalents, 0-based ranges and fixability', () => {
    const { code, stdout } = run(['lint', 'Dockerfile', '--format', 'json']);
    assert.strictEqual(code, 1);
    const [file] = JSON.parse(stdout);
    assert.strictEqual(file.file, 'Dockerfile');
    const maintainer = file.diagnostics.find((d: { rule: string }) => d.rule === 'maintainer-deprecated');
    assert.deepStrictEqual(maintainer.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
    assert.strictEqual(maintainer.severity, 'error');
    assert.strictEqual(maintainer.fixable, true);
    assert.deepStrictEqual(
      maintainer.equivalents.map((e: { id: string }) => e.id),
      ['DL4000', 'MaintainerDeprecated', 'DS022'],
    );
  });

  it('exits 0 for a clean file and reads standard input', () => {
    assert.strictEqual(run(['lint', 'clean.dockerfile']).code, 0);
    const stdin = run(['lint', '-', '--format', 'json'], 'FROM alpine:latest\nUSER nobody\n');
    assert.strictEqual(stdin.code, 0);
    assert.strictEqual(JSON.parse(stdin.stdout)[0].diagnostics[0].rule, 'pin-base-image');
    const compose = run(['lint', '-', '--language', 'compose', '--format', 'json'], 'version: "2"\nservices: {}\n');
    assert.strictEqual(JSON.parse(compose.stdout)[0].diagnostics[0].rule, 'compose-version-obsolete');
  });

  it('prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      version: string;
    };
    assert.strictEqual(run(['--version']).stdout.trim(), pkg.version);
  });

  it('lists every rule as JSON', () => {
    const { code, stdout } = run(['rules', '--format', 'json']);
    assert.strictEqual(code, 0);
    const rules = JSON.parse(stdout);
    assert.ok(rules.length >= 15);
    for (const rule of rules)
      assert.ok(
        rule.id && rule.title && rule.defaultSeverity && Array.isArray(rule.equivalents) && rule.docs.bad.length,
        rule.id,
      );
  });

  it('gives clear errors with exit code 2, never a stack trace', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-cli-'));
    fs.writeFileSync(path.join(tmp, 'Dockerfile'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    fs.mkdirSync(path.join(tmp, 'empty'));
    const cases: [string[], RegExp][] = [
      [['lint', 'does-not-exist'], /no such file or folder: does-not-exist/],
      [['lint', path.join(tmp, 'empty')], /no Dockerfile or compose file found/],
      [['lint', path.join(tmp, 'Dockerfile')], /binary file/],
      [['lint', '--format', 'xml'], /unknown format "xml"/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['lint', '--bogus'], /unknown option "--bogus"/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = run(args);
      assert.strictEqual(code, 2, args.join(' '));
      assert.match(stderr, message);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('prints only the error when nothing could be linted, in every format', () => {
    const missing = path.join(os.tmpdir(), `dc-missing-${process.pid}`, 'Dockerfile');
    for (const format of ['text', 'json', 'sarif', 'github', 'checkstyle', 'gitlab']) {
      const { code, stdout, stderr } = run(['lint', missing, '--format', format]);
      assert.strictEqual(code, 2, format);
      assert.strictEqual(stdout, '', `${format}: no report of zero files`);
      assert.strictEqual(stderr, `docker-coach: no such file or folder: ${missing}\n`, format);
    }
    const partly = run(['lint', 'clean.dockerfile', missing]);
    assert.strictEqual(partly.code, 2);
    assert.strictEqual(partly.stdout, 'No problems in 1 file.\n', 'the files that could be read are still reported');
  });

  it('counts in words: "1 problem", "2 problems", "1 file", "2 files"', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-count-'));
    fs.writeFileSync(path.join(dir, 'one.dockerfile'), 'FROM alpine\nUSER nobody\n');
    fs.writeFileSync(path.join(dir, 'two.dockerfile'), 'FROM alpine\nMAINTAINER me\nUSER nobody\n');
    fs.writeFileSync(path.join(dir, 'clean.dockerfile'), 'FROM alpine:3.20\nUSER nobody\n');
    const summary = (...files: string[]) =>
      run(['lint', ...files.map((f) => path.join(dir, f))])
        .stdout.trimEnd()
        .split('\n')
        .pop();
    assert.strictEqual(summary('clean.dockerfile'), 'No problems in 1 file.');
    assert.strictEqual(summary('one.dockerfile'), '1 problem in 1 file.');
    assert.strictEqual(summary('two.dockerfile'), '2 problems in 1 file.');
    assert.strictEqual(summary('one.dockerfile', 'two.dockerfile'), '3 problems in 2 files.');
    assert.strictEqual(summary('clean.dockerfile', 'one.dockerfile'), '1 problem in 2 files.');
    const fixed = spawnSync(process.execPath, [CLI, 'lint', 'two.dockerfile', '--fix', '--no-shellcheck'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', HOME: dir, XDG_CONFIG_HOME: dir },
    });
    assert.match(fixed.stdout, /^Fixed 1 problem in 1 file\.\n1 problem in 1 file\.\n$/m);
    const warnings = run([
      'lint',
      path.join(dir, 'one.dockerfile'),
      path.join(dir, 'two.dockerfile'),
      '--max-warnings',
      '0',
    ]);
    assert.strictEqual(warnings.code, 1);
    assert.match(warnings.stderr, /^docker-coach: 2 warnings, more than --max-warnings 0$/m);
  });

  describe('configuration', () => {
    const project = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-config-'));
      // apt-get-yes (DL3014) is a warning, apk-no-cache (DL3019) information, pin-base-image (DL3006) a warning.
      fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN apk add curl=8.9.1-r2\nUSER nobody\n');
      return dir;
    };
    const inDir = (dir: string, args: string[]) => {
      const result = spawnSync(process.execPath, [CLI, ...args, '--no-shellcheck'], {
        encoding: 'utf8',
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: dir, HOME: dir },
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };

    it('reads the nearest .hadolint.yaml: ignored rules vanish, overrides change severities', () => {
      const dir = project();
      assert.match(inDir(dir, ['lint', '.']).stdout, /info +"apk add" without --no-cache/);
      fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'override:\n  error: [DL3019]\n');
      const raised = inDir(dir, ['lint', '.']);
      assert.match(raised.stdout, /error +"apk add" without --no-cache/);
      assert.strictEqual(raised.code, 1);
      fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3019]\n');
      const ignored = inDir(dir, ['lint', '.']);
      assert.doesNotMatch(ignored.stdout, /apk-no-cache/);
      assert.strictEqual(ignored.code, 0);
    });

    it("honours --config, --failure-threshold, the config's failure-threshold and --no-fail", () => {
      const dir = project();
      assert.strictEqual(inDir(dir, ['lint', '.']).code, 0, 'only an info finding: below the default threshold');
      assert.strictEqual(inDir(dir, ['lint', '.', '--failure-threshold', 'info']).code, 1);
      assert.strictEqual(inDir(dir, ['lint', '.', '--failure-threshold', 'warning']).code, 0);
      fs.writeFileSync(path.join(dir, 'strict.yaml'), 'failure-threshold: info\n');
      assert.strictEqual(inDir(dir, ['lint', '.', '--config', 'strict.yaml']).code, 1);
      assert.strictEqual(inDir(dir, ['lint', '.', '--config', 'strict.yaml', '--no-fail']).code, 0);
      const missing = inDir(dir, ['lint', '.', '--config', 'nope.yaml']);
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /cannot read the configuration file nope\.yaml/);
      assert.strictEqual(inDir(dir, ['lint', '.', '--failure-threshold', 'loud']).code, 2);
    });

    it('reports a malformed configuration in that file instead of ignoring it', () => {
      const dir = project();
      fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3019\n');
      const { code, stdout } = inDir(dir, ['lint', '.']);
      assert.strictEqual(code, 1);
      assert.match(stdout, /^\.hadolint\.yaml\n +\d+:\d+ +error +YAML syntax error/m);
    });
  });

  it("lints .dockerignore files and gives Dockerfile rules the build context's .dockerignore", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-ignore-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nUSER 65534\n');
    const lintDir = () =>
      spawnSync(process.execPath, [CLI, 'lint', '.', '--no-shellcheck', '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir },
      });
    const rulesOf = (stdout: string) =>
      (JSON.parse(stdout) as { file: string; diagnostics: { rule: string }[] }[]).map((f) => [
        f.file,
        f.diagnostics.map((d) => d.rule),
      ]);
    assert.deepStrictEqual(rulesOf(lintDir().stdout), [['Dockerfile', ['copy-all-without-dockerignore']]]);
    fs.writeFileSync(path.join(dir, '.dockerignore'), '.git\n.env\nsrc\\build\n');
    assert.deepStrictEqual(rulesOf(lintDir().stdout), [
      ['.dockerignore', ['dockerignore-backslash']],
      ['Dockerfile', []],
    ]);
  });

  describe('--fix and --fix-dry-run', () => {
    const BEFORE = 'FROM alpine:3.20\r\nMAINTAINER me\r\nRUN apk add curl=8.9.1-r2\r\nUSER nobody\r\n';
    const AFTER =
      'FROM alpine:3.20\r\nLABEL org.opencontainers.image.authors="me"\r\nRUN apk add --no-cache curl=8.9.1-r2\r\nUSER nobody\r\n';
    const inDir = (dir: string, args: string[], input?: string) =>
      spawnSync(process.execPath, [CLI, 'lint', ...args, '--no-shellcheck'], {
        cwd: dir,
        input,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', HOME: dir, XDG_CONFIG_HOME: dir },
      });

    it('--fix-dry-run prints a unified diff and changes nothing', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-fix-'));
      fs.writeFileSync(path.join(dir, 'Dockerfile'), BEFORE);
      const { status, stdout } = inDir(dir, ['Dockerfile', '--fix-dry-run']);
      assert.strictEqual(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), BEFORE);
      assert.match(stdout, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ -1,4 \+1,4 @@\n/);
      assert.match(stdout, /^-MAINTAINER me\r$/m);
      assert.match(stdout, /^\+RUN apk add --no-cache curl=8\.9\.1-r2\r$/m);
      assert.strictEqual(status, 0, 'nothing would be left above the threshold');
      const piped = inDir(dir, ['-', '--fix-dry-run'], BEFORE);
      assert.match(piped.stdout, /^--- a\/<stdin>/);
    });

    it('--fix-dry-run names an absolute path like git: a/tmp/…, not a//tmp/…', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-fix-'));
      const file = path.join(dir, 'Dockerfile');
      fs.writeFileSync(file, BEFORE);
      const { stdout } = inDir(os.tmpdir(), [file, '--fix-dry-run']);
      const relative = file.split(path.sep).join('/').replace(/^\/+/, '');
      assert.ok(!relative.startsWith('/') && file.endsWith(path.join(...relative.split('/'))));
      assert.strictEqual(stdout.split('\n').slice(0, 2).join('\n'), `--- a/${relative}\n+++ b/${relative}`);
      // git applies it from the root folder, as it does its own diffs of absolute paths.
      const apply = spawnSync('git', ['apply', '--check', '-p1', '-'], {
        cwd: path.parse(dir).root,
        input: stdout,
        encoding: 'utf8',
      });
      assert.strictEqual(apply.status, 0, apply.stderr);
    });

    it('--fix writes the safe fixes, keeping CRLF line endings, and reports what is left', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-fix-'));
      // A command and no USER: non-root-user is left (an image without CMD would be a base image).
      fs.writeFileSync(path.join(dir, 'Dockerfile'), BEFORE.replace('USER nobody\r\n', 'CMD ["app"]\r\n'));
      const { status, stdout } = inDir(dir, ['Dockerfile', '--fix', '--format', 'json']);
      assert.strictEqual(
        fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
        AFTER.replace('USER nobody\r\n', 'CMD ["app"]\r\n'),
      );
      const [file] = JSON.parse(stdout);
      assert.strictEqual(file.fixed, 2);
      assert.deepStrictEqual(
        file.diagnostics.map((d: { rule: string }) => d.rule),
        ['non-root-user'],
        'adding a user is not a safe fix',
      );
      assert.strictEqual(status, 0);
      const again = inDir(dir, ['Dockerfile', '--fix-dry-run']);
      assert.strictEqual(again.stdout, '', 'a second run has nothing left to fix');
    });

    it('--fix keeps a UTF-8 byte order mark and UTF-16 encoding', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-fix-'));
      fs.writeFileSync(
        path.join(dir, 'Dockerfile'),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BEFORE)]),
      );
      fs.writeFileSync(
        path.join(dir, 'Containerfile'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BEFORE, 'utf16le')]),
      );
      inDir(dir, ['.', '--fix']);
      assert.deepStrictEqual(
        fs.readFileSync(path.join(dir, 'Dockerfile')),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(AFTER)]),
      );
      assert.deepStrictEqual(
        fs.readFileSync(path.join(dir, 'Containerfile')),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(AFTER, 'utf16le')]),
      );
      assert.deepStrictEqual(
        fs.readdirSync(dir).sort(),
        ['Containerfile', 'Dockerfile'],
        'no temporary file left behind',
      );
    });

    it('refuses to --fix standard input', () => {
      const { status, stderr } = inDir(os.tmpdir(), ['-', '--fix'], BEFORE);
      assert.strictEqual(status, 2);
      assert.match(stderr, /--fix cannot write to standard input/);
    });
  });
  it('gives compose rules the disk: missing files and the problems of the Dockerfile a service builds', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-compose-'));
    try {
      fs.mkdirSync(path.join(tmp, 'api'));
      fs.writeFileSync(path.join(tmp, 'api', 'Dockerfile'), 'FROM ubuntu\nRUN apt-get install curl\n');
      fs.writeFileSync(
        path.join(tmp, 'compose.yaml'),
        'services:\n  api:\n    build: ./api\n    env_file: missing.env\n',
      );
      const { stdout } = run(['lint', path.join(tmp, 'compose.yaml'), '--format', 'json']);
      const rules = JSON.parse(stdout)[0].diagnostics.map((d: { rule: string }) => d.rule);
      assert.deepStrictEqual(rules, ['compose-build-dockerfile-problems', 'compose-missing-file']);
      const piped = run(
        ['lint', '-', '--language', 'compose', '--format', 'json'],
        'services:\n  api:\n    build: ./api\n    env_file: missing.env\n',
      );
      assert.deepStrictEqual(
        JSON.parse(piped.stdout)[0].diagnostics,
        [],
        'stdin has no folder to resolve paths against',
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
