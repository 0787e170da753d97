// The npm package `docker-coach` (packages/cli/): the CLI and the language server, with nothing to install
// beside them. packages/cli/package.json and README.md are tracked; this script fills in the rest:
//   dist/cli.js, dist/server.js                    the bins: launchers that run the bundles with V8's code cache
//   dist/*.bundle.js, dist/mvdan-sh.js             minified bundles (scripts/build.mjs), the shell parser once for both bins
//   docs/rules/*.md                                the rule pages that SARIF help links and diagnostics' codeDescription point at
//   lessons/*.md                                   the lessons those pages link to (../../lessons/<id>.md)
//   dist/THIRD-PARTY-NOTICES.txt                   the licences of the packages in the bundles (written by scripts/build.mjs)
//   LICENSE
// `node scripts/pack-cli.mjs [--destination DIR]` (npm run pack:cli) stages and runs `npm pack` there, printing
// the tarball's path; `--stage` only stages: it is the package's `prepack` script, so `npm pack` and
// `npm publish` in packages/cli always ship a fresh build of the current sources.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = path.join(root, 'packages', 'cli');

function run(command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    shell: process.platform === 'win32' && command === 'npm',
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
  return result.stdout;
}

function copyMarkdown(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs
    .readdirSync(from)
    .filter((n) => n.endsWith('.md'))
    .sort())
    fs.copyFileSync(path.join(from, name), path.join(to, name));
}

function stage() {
  for (const staged of ['dist', 'docs', 'lessons', 'LICENSE'])
    fs.rmSync(path.join(packageDir, staged), { recursive: true, force: true });
  process.stderr.write(
    run(
      process.execPath,
      [
        path.join(root, 'scripts', 'build.mjs'),
        '--minify',
        '--outdir',
        path.join(packageDir, 'dist'),
        '--only',
        'server,cli',
      ],
      root,
    ),
  );
  copyMarkdown(path.join(root, 'docs', 'rules'), path.join(packageDir, 'docs', 'rules'));
  copyMarkdown(path.join(root, 'lessons'), path.join(packageDir, 'lessons'));
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(packageDir, 'LICENSE'));
}

if (process.argv.includes('--stage')) {
  stage();
} else {
  const at = process.argv.indexOf('--destination');
  const destination = path.resolve(at > 0 ? process.argv[at + 1] : packageDir);
  fs.mkdirSync(destination, { recursive: true });
  // `npm pack` runs the package's prepack script, which calls this script with --stage.
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', destination], packageDir));
  console.log(path.join(destination, packed.filename));
}
