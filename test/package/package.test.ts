/**
 * The npm package as a user gets it: `npm run pack:cli` (npm pack in packages/cli), the tarball installed into an
 * empty prefix with npm offline (it has no dependencies), its bins run from a folder outside the repository. Then
 * the CI integrations run against those bins: action.yml step by step as GitHub runs a composite action, the hook
 * of .pre-commit-hooks.yaml as pre-commit calls it, and the CI recipes of the README.
 */
import * as assert from 'assert';
import { spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import * as YAML from 'yaml';
import { languageOf } from '../../server/src/engine/discover';

const ROOT = path.resolve(__dirname, '../../..');
const ROOT_MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
};
const VERSION = ROOT_MANIFEST.version;

/** An error (copy-multiple-sources-dir, hadolint DL3021) on line 2. */
const DOCKERFILE = 'FROM alpine:3.20\nCOPY package.json yarn.lock /app\nUSER nobody\n';
/** A warning (pin-image-tag) on line 3. */
const COMPOSE = 'services:\n  web:\n    image: nginx\n';

/** The environment of every child: no npm_* variables of an outer `npm test` (npm_config_local_prefix would
 * make npm pack the repository's root), npm offline with a cache of its own, no colour. */
function cleanEnv(tmp: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return {
    ...env,
    npm_config_cache: path.join(tmp, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
    HOME: tmp,
    XDG_CONFIG_HOME: tmp,
    ...extra,
  };
}

function check(result: SpawnSyncReturns<string>, what: string): string {
  assert.strictEqual(result.status, 0, `${what} failed (${result.error?.message ?? result.status}):\n${result.stderr}`);
  return result.stdout;
}

/** Runs a bash script as GitHub runs a `shell: bash` step (and GitLab a script line, with -e). */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dc-step-')), 'step.sh');
  fs.writeFileSync(file, script);
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd, env, encoding: 'utf8' });
}

/** The fenced ```yaml blocks of the README's CI section, parsed. */
function readmeCiRecipes(): unknown[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### CI\n');
  assert.ok(start > 0, 'the README has a CI section');
  const end = readme.indexOf('\n## ', start);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => YAML.parse(m[1]));
}

