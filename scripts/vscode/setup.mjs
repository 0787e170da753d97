#!/usr/bin/env node
// Installs a real VS Code (code-server 4.100.3 = VS Code 1.100.3, web workbench
// + server) and playwright-core into <repo>/.vscode-test/, without internet
// access other than the npm registry and Debian apt (the steps are in setup()
// below). Idempotent: when the marker file matches and the key
// files exist it returns in a few milliseconds.
//
//   node scripts/vscode/setup.mjs          # install if needed
//   node scripts/vscode/setup.mjs --force  # wipe .vscode-test/node_modules and reinstall
//   node scripts/vscode/setup.mjs --apt-only  # only the Debian packages (Neovim and Emacs for test:editors, ShellCheck…)
//
// Environment: DOCKER_COACH_VSCODE_TEST_DIR overrides the cache folder.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const PLAYWRIGHT_CORE_VERSION = '1.65.1';
// Bump when the steps below change, so existing caches get rebuilt.
const RECIPE = 2;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = path.resolve(process.env.DOCKER_COACH_VSCODE_TEST_DIR || path.join(REPO_ROOT, '.vscode-test'));
export const CODE_SERVER_DIR = path.join(CACHE_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';
// Debian's Neovim and Emacs, for the headless editor runs (test/editors/).
export const NVIM = '/usr/bin/nvim';
export const EMACS = '/usr/bin/emacs';

const VSCODE_DIR = path.join(CODE_SERVER_DIR, 'lib', 'vscode');
const MARKER = path.join(CACHE_DIR, 'setup-done.json');
const LOCK = path.join(CACHE_DIR, 'setup.lock');
// shellcheck: the real-VS Code suite checks Docker Coach's ShellCheck integration against the real one.
// neovim, emacs-nox with Eglot, lsp-mode and the modes they are configured for: the editor suite runs their LSP clients against
// the server.
const APT_PACKAGES = [
  'libkrb5-dev',
  'ripgrep',
  'chromium',
  'shellcheck',
  'neovim',
  'emacs-nox',
  'elpa-eglot',
  'elpa-lsp-mode',
  'elpa-dockerfile-mode',
  'elpa-yaml-mode',
];

// Files whose absence means the install is broken even if the marker exists.
const KEY_FILES = [
  CODE_SERVER_ENTRY,
  path.join(CACHE_DIR, 'node_modules', 'playwright-core', 'package.json'),
  path.join(VSCODE_DIR, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
  path.join(VSCODE_DIR, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  path.join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
  path.join(VSCODE_DIR, 'node_modules.asar'),
  path.join(VSCODE_DIR, 'extensions', 'node_modules', 'typescript', 'package.json'),
  CHROMIUM,
  '/usr/bin/rg',
  NVIM,
];

function expectedMarker() {
  return {
    recipe: RECIPE,
    codeServer: CODE_SERVER_VERSION,
    playwrightCore: PLAYWRIGHT_CORE_VERSION,
    nodeAbi: process.versions.modules, // native modules are built for this Node ABI
    platform: `${process.platform}-${process.arch}`,
  };
}

export function isSetUp() {
  let marker;
  try {
    marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
  } catch {
    return false;
  }
  const want = expectedMarker();
  for (const k of Object.keys(want)) if (marker[k] !== want[k]) return false;
  return KEY_FILES.every((f) => fs.existsSync(f));
}

function log(msg) {
  process.stderr.write(`[vscode-setup] ${msg}\n`);
}

// Child environment: drop the variables `npm run`/`npm test` set for the outer
// package so nested npm commands act on the cache folder, not the repo.
function childEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_/.test(k) || k === 'npm_config_local_prefix' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  // node-gyp must find Node's headers locally (downloading them is impossible here).
  const nodePrefix = path.dirname(path.dirname(process.execPath));
  if (!env.npm_config_nodedir && fs.existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = nodePrefix;
  }
  // Let node-gyp compile with all cores (spdlog alone takes ~30 s on one).
  if (!env.JOBS) env.JOBS = 'max';
  return { ...env, ...extra };
}

function run(cmd, args, cwd, what) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd, env: childEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    const out = `${r.stdout || ''}${r.stderr || ''}`.split('\n').slice(-40).join('\n');
    throw new Error(
      `${what} failed (${cmd} ${args.join(' ')} in ${cwd}, exit ${r.status ?? r.signal}):\n${out}${r.error ? `\n${r.error}` : ''}`,
    );
  }
  log(`  ${what} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
}

function npm(args, cwd, what) {
  // Use the npm that belongs to this Node when we can find it.
  const npmCli =
    process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)
      ? process.env.npm_execpath
      : path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (fs.existsSync(npmCli)) return run(process.execPath, [npmCli, ...args], cwd, what);
  return run('npm', args, cwd, what);
}

function nodeGypCommand() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  try {
    const npmReal = fs.realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
    candidates.push(path.join(path.dirname(npmReal), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  } catch {
    /* npm not on PATH */
  }
  const found = candidates.find((c) => c && fs.existsSync(c));
  return found ? [process.execPath, found] : ['npx', '--yes', 'node-gyp@11'];
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

export function ensureAptPackages() {
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  if (!hasDpkg) {
    if (!fs.existsSync(CHROMIUM) || !fs.existsSync('/usr/bin/rg') || !fs.existsSync(NVIM) || !fs.existsSync(EMACS)) {
      throw new Error(
        `Not a Debian system and ${CHROMIUM}, /usr/bin/rg, ${NVIM} or ${EMACS} is missing; install chromium, ripgrep, neovim, Emacs with the eglot, lsp-mode, dockerfile-mode and yaml-mode packages, and the Kerberos headers (libkrb5-dev) yourself.`,
      );
    }
    return;
  }
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (!missing.length) return;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Run as root:\n  sudo sh -c '${cmd}'`);
  }
  log(`installing apt packages: ${missing.join(' ')}`);
  const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing],
  ]) {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0)
      throw new Error(`apt-get ${args.join(' ')} failed:\n${(r.stdout || '') + (r.stderr || '')}`.slice(-4000));
  }
  log('  apt packages installed');
}

