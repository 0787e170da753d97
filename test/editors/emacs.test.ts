/**
 * The language server in a real Emacs, through Eglot and through lsp-mode: a batch Emacs loads the configuration
 * docs/editors.md gives for the client (and Emacs version) as the user's init file, with a
 * `docker-coach-language-server` command on the PATH, and test/editors/emacs-eglot.el or emacs-lsp-mode.el visits a
 * Dockerfile and a compose file and writes what Emacs shows as JSON.
 * Emacs and its packages come from Debian (`scripts/vscode/setup.mjs` installs them; `npm run test:editors`
 * runs that first). A missing Emacs fails this suite: it is never skipped.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { documentedBlock, runEditor, SERVER, serverCommandIn } from '../support/editorRun';

const REPO = path.resolve(__dirname, '../../..');
const EMACS = process.env.DOCKER_COACH_EMACS || '/usr/bin/emacs';

const DOCKERFILE =
  'FROM ubuntu:24.04\nMAINTAINER me@example.com\nRUN apt-get update && apt-get install -y curl\nCMD curl --version\n';
const COMPOSE = 'services:\n  web:\n    image: nginx\n';

interface Shown {
  line: number;
  severity: number;
  rule: string;
  text: string;
}
/** The diagnostics the client holds (with the rule of each), and the lines Flymake shows. */
interface Diagnostics {
  lsp: Shown[];
  flymakeLines: number[];
}
interface EmacsResult {
  emacs: string;
  steps: string[];
  error?: string;
  dockerfileMode: string;
  diagnostics: Diagnostics;
  hover: string;
  codeActions: { title: string; kind: string; isPreferred: boolean }[];
  applied: string;
  textAfterFix: string;
  diagnosticsAfterFix: Diagnostics;
  composeMode: string;
  composeDiagnostics: Diagnostics;
}

/** LSP severities. */
const ERROR = 1;
const WARNING = 2;

function emacsMajorVersion(): number {
  if (!fs.existsSync(EMACS)) {
    throw new Error(
      `Emacs is missing (${EMACS}). \`npm run test:editors\` installs Debian's emacs-nox, elpa-eglot, elpa-lsp-mode, elpa-dockerfile-mode and elpa-yaml-mode through scripts/vscode/setup.mjs --apt-only (as root); elsewhere install them and set DOCKER_COACH_EMACS.`,
    );
  }
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first.`);
  const version = /GNU Emacs (\d+)/.exec(spawnSync(EMACS, ['--version'], { encoding: 'utf8' }).stdout ?? '');
  assert.ok(version, `cannot read the version of ${EMACS}`);
  return Number(version[1]);
}

const CLIENTS: { client: string; script: string; heading: (major: number) => string }[] = [
  {
    client: 'Eglot',
    script: 'emacs-eglot.el',
    heading: (major) => (major >= 29 ? '### Emacs 29 and later' : '### Emacs 28'),
  },
  { client: 'lsp-mode', script: 'emacs-lsp-mode.el', heading: () => '### Emacs with lsp-mode' },
];

for (const { client, script, heading } of CLIENTS) {
  describe(`Emacs: ${client} with the configuration of docs/editors.md, against dist/server.js`, function () {
    this.timeout(240000);
    let home: string;
    let project: string;
    let result: EmacsResult;

    before(() => {
      const init = documentedBlock(heading(emacsMajorVersion()), 'elisp');
      home = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-emacs-'));
      const bin = serverCommandIn(home);
      fs.writeFileSync(path.join(home, 'init.el'), init);
      project = path.join(home, 'project');
      fs.mkdirSync(project);
      // Names only the configuration's patterns (and dockerfile-mode's) give a mode the client runs the server for.
      fs.writeFileSync(path.join(project, 'web.dockerfile'), DOCKERFILE);
      fs.writeFileSync(path.join(project, 'docker-compose.override.yml'), COMPOSE);
      const resultFile = path.join(home, 'result.json');
      // --batch loads the site files (where Debian's packages are found) but no init file: the script loads it.
      result = runEditor<EmacsResult>(EMACS, ['--batch', '-l', path.join(REPO, 'test', 'editors', script)], {
        cwd: project,
        env: {
          ...process.env,
          HOME: home,
          PATH: `${bin}${path.delimiter}${process.env.PATH}`,
          DOCKER_COACH_INIT: path.join(home, 'init.el'),
          DOCKER_COACH_RESULT: resultFile,
        },
        resultFile,
        timeoutMs: 230000,
      });
    });

    after(() => {
      if (home) fs.rmSync(home, { recursive: true, force: true });
    });

    it('runs every step, with the modes the configuration gives', () => {
      assert.deepStrictEqual(result.steps, ['diagnostics', 'hover', 'codeAction', 'compose']);
      assert.match(result.dockerfileMode, /^dockerfile(-ts)?-mode$/);
      assert.strictEqual(result.composeMode, 'docker-compose-yaml-mode');
    });

    it('shows the findings in Flymake, with the settings the client answered', () => {
      const { lsp, flymakeLines } = result.diagnostics;
      assert.deepStrictEqual(
        flymakeLines,
        lsp.map((d) => d.line),
      );
      const byRule = new Map(lsp.map((d) => [d.rule, d]));
      const maintainer = byRule.get('maintainer-deprecated');
      assert.deepStrictEqual(maintainer && [maintainer.line, maintainer.severity], [2, WARNING]);
      assert.match(maintainer!.text, /MAINTAINER is deprecated/);
      // The client's settings: one rule off, one raised to error.
      assert.ok(!byRule.has('apt-get-no-recommends'), JSON.stringify(lsp));
      const cmd = byRule.get('exec-form-cmd');
      assert.deepStrictEqual(cmd && [cmd.line, cmd.severity], [4, ERROR]);
    });

    it('answers the hover on the finding: its rule, why, then the instruction', () => {
      assert.match(
        result.hover,
        /^\[maintainer-deprecated\]\([^)]*docs\/rules\/maintainer-deprecated\.md\): `MAINTAINER` has been deprecated/,
      );
      assert.match(result.hover, /\*\*MAINTAINER\*\*/);
    });

    it('offers the fix first, and the client applies it to the buffer only', () => {
      const title = 'Replace MAINTAINER with LABEL org.opencontainers.image.authors';
      assert.deepStrictEqual(result.codeActions[0], { title, kind: 'quickfix', isPreferred: true });
      assert.strictEqual(result.applied, title);
      assert.strictEqual(
        result.textAfterFix,
        DOCKERFILE.replace('MAINTAINER me@example.com', 'LABEL org.opencontainers.image.authors="me@example.com"'),
      );
      // The edit reached the server as didChange: the new version no longer has the finding.
      const rules = result.diagnosticsAfterFix.lsp.map((d) => d.rule);
      assert.ok(!rules.includes('maintainer-deprecated') && rules.includes('exec-form-cmd'), rules.join(', '));
      assert.deepStrictEqual(
        result.diagnosticsAfterFix.flymakeLines,
        result.diagnosticsAfterFix.lsp.map((d) => d.line),
      );
      assert.strictEqual(fs.readFileSync(path.join(project, 'web.dockerfile'), 'utf8'), DOCKERFILE);
    });

    it('lints the compose file as compose, opened after the Dockerfile', () => {
      const { lsp, flymakeLines } = result.composeDiagnostics;
      assert.deepStrictEqual(
        lsp.map((d) => [d.rule, d.line, d.severity]),
        [['pin-image-tag', 3, WARNING]],
      );
      assert.deepStrictEqual(flymakeLines, [3]);
    });
  });
}