describe('the npm package docker-coach, packed and installed', function () {
  // Building the bundles and installing take a few seconds each on a busy machine.
  this.timeout(240000);
  let tmp: string;
  let tarball: string;
  let prefix: string;
  /** A project folder outside the repository. */
  let project: string;
  const bin = (name: string) => path.join(prefix, 'bin', name);
  const cli = (args: string[], input?: string, cwd = project) =>
    spawnSync(bin('docker-coach'), args, { cwd, input, encoding: 'utf8', env: cleanEnv(tmp) });

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dc-package-')));
    assert.ok(!path.relative(ROOT, tmp).match(/^[^.]/), 'the temporary folder is outside the repository');
    const packed = check(
      spawnSync(
        process.execPath,
        [path.join(ROOT, 'scripts', 'pack-cli.mjs'), '--destination', path.join(tmp, 'pack')],
        { cwd: ROOT, encoding: 'utf8', env: cleanEnv(tmp) },
      ),
      'npm run pack:cli',
    );
    tarball = packed.trim().split('\n').pop()!;
    assert.strictEqual(tarball, path.join(tmp, 'pack', `docker-coach-${VERSION}.tgz`));
    prefix = path.join(tmp, 'prefix');
    check(
      spawnSync('npm', ['install', '--global', '--prefix', prefix, tarball], {
        cwd: tmp,
        encoding: 'utf8',
        env: cleanEnv(tmp),
      }),
      'npm install --global (offline)',
    );
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(project, 'compose.yaml'), COMPOSE);
  });

  it("holds the bundles and their licences, the rule pages and the lessons, with no dependencies and the extension's version", () => {
    const listing = check(spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }), 'tar')
      .trim()
      .split('\n')
      .sort();
    const rulePages = fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((n) => n.endsWith('.md'));
    const lessons = fs.readdirSync(path.join(ROOT, 'lessons')).filter((n) => n.endsWith('.md'));
    assert.deepStrictEqual(
      listing,
      [
        'package/LICENSE',
        'package/README.md',
        'package/dist/cli.bundle.js',
        'package/dist/cli.js',
        'package/dist/mvdan-sh.js',
        'package/dist/server.bundle.js',
        'package/dist/server.js',
        'package/dist/THIRD-PARTY-NOTICES.txt',
        ...rulePages.map((n) => `package/docs/rules/${n}`),
        ...lessons.map((n) => `package/lessons/${n}`),
        'package/package.json',
      ].sort(),
    );
    const installed = path.join(prefix, 'lib', 'node_modules', 'docker-coach');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.strictEqual(
      manifest.version,
      VERSION,
      'packages/cli/package.json has the version of the extension (package.json)',
    );
    assert.strictEqual(manifest.engines.node, ROOT_MANIFEST.engines.node, 'both manifests ask for the same Node.js');
    assert.strictEqual(manifest.dependencies, undefined);
    assert.deepStrictEqual(
      fs.readdirSync(installed).sort(),
      ['LICENSE', 'README.md', 'dist', 'docs', 'lessons', 'package.json'],
      'nothing installed beside it',
    );
    assert.strictEqual(
      fs.readFileSync(path.join(installed, 'docs', 'rules', 'pin-base-image.md'), 'utf8'),
      fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'pin-base-image.md'), 'utf8'),
    );
  });

  it("docker-coach --version prints the version from the package's package.json", () => {
    const result = cli(['--version']);
    assert.strictEqual(result.status, 0);
    assert.strictEqual(result.stdout, `${VERSION}\n`);
  });

  it('lints a Dockerfile and a compose file in a folder outside the repository', () => {
    const dockerfile = cli(['lint', 'Dockerfile', '--no-shellcheck']);
    assert.strictEqual(dockerfile.status, 1, 'an error: exit 1');
    assert.match(
      dockerfile.stdout,
      /^Dockerfile\n {2}2:29 +error +This COPY has several sources, so its destination "\/app" must be a folder written with a trailing "\/"\. +copy-multiple-sources-dir\n/m,
    );
    assert.match(dockerfile.stdout, /^1 problem in 1 file\.\n$/m);
    const compose = cli(['lint', 'compose.yaml', '--no-shellcheck', '--format', 'json']);
    assert.strictEqual(compose.status, 0, 'a warning only: below the default failure threshold');
    assert.deepStrictEqual(
      JSON.parse(compose.stdout).map((f: { file: string; diagnostics: { rule: string; range: unknown }[] }) => [
        f.file,
        f.diagnostics.map((d) => [d.rule, d.range]),
      ]),
      [['compose.yaml', [['pin-image-tag', { start: { line: 2, character: 11 }, end: { line: 2, character: 16 } }]]]],
    );
    // The folder, on two worker threads: the same report as in one thread.
    const folder = cli(['lint', '.', '--no-shellcheck', '--format', 'json']);
    const threads = cli(['lint', '.', '--no-shellcheck', '--format', 'json', '--jobs', '2']);
    assert.strictEqual(folder.status, 1);
    assert.deepStrictEqual(
      JSON.parse(folder.stdout).map((f: { file: string }) => f.file),
      ['Dockerfile', 'compose.yaml'],
    );
    assert.strictEqual(threads.stdout, folder.stdout);
    assert.strictEqual(threads.status, 1);
  });

  it('lints standard input, and runs its shell parser for RUN scripts', () => {
    // A loop is beyond the plain-command reader: this needs mvdan-sh, loaded from dist/mvdan-sh.js.
    const dockerfile = cli(
      ['lint', '-', '--no-shellcheck', '--format', 'json'],
      'FROM alpine:3.20\nRUN for f in a b; do sudo rm "$f"; done\nUSER nobody\n',
    );
    assert.strictEqual(dockerfile.status, 1);
    assert.deepStrictEqual(
      JSON.parse(dockerfile.stdout)[0].diagnostics.map((d: { rule: string; range: unknown }) => [d.rule, d.range]),
      [['no-sudo', { start: { line: 1, character: 21 }, end: { line: 1, character: 25 } }]],
    );
    const compose = cli(['lint', '-', '--language', 'compose', '--no-shellcheck'], COMPOSE);
    assert.strictEqual(compose.status, 0);
    assert.match(compose.stdout, /^<stdin>\n {2}3:12 +warning +Image "nginx" of service "web" has no tag/);
  });

  it('points SARIF help links at the rule pages installed with it', () => {
    const result = cli(['lint', 'Dockerfile', '--no-shellcheck', '--format', 'sarif', '--no-fail']);
    assert.strictEqual(result.status, 0);
    const driver = JSON.parse(result.stdout).runs[0].tool.driver;
    assert.strictEqual(driver.version, VERSION);
    const rule = driver.rules.find((r: { id: string }) => r.id === 'copy-multiple-sources-dir');
    const page = fileURLToPath(rule.helpUri);
    assert.strictEqual(
      page,
      path.join(prefix, 'lib', 'node_modules', 'docker-coach', 'docs', 'rules', 'copy-multiple-sources-dir.md'),
    );
    assert.ok(fs.existsSync(page));
  });

  it('docker-coach-language-server answers over stdio with diagnostics that link the installed rule pages', async () => {
    const child = spawn(bin('docker-coach-language-server'), ['--stdio'], {
      cwd: project,
      env: cleanEnv(tmp),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const uri = pathToFileURL(path.join(project, 'Dockerfile')).toString();
    const published = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
        if (params.uri === uri) resolve(params);
      }),
    );
    connection.listen();
    try {
      const init = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(project).toString(),
        capabilities: {},
        initializationOptions: { settings: { shellcheck: { enable: false } } },
      });
      assert.strictEqual(init.serverInfo?.name, 'docker-coach-language-server');
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE },
      });
      const { diagnostics } = await published;
      const copy = diagnostics.find((d) => d.code === 'copy-multiple-sources-dir');
      assert.ok(copy, JSON.stringify(diagnostics));
      assert.deepStrictEqual(copy.range, { start: { line: 1, character: 28 }, end: { line: 1, character: 32 } });
      assert.strictEqual(copy.severity, 1);
      assert.strictEqual(copy.source, 'docker-coach');
      assert.strictEqual(
        fileURLToPath(copy.codeDescription!.href),
        path.join(prefix, 'lib', 'node_modules', 'docker-coach', 'docs', 'rules', 'copy-multiple-sources-dir.md'),
      );
      await connection.sendRequest(ShutdownRequest.type);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await connection.sendNotification(ExitNotification.type);
      assert.strictEqual(await exited, 0, stderr);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  describe('the GitHub Action (action.yml)', () => {
    const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      runs: { using: string; steps: { name: string; shell: string; env?: Record<string, string>; run: string }[] };
    };

    /** Runs the composite action's steps as the runner does: expressions replaced, each step a bash script, stop at the first failure. */
    function runAction(inputs: Record<string, string>, env: Record<string, string> = {}) {
      assert.strictEqual(action.runs.using, 'composite');
      for (const name of Object.keys(inputs)) assert.ok(name in action.inputs, `action.yml has an input "${name}"`);
      const runnerTemp = fs.mkdtempSync(path.join(tmp, 'runner-'));
      const expression = (text: string) =>
        text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => {
          if (e === 'github.action_path') return ROOT;
          const input = /^inputs\.([\w-]+)$/.exec(e)?.[1];
          if (input && input in action.inputs) return inputs[input] ?? action.inputs[input].default ?? '';
          throw new Error(`action.yml: an expression this test does not evaluate: ${e}`);
        });
      const results: SpawnSyncReturns<string>[] = [];
      for (const step of action.runs.steps) {
        assert.strictEqual(step.shell, 'bash');
        assert.ok(!step.run.includes('${{'), `${step.name}: inputs reach the script through env, never pasted into it`);
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expression(v)]));
        const result = bash(step.run, project, cleanEnv(tmp, { RUNNER_TEMP: runnerTemp, ...env, ...stepEnv }));
        results.push(result);
        if (result.status !== 0) break;
      }
      return { results, runnerTemp };
    }

    it('annotates with --format github and fails on errors; writes SARIF for upload whatever the outcome', () => {
      const { results } = runAction({ version: tarball, 'sarif-file': 'docker-coach.sarif' });
      assert.deepStrictEqual(
        results.map((r) => r.status),
        [0, 1],
        results.map((r) => r.stderr).join('\n'),
      );
      assert.strictEqual(results[0].stdout.trim().split('\n').pop(), VERSION);
      assert.strictEqual(
        results[1].stdout,
        [
          '::error file=Dockerfile,line=2,col=29,endLine=2,endColumn=32,title=copy-multiple-sources-dir::This COPY has several sources, so its destination "/app" must be a folder written with a trailing "/".',
          '::warning file=compose.yaml,line=3,col=12,endLine=3,endColumn=16,title=pin-image-tag::Image "nginx" of service "web" has no tag, so it means "nginx:latest": pin a version such as "nginx:<version>".',
          '',
        ].join('\n'),
      );
      const sarif = JSON.parse(fs.readFileSync(path.join(project, 'docker-coach.sarif'), 'utf8'));
      assert.deepStrictEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort(), [
        'copy-multiple-sources-dir',
        'pin-image-tag',
      ]);
      fs.rmSync(path.join(project, 'docker-coach.sarif'));
    });

    it('passes paths, failure-threshold, config, preset and output-file to the CLI', () => {
      fs.writeFileSync(path.join(project, 'ci.yaml'), 'ignored: [DL3021]\n');
      const quiet = runAction({ version: tarball, paths: 'Dockerfile', config: 'ci.yaml' });
      assert.deepStrictEqual(
        quiet.results.map((r) => r.status),
        [0, 0],
        'the configuration ignores the only finding',
      );
      assert.strictEqual(quiet.results[1].stdout, '');
      const warnings = runAction({
        version: tarball,
        paths: 'compose.yaml\nDockerfile',
        'failure-threshold': 'warning',
        config: 'ci.yaml',
      });
      assert.deepStrictEqual(
        warnings.results.map((r) => r.status),
        [0, 1],
        'a warning fails at threshold warning',
      );
      assert.match(warnings.results[1].stdout, /^::warning file=compose\.yaml,/);
      const report = runAction({
        version: tarball,
        format: 'gitlab',
        'output-file': 'gl-code-quality-report.json',
        preset: 'all',
        'failure-threshold': 'none',
      });
      assert.deepStrictEqual(
        report.results.map((r) => r.status),
        [0, 0],
      );
      const issues = JSON.parse(fs.readFileSync(path.join(project, 'gl-code-quality-report.json'), 'utf8')) as {
        check_name: string;
        severity: string;
      }[];
      assert.ok(issues.some((i) => i.check_name === 'copy-multiple-sources-dir' && i.severity === 'critical'));
      assert.ok(issues.length > 2, 'preset all reports more than the two recommended findings');
      fs.rmSync(path.join(project, 'ci.yaml'));
      fs.rmSync(path.join(project, 'gl-code-quality-report.json'));
    });

    it("installs docker-coach@<the action's version> by default, and docker-coach@<version> for a bare version", () => {
      // A stand-in npm records what it is asked to install and puts a docker-coach there.
      const fakeBin = fs.mkdtempSync(path.join(tmp, 'fake-npm-'));
      const log = path.join(fakeBin, 'calls.json');
      fs.writeFileSync(
        path.join(fakeBin, 'npm'),
        `#!${process.execPath}\nconst fs = require('fs'), path = require('path');\nconst args = process.argv.slice(2);\nfs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');\nconst bin = path.join(args[args.indexOf('--prefix') + 1], 'bin');\nfs.mkdirSync(bin, { recursive: true });\nfs.writeFileSync(path.join(bin, 'docker-coach'), '#!/bin/sh\\necho stand-in\\n', { mode: 0o755 });\n`,
        { mode: 0o755 },
      );
      const PATH = `${fakeBin}${path.delimiter}${process.env.PATH}`;
      const byDefault = runAction({}, { PATH });
      const pinned = runAction({ version: '9.8.7' }, { PATH });
      const calls = fs
        .readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as string[]);
      assert.deepStrictEqual(calls, [
        [
          'install',
          '--global',
          '--prefix',
          path.join(byDefault.runnerTemp, 'docker-coach'),
          '--no-audit',
          '--no-fund',
          `docker-coach@${VERSION}`,
        ],
        [
          'install',
          '--global',
          '--prefix',
          path.join(pinned.runnerTemp, 'docker-coach'),
          '--no-audit',
          '--no-fund',
          'docker-coach@9.8.7',
        ],
      ]);
    });
  });

  describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
    const [hook] = YAML.parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      files: string;
      language: string;
    }[];
    // pre-commit reads `files` as a Python regular expression; a leading (?i) is its case-insensitive flag.
    const files = new RegExp(hook.files.replace(/^\(\?i\)/, ''), hook.files.startsWith('(?i)') ? 'i' : '');

    it('selects the files docker-coach lints', () => {
      const names = [
        'Dockerfile',
        'app/Dockerfile.dev',
        'dockerfile',
        'Containerfile',
        'web.Dockerfile',
        'x.containerfile',
        'compose.yaml',
        'deploy/docker-compose.prod.yml',
        'COMPOSE.YML',
        '.dockerignore',
        'app.Dockerfile.dockerignore',
        '.containerignore',
        'README.md',
        'Dockerfile/notes.txt',
        'compose.json',
        'mydockerfile',
        'docker-compose.yaml.bak',
        'values.yaml',
        'src/compose.ts',
      ];
      for (const name of names) assert.strictEqual(files.test(name), languageOf(name) !== null, name);
    });

    it('runs its entry on the matching staged files, failing the commit on errors', () => {
      assert.strictEqual(hook.language, 'unsupported', 'the docker-coach on the PATH');
      const staged = ['Dockerfile', 'compose.yaml', 'README.md'].filter((f) => files.test(f));
      assert.deepStrictEqual(staged, ['Dockerfile', 'compose.yaml']);
      const [command, ...args] = hook.entry.split(/\s+/);
      const env = cleanEnv(tmp, { PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` });
      const result = spawnSync(command, [...args, '--no-shellcheck', ...staged], {
        cwd: project,
        env,
        encoding: 'utf8',
      });
      assert.strictEqual(result.status, 1);
      assert.match(result.stdout, /^2 problems in 2 files\.$/m);
      const clean = spawnSync(command, [...args, '--no-shellcheck', 'compose.yaml'], {
        cwd: project,
        env,
        encoding: 'utf8',
      });
      assert.strictEqual(clean.status, 0, 'a warning does not block the commit');
    });
  });

  describe("the README's CI recipes", () => {
    type Workflow = {
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, string>; if?: string }[] }>;
    };
    type GitlabJob = { image: string; script: string[]; artifacts: { when: string; reports: { codequality: string } } };
    type PrecommitConfig = { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    const recipes = readmeCiRecipes();
    const workflow = recipes.find((r): r is Workflow => typeof r === 'object' && r !== null && 'jobs' in r)!;
    const gitlab = recipes
      .map((r) => (typeof r === 'object' && r !== null ? Object.values(r)[0] : null))
      .find((j): j is GitlabJob => typeof j === 'object' && j !== null && 'script' in j)!;
    const precommit = recipes.find((r): r is PrecommitConfig => typeof r === 'object' && r !== null && 'repos' in r)!;

    it('has exactly the three recipes this suite runs', () => {
      assert.strictEqual(recipes.length, 3);
      assert.ok(workflow && gitlab && precommit);
    });

    it('GitHub: the action at this version, its SARIF uploaded by codeql-action', () => {
      const steps = Object.values(workflow.jobs)[0].steps;
      const ours = steps.find((s) => /\/docker-coach@v/.test(s.uses ?? ''))!;
      assert.strictEqual(ours.uses!.split('@')[1], `v${VERSION}`);
      for (const input of Object.keys(ours.with ?? {}))
        assert.ok(input in YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).inputs, input);
      const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
      assert.strictEqual(
        upload.with!.sarif_file,
        ours.with!['sarif-file'],
        'the upload reads the file the action writes',
      );
      assert.strictEqual(upload.if, 'always()', 'uploaded also when the lint step fails');
    });

    it("GitLab: the job's script lines write a Code Quality report and fail on errors", () => {
      const gitlabPrefix = path.join(tmp, 'gitlab-prefix');
      const env = cleanEnv(tmp, {
        npm_config_prefix: gitlabPrefix,
        PATH: `${path.join(gitlabPrefix, 'bin')}${path.delimiter}${process.env.PATH}`,
      });
      assert.strictEqual(gitlab.artifacts.when, 'always');
      assert.match(gitlab.image, /^node:(\d+)/);
      assert.ok(
        Number(/^node:(\d+)/.exec(gitlab.image)![1]) >= Number(/\d+/.exec(ROOT_MANIFEST.engines.node)![0]),
        'a Node.js the package supports',
      );
      const statuses = gitlab.script.map((line) => {
        const spec = `docker-coach@${VERSION}`;
        if (line.includes('npm install')) assert.ok(line.includes(spec), `${line} installs ${spec}`);
        return bash(line.replace(spec, tarball), project, env).status;
      });
      assert.deepStrictEqual(statuses, [0, 0, 1], 'install, report, then the lint that fails the job');
      const report = JSON.parse(fs.readFileSync(path.join(project, gitlab.artifacts.reports.codequality), 'utf8')) as {
        check_name: string;
        location: { path: string; lines: { begin: number } };
      }[];
      assert.deepStrictEqual(report.map((i) => [i.check_name, i.location.path, i.location.lines.begin]).sort(), [
        ['copy-multiple-sources-dir', 'Dockerfile', 2],
        ['pin-image-tag', 'compose.yaml', 3],
      ]);
      fs.rmSync(path.join(project, gitlab.artifacts.reports.codequality));
    });

    it('pre-commit: the hook of this repository at this version', () => {
      const [repo] = precommit.repos;
      assert.strictEqual(repo.rev, `v${VERSION}`);
      const ids = (
        YAML.parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]
      ).map((h) => h.id);
      assert.deepStrictEqual(
        repo.hooks.map((h) => h.id).filter((id) => !ids.includes(id)),
        [],
      );
    });
  });
});
