// Helpers to run a real VS Code (code-server in headless Chromium) without
// downloading VS Code desktop. How code-server is installed from npm, and why
// that way: scripts/vscode/setup.mjs.
//
//   ensureSetup()                      install code-server + playwright-core if needed
//   scratchCopy(folder, parent)        a fresh copy of a folder to open instead of the tracked one
//   installVsix(vsix, extensionsDir)   install a .vsix the way a user would
//   startCodeServer({ workspace, extensionsDir, userDataDir, port, env })
//                                      -> { url, port, workbenchUrl(query), stop(), process, output() }
//   launchBrowser()                    -> playwright-core Browser (headless /usr/bin/chromium)
//   commandLine(options, usage, fail)  the script's options (util.parseArgs); --help prints usage and exits

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { setup, CACHE_DIR, CODE_SERVER_ENTRY, CHROMIUM, REPO_ROOT } from './setup.mjs';

export { CACHE_DIR, REPO_ROOT, CODE_SERVER_ENTRY, CHROMIUM };

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// Written to <userDataDir>/User/settings.json: no telemetry, welcome page,
// trust prompt, update checks or recommendation pop-ups.
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
};

export async function ensureSetup() {
  await setup();
}

export function tempDir(prefix = 'docker-coach-vscode-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Copies `folder` to `<parent>/<its name>`, replacing an earlier copy, and returns the copy.
 * The editor opens the copy: quick fixes, auto-save and test files written into the
 * workspace then never change the repository's tracked files (samples/).
 */
export function scratchCopy(folder, parent) {
  const copy = path.join(path.resolve(parent), path.basename(path.resolve(folder)));
  fs.rmSync(copy, { recursive: true, force: true });
  fs.mkdirSync(parent, { recursive: true });
  fs.cpSync(folder, copy, { recursive: true });
  return copy;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function codeServerBaseArgs({ userDataDir, extensionsDir }) {
  // An empty config file keeps code-server from writing ~/.config/code-server/config.yaml.
  const config = path.join(userDataDir, 'code-server-config.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, '');
  return [
    CODE_SERVER_ENTRY,
    '--config',
    config,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

function codeServerEnv(userDataDir, extra = {}) {
  // code-server keeps its own logs under $XDG_DATA_HOME/code-server; keep them out of $HOME.
  const env = { ...process.env, XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'), ...extra };
  for (const k of Object.keys(env)) if (/^npm_(package|lifecycle)_/.test(k)) delete env[k];
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.GITHUB_TOKEN;
  return env;
}

/**
 * Installs a .vsix with code-server's `--install-extension` (what a user does).
 * Returns the installed extension folder.
 */
export function installVsix(vsixPath, extensionsDir, { userDataDir } = {}) {
  vsixPath = path.resolve(vsixPath);
  if (!fs.existsSync(vsixPath)) throw new Error(`no such .vsix: ${vsixPath}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  const ownUserData = !userDataDir;
  if (ownUserData) userDataDir = tempDir('docker-coach-install-');
  fs.mkdirSync(userDataDir, { recursive: true });
  try {
    const before = new Set(fs.readdirSync(extensionsDir));
    const r = spawnSync(
      process.execPath,
      [...codeServerBaseArgs({ userDataDir, extensionsDir }), '--force', '--install-extension', vsixPath],
      { encoding: 'utf8', env: codeServerEnv(userDataDir), timeout: 120_000 },
    );
    const out = `${r.stdout || ''}${r.stderr || ''}`;
    if (r.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(`installing ${vsixPath} failed (exit ${r.status ?? r.signal}):\n${out}`);
    }
    const added = fs
      .readdirSync(extensionsDir)
      .filter((d) => !before.has(d) && fs.statSync(path.join(extensionsDir, d)).isDirectory());
    return added.length === 1 ? path.join(extensionsDir, added[0]) : undefined;
  } finally {
    if (ownUserData) fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 400);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 and waits until it answers.
 * @param {object} o
 * @param {string} o.workspace folder to open
 * @param {string} o.extensionsDir
 * @param {string} o.userDataDir
 * @param {number} [o.port] default: a free port
 * @param {object} [o.settings] extra user settings (merged over DEFAULT_SETTINGS)
 * @param {object} [o.env] extra environment (also seen by the extension host)
 * @param {(line: string) => void} [o.onOutput] each line code-server prints
 * @param {number} [o.startTimeoutMs]
 */
export async function startCodeServer({
  workspace,
  extensionsDir,
  userDataDir,
  port,
  settings = {},
  env = {},
  onOutput,
  startTimeoutMs = 60_000,
}) {
  if (!workspace || !extensionsDir || !userDataDir)
    throw new Error('startCodeServer needs workspace, extensionsDir and userDataDir');
  workspace = path.resolve(workspace);
  if (!fs.statSync(workspace, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`workspace is not a folder: ${workspace}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch {
    /* none yet */
  }
  fs.writeFileSync(settingsFile, JSON.stringify({ ...existing, ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n');

  port = port || (await freePort());
  const args = [
    ...codeServerBaseArgs({ userDataDir, extensionsDir }),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    env: codeServerEnv(userDataDir, env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() also ends the extension host etc.
  });
  const tail = [];
  const onData = (buf) => {
    for (const line of buf.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 200) tail.shift();
      onOutput?.(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );

  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const onProcessExit = () => killGroup('SIGKILL');
  process.on('exit', onProcessExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return exitPromise;
    stopped = true;
    process.off('exit', onProcessExit);
    killGroup('SIGTERM');
    const t = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exitPromise;
    clearTimeout(t);
    killGroup('SIGKILL'); // leftovers in the group (extension host, pty host, watcher)
    return exited;
  };

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail.join('\n')}`);
    if (await httpOk(`${url}healthz`)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${startTimeoutMs / 1000}s:\n${tail.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  /** Workbench URL for the workspace, with extra query parameters (e.g. payload). */
  const workbenchUrl = (query = {}) => {
    const q = new URLSearchParams({ folder: workspace, ...query });
    return `${url}?${q}`;
  };
  return {
    url,
    port,
    workspace,
    workbenchUrl,
    stop,
    process: child,
    exited: exitPromise,
    output: () => tail.join('\n'),
  };
}

/** playwright-core's chromium, loaded from the .vscode-test cache. */
export function playwright() {
  const require = createRequire(path.join(CACHE_DIR, 'package.json'));
  return require('playwright-core');
}

/** Headless Chromium (Debian's) driven by playwright-core. */
export async function launchBrowser({ headless = true, args = [] } = {}) {
  const { chromium } = playwright();
  return chromium.launch({ executablePath: CHROMIUM, headless, args: [...CHROMIUM_ARGS, ...args] });
}

/**
 * The command line of a script: `options` as util.parseArgs takes them, plus
 * `-h`/`--help`, which prints `usage` and exits 0; a malformed command line
 * goes to `fail` with the usage.
 */
export function commandLine(options, usage, fail) {
  let values;
  try {
    values = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h', default: false } } }).values;
  } catch (e) {
    fail(`${e.message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}
