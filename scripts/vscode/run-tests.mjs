#!/usr/bin/env node
/*
 * Runs an extension test suite in a REAL VS Code (code-server 4.100.3 =
 * VS Code 1.100.3, in headless Chromium) against an INSTALLED .vsix.
 *
 *   node scripts/vscode/run-tests.mjs --vsix <file.vsix> --tests <abs path to suite .js>
 *        --workspace <folder> [--timeout <seconds, default 600>] [--screenshot-dir <dir>]
 *        [--verbose] [--keep-temp]
 *
 * The suite module is CommonJS and exports `run(): Promise<void>` (the shape
 * @vscode/test-electron uses); it runs in VS Code's extension host (a Node
 * process on the server side) and uses the `vscode` API. Exit code: 0 when
 * run() resolves, non-zero when it rejects, 124 on timeout, 2 on bad arguments.
 *
 * How: fresh temp user-data and extensions dirs, and a temp copy of the
 * workspace folder, which the editor opens (files the suite writes, edits it
 * saves, and whatever a failed run leaves behind never land in the tracked
 * folder); the .vsix is installed with
 * `code-server --install-extension`; extensionDevelopmentPath is a generated,
 * empty runner extension ("test.docker-coach-test-runner", no main), so the
 * extension under test is the installed copy, never the repo's dev copy.
 * The extension host's console is streamed to stdout/stderr (workbench log
 * lines too; gallery errors about open-vsx.org are dropped unless --verbose).
 * The extension host also gets env DOCKER_COACH_EXTENSIONS_DIR (the temp
 * extensions dir), so a suite can assert
 *   vscode.extensions.getExtension('<publisher>.<name>').extensionPath
 * starts with it, i.e. that the installed copy is the one running.
 *
 * Screenshot protocol (only with --screenshot-dir <dir>):
 *   - The extension host gets env DOCKER_COACH_SCREENSHOT_DIR=<dir> (absolute).
 *   - To ask for a picture named NAME ([A-Za-z0-9._-]+), the suite deletes any
 *     old <dir>/NAME.png and <dir>/NAME.error, then creates <dir>/NAME.request
 *     (content ignored).
 *   - run-tests.mjs polls <dir> every 100 ms; for each *.request it takes
 *     page.screenshot() of the whole workbench, writes <dir>/NAME.png
 *     atomically (temp file + rename), then deletes NAME.request. If the
 *     screenshot fails it writes <dir>/NAME.error (the message) instead.
 *   - The suite waits (fs.watch on <dir> + an existence check) until NAME.png
 *     or NAME.error appears. Requests are handled one at a time, in name order.
 *   - On a failure or timeout the harness also saves <dir>/failure.png.
 *   Suite-side helper (CommonJS):
 *     function screenshot(name, timeoutMs = 30000) {
 *       const dir = process.env.DOCKER_COACH_SCREENSHOT_DIR;
 *       if (!dir) return Promise.resolve(undefined);        // not requested: no-op
 *       const png = path.join(dir, name + '.png'), err = path.join(dir, name + '.error');
 *       fs.rmSync(png, { force: true }); fs.rmSync(err, { force: true });
 *       return new Promise((resolve, reject) => {
 *         const done = () => { if (fs.existsSync(png)) { finish(); resolve(png); }
 *                              else if (fs.existsSync(err)) { finish(); reject(new Error(fs.readFileSync(err, 'utf8'))); } };
 *         const w = fs.watch(dir, done);
 *         const t = setTimeout(() => { finish(); reject(new Error('screenshot timeout: ' + name)); }, timeoutMs);
 *         const finish = () => { w.close(); clearTimeout(t); };
 *         fs.writeFileSync(path.join(dir, name + '.request'), '');
 *         done();
 *       });
 *     }
 *   The picture is what is on screen at that moment: first await whatever
 *   shows the thing (e.g. executeCommand('editor.action.showHover')).
 */

