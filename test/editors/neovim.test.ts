/**
 * The language server in a real Neovim: `nvim --headless --clean` runs test/editors/neovim-lsp.lua,
 * which starts dist/server.js over stdio through Neovim's own LSP client, the way docs/editors.md
 * configures it, and writes what the editor saw as JSON. Neovim comes from Debian
 * (`scripts/vscode/setup.mjs` installs it; `npm run test:editors` runs that first). A missing Neovim
 * fails this suite: it is never skipped.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { documentedBlock, runEditor, SERVER, serverCommandIn } from '../support/editorRun';

const REPO = path.resolve(__dirname, '../../..');
const NVIM = process.env.DOCKER_COACH_NVIM || '/usr/bin/nvim';
const SCRIPT = path.join(REPO, 'test', 'editors', 'neovim-lsp.lua');
const CONFIG_CHECK = path.join(REPO, 'test', 'editors', 'neovim-config-check.lua');

const DOCKERFILE =
  'FROM ubuntu:24.04\nMAINTAINER me@example.com\nRUN apt-get update && apt-get install -y curl\nCMD curl --version\n';
const COMPOSE = 'services:\n  web:\n    image: nginx\n';

interface Shown {
  code: string;
  line: number;
  col: number;
  severity: number;
  source: string;
  message: string;
}
interface NeovimResult {
  nvim: string;
  api: string;
  steps: string[];
  error?: string;
  dockerfileFiletype: string;
  diagnostics: Shown[];
  hover: string;
  codeActions: { title: string; kind: string; isPreferred: boolean }[];
  applied: string;
  textAfterFix: string[];
  diagnosticsAfterFix: Shown[];
  composeDiagnostics: Shown[];
}

/** Neovim's severities (vim.diagnostic.severity). */
const ERROR = 1;
const WARN = 2;