function symlink(target, linkPath) {
  fs.rmSync(linkPath, { recursive: true, force: true });
  fs.symlinkSync(target, linkPath);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// A lock so two test runs started at once do not install on top of each other.
async function withLock(fn) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const deadline = Date.now() + 15 * 60 * 1000;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid = NaN;
      try {
        pid = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      if (Number.isInteger(pid) && !pidAlive(pid)) {
        fs.rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK} (held by pid ${pid})`);
      if (!announced) log(`waiting for another setup (pid ${pid}) to finish...`);
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function install() {
  const t0 = Date.now();
  log(`setting up code-server ${CODE_SERVER_VERSION} + playwright-core ${PLAYWRIGHT_CORE_VERSION} in ${CACHE_DIR}`);
  ensureAptPackages();

  // Start from a clean node_modules: a half-finished earlier attempt is not trusted.
  fs.rmSync(MARKER, { force: true });
  fs.rmSync(path.join(CACHE_DIR, 'node_modules'), { recursive: true, force: true });
  // Own package.json so npm does not walk up to the repo's package.json.
  fs.writeFileSync(
    path.join(CACHE_DIR, 'package.json'),
    JSON.stringify(
      { name: 'docker-coach-vscode-test-cache', private: true, description: 'generated by scripts/vscode/setup.mjs' },
      null,
      2,
    ) + '\n',
  );

  const npmFlags = ['--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
  npm(
    [
      'install',
      '--no-save',
      '--no-package-lock',
      ...npmFlags,
      `code-server@${CODE_SERVER_VERSION}`,
      `playwright-core@${PLAYWRIGHT_CORE_VERSION}`,
    ],
    CACHE_DIR,
    'npm install code-server playwright-core',
  );
  npm(['rebuild', '--loglevel=error', 'argon2'], CACHE_DIR, 'rebuild argon2');

  npm(['install', '--omit=dev', ...npmFlags], VSCODE_DIR, 'npm install lib/vscode');
  npm(
    ['rebuild', '--loglevel=error', '@vscode/spdlog', 'native-watchdog', 'kerberos', '@vscode/deviceid'],
    VSCODE_DIR,
    'rebuild spdlog native-watchdog kerberos deviceid',
  );
  // node-pty's own install step needs the network; its native part builds fine with node-gyp.
  const [gyp, ...gypArgs] = nodeGypCommand();
  const nodeGypArgs = [...gypArgs, 'rebuild'];
  const nodePrefix = path.dirname(path.dirname(process.execPath));
  if (!process.env.npm_config_nodedir && fs.existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) {
    nodeGypArgs.push(`--nodedir=${nodePrefix}`);
  }
  run(gyp, nodeGypArgs, path.join(VSCODE_DIR, 'node_modules', 'node-pty'), 'build node-pty');

  // ripgrep from Debian instead of the GitHub download.
  const rgDir = path.join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  fs.copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
  fs.chmodSync(path.join(rgDir, 'rg'), 0o755);

  // What code-server's postinstall.sh would do.
  symlink('node_modules', path.join(VSCODE_DIR, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(VSCODE_DIR, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(VSCODE_DIR, 'bin', 'helpers', 'browser.sh'));
  log('  linked ripgrep, node_modules.asar, bin scripts');

  const extDir = path.join(VSCODE_DIR, 'extensions');
  npm(['install', '--omit=dev', ...npmFlags], extDir, 'npm install lib/vscode/extensions');
  run(process.execPath, ['postinstall.mjs'], extDir, 'trim bundled typescript');

  for (const f of KEY_FILES) if (!fs.existsSync(f)) throw new Error(`setup finished but ${f} is missing`);
  fs.writeFileSync(MARKER, JSON.stringify({ ...expectedMarker(), date: new Date().toISOString() }, null, 2) + '\n');
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** Installs everything if needed. Fast (marker check) when already set up. */
export async function setup({ force = false } = {}) {
  if (!force && isSetUp()) return;
  await withLock(async () => {
    if (!force && isSetUp()) return; // another process finished it while we waited
    install();
  });
}

const isMain = process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const force = process.argv.includes('--force');
  const t0 = Date.now();
  const aptOnly = process.argv.includes('--apt-only');
  const work = aptOnly ? Promise.resolve().then(ensureAptPackages) : setup({ force });
  work.then(
    () =>
      log(aptOnly ? `Debian packages ready (${Date.now() - t0} ms)` : `ready (${CACHE_DIR}, ${Date.now() - t0} ms)`),
    (err) => {
      log(`ERROR: ${err.message}`);
      process.exit(1);
    },
  );
}