import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { commandLine, ensureSetup, installVsix, scratchCopy, startCodeServer, launchBrowser, tempDir } from './lib.mjs';

const USAGE =
  'usage: node scripts/vscode/run-tests.mjs --vsix <file.vsix> --tests <abs path to suite.js> --workspace <folder> [--timeout <s>] [--screenshot-dir <dir>] [--verbose] [--keep-temp]';
const RUNNER_EXTENSION = { name: 'docker-coach-test-runner', publisher: 'test', version: '0.0.0' };

function fail(msg, code = 2) {
  console.error(`[run-tests] ${msg}`);
  process.exit(code);
}

function say(msg) {
  console.error(`[run-tests] ${msg}`);
}

const opts = commandLine(
  {
    vsix: { type: 'string' },
    tests: { type: 'string' },
    workspace: { type: 'string' },
    timeout: { type: 'string', default: '600' },
    'screenshot-dir': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    'keep-temp': { type: 'boolean', default: false },
  },
  USAGE,
  fail,
);
if (!opts.vsix || !opts.tests || !opts.workspace) fail(USAGE);
const vsix = path.resolve(opts.vsix);
const testsPath = path.resolve(opts.tests);
const workspace = path.resolve(opts.workspace);
const timeoutS = Number(opts.timeout);
if (!fs.existsSync(vsix)) fail(`no such .vsix: ${vsix}`);
if (!fs.existsSync(testsPath)) fail(`no such test module: ${testsPath}`);
if (!fs.statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) fail(`workspace is not a folder: ${workspace}`);
if (!(timeoutS > 0)) fail(`bad --timeout: ${opts.timeout}`);
const shotDir = opts['screenshot-dir'] ? path.resolve(opts['screenshot-dir']) : undefined;
if (shotDir) {
  fs.mkdirSync(shotDir, { recursive: true });
  fs.rmSync(path.join(shotDir, 'failure.png'), { force: true }); // from an earlier run
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
let server;
let browser;
let page;
let tmp;
let shotTimer;
let exitCode = 1;

async function cleanup() {
  clearInterval(shotTimer);
  try {
    await browser?.close();
  } catch {
    /* already gone */
  }
  try {
    await server?.stop();
  } catch {
    /* already gone */
  }
  if (tmp && !opts['keep-temp']) fs.rmSync(tmp, { recursive: true, force: true });
  else if (tmp) say(`kept temp folder ${tmp}`);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    say(`${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

// Screenshot requests, one at a time.
let shooting = false;
async function serviceScreenshotRequests() {
  if (shooting || !page || !shotDir) return;
  shooting = true;
  try {
    const requests = fs
      .readdirSync(shotDir)
      .filter((f) => f.endsWith('.request'))
      .sort();
    for (const req of requests) {
      const name = req.slice(0, -'.request'.length);
      const png = path.join(shotDir, `${name}.png`);
      try {
        if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad screenshot name ${JSON.stringify(name)}`);
        const tmpPng = path.join(shotDir, `.${name}.png.tmp`);
        fs.writeFileSync(tmpPng, await page.screenshot({ type: 'png', timeout: 20_000 }));
        fs.renameSync(tmpPng, png);
        say(`screenshot ${png}`);
      } catch (e) {
        fs.writeFileSync(path.join(shotDir, `${name}.error`), String(e?.message || e));
        say(`screenshot ${name} failed: ${e?.message || e}`);
      }
      fs.rmSync(path.join(shotDir, req), { force: true });
    }
  } catch (e) {
    say(`screenshot polling error: ${e.message}`);
  } finally {
    shooting = false;
  }
}

async function failureScreenshot() {
  if (!page || !shotDir) return;
  try {
    await page.screenshot({ path: path.join(shotDir, 'failure.png'), timeout: 10_000 });
    say(`saved ${path.join(shotDir, 'failure.png')}`);
  } catch {
    /* page gone */
  }
}