function checkPrerequisites(): void {
  if (!fs.existsSync(NVIM)) {
    throw new Error(
      `Neovim is missing (${NVIM}). \`npm run test:editors\` installs Debian's neovim through scripts/vscode/setup.mjs --apt-only (as root); elsewhere install Neovim and set DOCKER_COACH_NVIM to it.`,
    );
  }
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first.`);
}

describe('Neovim: the built-in LSP client against dist/server.js', function () {
  this.timeout(180000);
  let workspace: string;
  let result: NeovimResult;

  before(() => {
    checkPrerequisites();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-nvim-'));
    fs.writeFileSync(path.join(workspace, 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(workspace, 'compose.yaml'), COMPOSE);
    const resultFile = path.join(workspace, 'result.json');
    result = runEditor<NeovimResult>(NVIM, ['--headless', '--clean', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: workspace,
      env: {
        ...process.env,
        DOCKER_COACH_NODE: process.execPath,
        DOCKER_COACH_SERVER: SERVER,
        DOCKER_COACH_WORKSPACE: workspace,
        DOCKER_COACH_RESULT: resultFile,
      },
      resultFile,
      timeoutMs: 170000,
    });
  });

  after(() => {
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('runs every step through the client the Neovim version has', () => {
    assert.deepStrictEqual(result.steps, ['diagnostics', 'hover', 'codeAction', 'compose']);
    // Debian bookworm's 0.7 has no vim.lsp.start; 0.8 and later do.
    const [major, minor] = result.nvim.split('.').map(Number);
    assert.strictEqual(result.api, major === 0 && minor < 8 ? 'vim.lsp.start_client' : 'vim.lsp.start');
    assert.strictEqual(result.dockerfileFiletype, 'dockerfile');
  });

  it('shows the findings, with the settings the client passed', () => {
    const maintainer = result.diagnostics.find((d) => d.code === 'maintainer-deprecated');
    assert.ok(maintainer, JSON.stringify(result.diagnostics));
    assert.deepStrictEqual(
      [maintainer.line, maintainer.col, maintainer.severity, maintainer.source],
      [1, 0, WARN, 'docker-coach'],
    );
    assert.match(maintainer.message, /^MAINTAINER is deprecated/);
    // dockerCoach.rules from the client: one rule off, one raised to error.
    assert.ok(!result.diagnostics.some((d) => d.code === 'apt-get-no-recommends'), JSON.stringify(result.diagnostics));
    const cmd = result.diagnostics.find((d) => d.code === 'exec-form-cmd');
    assert.deepStrictEqual(cmd && [cmd.line, cmd.col, cmd.severity], [3, 4, ERROR]);
  });

  it('hovers the finding under the cursor: its rule, why, then the instruction', () => {
    assert.match(
      result.hover,
      /^\[maintainer-deprecated\]\([^)]*docs\/rules\/maintainer-deprecated\.md\): `MAINTAINER` has been deprecated/,
    );
    assert.match(result.hover, /\*\*MAINTAINER\*\*/);
  });

  it('offers the fix first and applies it through Neovim', () => {
    const title = 'Replace MAINTAINER with LABEL org.opencontainers.image.authors';
    assert.deepStrictEqual(result.codeActions[0], { title, kind: 'quickfix', isPreferred: true });
    assert.strictEqual(result.applied, title);
    assert.deepStrictEqual(result.textAfterFix, [
      'FROM ubuntu:24.04',
      'LABEL org.opencontainers.image.authors="me@example.com"',
      'RUN apt-get update && apt-get install -y curl',
      'CMD curl --version',
    ]);
    // The edit reached the server as didChange: the new version no longer has the finding.
    const codes = result.diagnosticsAfterFix.map((d) => d.code);
    assert.ok(!codes.includes('maintainer-deprecated') && codes.includes('exec-form-cmd'), codes.join(', '));
    // Applied in the buffer only: the file on disk is as it was.
    assert.strictEqual(fs.readFileSync(path.join(workspace, 'Dockerfile'), 'utf8'), DOCKERFILE);
  });

  it('lints a compose file opened as yaml.docker-compose', () => {
    assert.deepStrictEqual(
      result.composeDiagnostics.map((d) => [d.code, d.line, d.col, d.severity]),
      [['pin-image-tag', 2, 11, WARN]],
    );
  });
});

/** The configuration docs/editors.md gives for this Neovim version, as an init.lua. */
function documentedConfig(version: [number, number]): string {
  const [major, minor] = version;
  if (major === 0 && minor < 8) return documentedBlock('### Neovim 0.7', 'lua');
  const latest = documentedBlock('### Neovim 0.11', 'lua');
  if (major === 0 && minor < 11) {
    // "Use the same vim.filetype.add call as above."
    return latest.slice(0, latest.indexOf('vim.lsp.config(')) + documentedBlock('### Neovim 0.8', 'lua');
  }
  return latest;
}

describe('Neovim: the configuration of docs/editors.md, as written', function () {
  this.timeout(180000);
  let home: string;
  let result: { files: { name: string; filetype: string; codes: string[] }[]; error?: string };

  before(() => {
    checkPrerequisites();
    const versionLine = spawnSync(NVIM, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    const version = /v(\d+)\.(\d+)/.exec(versionLine);
    assert.ok(version, `cannot read the version of ${NVIM}: ${versionLine}`);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-nvim-config-'));
    const bin = serverCommandIn(home);
    const init = path.join(home, 'init.lua');
    fs.writeFileSync(init, documentedConfig([Number(version[1]), Number(version[2])]));
    const project = path.join(home, 'project');
    fs.mkdirSync(project);
    // Names only the configuration's patterns give a filetype the server runs for (Neovim alone knows neither).
    fs.writeFileSync(path.join(project, 'docker-compose.override.yml'), COMPOSE);
    fs.writeFileSync(path.join(project, 'web.dockerfile'), 'FROM ubuntu:24.04\nMAINTAINER me\n');
    const resultFile = path.join(home, 'result.json');
    result = runEditor(NVIM, ['--headless', '--clean', '-u', init, '-n', '-c', `luafile ${CONFIG_CHECK}`], {
      cwd: project,
      env: {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        DOCKER_COACH_FILES: 'docker-compose.override.yml,web.dockerfile',
        DOCKER_COACH_RESULT: resultFile,
      },
      resultFile,
      timeoutMs: 170000,
    });
  });

  after(() => {
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('starts the server for an override compose file and lints it as compose', () => {
    const compose = result.files.find((f) => f.name === 'docker-compose.override.yml');
    assert.strictEqual(compose?.filetype, 'yaml.docker-compose');
    assert.ok(compose.codes.includes('pin-image-tag@2'), compose.codes.join(', '));
  });

  it('starts the server for a *.dockerfile and lints it as a Dockerfile', () => {
    const dockerfile = result.files.find((f) => f.name === 'web.dockerfile');
    assert.strictEqual(dockerfile?.filetype, 'dockerfile');
    assert.ok(dockerfile.codes.includes('maintainer-deprecated@1'), dockerfile.codes.join(', '));
  });
});