async function main() {
  await ensureSetup();
  tmp = tempDir('docker-coach-tests-');
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const runnerDir = path.join(tmp, 'runner');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(runnerDir, { recursive: true });
  // An empty extension: it only carries extensionDevelopmentPath, so the
  // extension under test is the installed .vsix.
  fs.writeFileSync(
    path.join(runnerDir, 'package.json'),
    JSON.stringify(
      {
        ...RUNNER_EXTENSION,
        description: 'Generated by scripts/vscode/run-tests.mjs to host extensionTestsPath',
        engines: { vscode: '*' },
      },
      null,
      2,
    ),
  );

  const installed = installVsix(vsix, extensionsDir, { userDataDir });
  say(`installed ${path.basename(vsix)} -> ${installed ?? extensionsDir} (${elapsed()})`);

  const workspaceCopy = scratchCopy(workspace, path.join(tmp, 'workspace'));
  server = await startCodeServer({
    workspace: workspaceCopy,
    extensionsDir,
    userDataDir,
    env: {
      ...(shotDir ? { DOCKER_COACH_SCREENSHOT_DIR: shotDir } : {}),
      DOCKER_COACH_EXTENSIONS_DIR: extensionsDir,
      DOCKER_COACH_USER_DATA_DIR: userDataDir,
    },
    onOutput: opts.verbose ? (l) => console.error(`[code-server] ${l}`) : undefined,
  });
  say(`code-server ready at ${server.url} (${elapsed()})`);

  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();

  let resolveExit;
  const suiteDone = new Promise((r) => {
    resolveExit = r;
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit({ code: Number(code) }));
  await page.exposeFunction('codeAutomationLog', (type, message) => {
    // The extension host sends console arguments unformatted ("%s" placeholders and values).
    const text = Array.isArray(message) ? util.format(...message) : String(message);
    // No network here: the extension gallery (open-vsx.org) fails; that is harmless noise.
    if (!opts.verbose && /open-vsx\.org|marketplace\.visualstudio\.com/.test(text)) return;
    if (type === 'error' || type === 'warn') console.error(text);
    else console.log(text);
  });
  if (opts.verbose) {
    page.on('console', (m) => console.error(`[page:${m.type()}] ${m.text()}`));
  }
  page.on('pageerror', (e) => {
    if (opts.verbose) console.error(`[page error] ${e.message}`);
  });
  page.on('crash', () => resolveExit({ code: 1, why: 'the browser page crashed' }));
  server.exited.then((e) => resolveExit({ code: 1, why: `code-server exited (${JSON.stringify(e)})` }));

  const remote = (p) =>
    `vscode-remote://127.0.0.1:${server.port}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
  const payload = [
    ['extensionDevelopmentPath', remote(runnerDir)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  const url = server.workbenchUrl({ payload: JSON.stringify(payload) });
  if (opts.verbose) say(`opening ${url}`);

  if (shotDir) shotTimer = setInterval(serviceScreenshotRequests, 100);

  let timer;
  const timedOut = new Promise((r) => {
    timer = setTimeout(
      () => r({ code: 124, why: `TIMEOUT: the test suite did not finish within ${timeoutS}s` }),
      timeoutS * 1000,
    );
  });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  say(`workbench opened, running ${testsPath} (${elapsed()})`);

  const result = await Promise.race([suiteDone, timedOut]);
  clearTimeout(timer);
  if (result.why) say(result.why);
  if (result.code !== 0) {
    await failureScreenshot();
    if (result.why && !opts.verbose)
      say(`last code-server output:\n${server.output().split('\n').slice(-30).join('\n')}`);
  }
  await serviceScreenshotRequests(); // any last request
  exitCode = Number.isInteger(result.code) ? result.code : 1;
  say(`suite ${exitCode === 0 ? 'passed' : `FAILED (exit ${exitCode})`} in ${elapsed()}`);
}

main()
  .catch((e) => {
    say(`ERROR: ${e?.stack || e}`);
    exitCode = exitCode || 1;
  })
  .finally(async () => {
    await cleanup();
    process.exit(exitCode);
  });
