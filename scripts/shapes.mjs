// Scaling by shape: Dockerfiles built from one repeated construct (RUN lines,
// heredocs, an `&&` chain, continuation lines, long tokens, nested variables…),
// each at a base size and at 16 times it, through every feature of the language
// service. Prints the time of each feature at both sizes and the 16× / 1× ratio
// (target: at most 18×), and the time to diagnostics for a 2 MB document of each
// shape, in full (as the CLI lints) and through the language server (dist/server.js,
// time from didOpen to the first diagnostics, possibly partial; target: under 5 s).
// Asserts nothing: timings depend on the machine.
//   node scripts/shapes.mjs [--only SHAPE] [--no-2mb]
// Each measure runs in its own process with a time limit, so a slow case is
// reported as "> limit" instead of stalling the run. Needs out/ and dist/ (`npm run build`).
import * as path from 'path';
import { spawnSync } from 'child_process';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT_MS = 60_000;

/** Each shape: a text of about `n` units, and where to hover / ask for actions (a line, a character). */
export const SHAPES = {
  'RUN lines': (n) =>
    'FROM debian:12\n' +
    Array.from({ length: n }, (_, i) => `RUN apt-get install -y pkg${i} && cp /a${i} /b${i}\n`).join(''),
  'echo RUNs': (n) => 'FROM alpine:3.20\n' + Array.from({ length: n }, (_, i) => `RUN echo ${i}\n`).join(''),
  heredocs: (n) =>
    '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n' +
    Array.from({ length: n }, (_, i) => `RUN <<EOF\necho ${i}\ncp /a${i} /b${i}\nEOF\n`).join(''),
  '&& chain': (n) => 'FROM alpine:3.20\nRUN ' + Array.from({ length: n }, (_, i) => `echo ${i}`).join(' && ') + '\n',
  'COPY --from chain': (n) =>
    'FROM alpine:3.20 AS s0\n' +
    Array.from({ length: n }, (_, i) => `FROM alpine:3.20 AS s${i + 1}\nCOPY --from=s${i} /a /a\n`).join(''),
  'continuation lines': (n) =>
    'FROM debian:12\nRUN apt-get update && apt-get install -y \\\n' +
    Array.from({ length: n }, (_, i) => `    pkg${i} \\\n`).join('') +
    '    last\n',
  'long tokens': (n) => `FROM ${'a'.repeat(n * 20)}:1\nRUN echo ${'x'.repeat(n * 20)}\nENV A=${'y'.repeat(n * 20)}\n`,
  'nested variables': (n) => 'FROM alpine:3.20\nARG V0=x\n' + `ENV A=${'${V0:-'.repeat(n)}z${'}'.repeat(n)}\n`,
};

/** Base size of each shape (units), chosen so the 1× case is a realistic large file. */
const BASE = {
  'RUN lines': 500,
  'echo RUNs': 1000,
  heredocs: 500,
  '&& chain': 2000,
  'COPY --from chain': 500,
  'continuation lines': 2000,
  'long tokens': 2000,
  'nested variables': 1000,
};

const FEATURES = ['lint', 'hover', 'completion', 'codeActions', 'format', 'symbols', 'folding', 'fixAll'];

/** Worker: time every feature on one shape at one size; prints JSON { feature: ms }. */
function worker(shape, units) {
  const { DockerCoachService } = require(path.join(root, 'out/server/src/service/languageService.js'));
  const { DEFAULT_SETTINGS } = require(path.join(root, 'out/server/src/protocol.js'));
  const { TextDocument } = require('vscode-languageserver-textdocument');
  // Warm up first (module loading, JIT), on a small file of every shape: the 1× figures are then of the work itself.
  for (const warm of Object.values(SHAPES)) {
    const small = TextDocument.create('file:///w/warm/Dockerfile', 'dockerfile', 1, warm(20));
    const warmService = new DockerCoachService({ docsBaseUri: 'file:///docs' });
    warmService.diagnostics(small, DEFAULT_SETTINGS);
    warmService.hover(small, { line: 2, character: 5 });
    warmService.format(small, { tabSize: 4, insertSpaces: true });
    warmService.documentSymbols(small);
    warmService.fixAll(small, DEFAULT_SETTINGS);
  }
  const text = SHAPES[shape](units);
  const doc = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, text);
  // As the VS Code client declares it: fix-all-of-a-rule actions are resolved when picked (fixAll below times that).
  const service = new DockerCoachService({
    docsBaseUri: 'file:///docs',
    features: { snippetCommand: true, createFiles: true, documentChanges: true, resolveEdits: true },
  });
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  const at = { line: middle, character: Math.floor(lines[middle].length / 2) };
  const out = { bytes: text.length };
  // The fastest of three runs (the lint only once: later runs would be cache hits).
  const time = (feature, fn) => {
    for (let round = 0; round < (feature === 'lint' ? 1 : 3); round++) {
      const t = performance.now();
      fn();
      out[feature] = Math.min(out[feature] ?? Infinity, performance.now() - t);
    }
  };
  let diagnostics = [];
  time('lint', () => (diagnostics = service.diagnostics(doc, DEFAULT_SETTINGS)));
  out.findings = diagnostics.length;
  if (process.argv[5] === 'lint') return process.stdout.write(JSON.stringify(out));
  time('hover', () => service.hover(doc, at));
  time('completion', () => service.completion(doc, at));
  const near = diagnostics.filter((d) => d.range.start.line >= middle).slice(0, 3);
  time('codeActions', () => service.codeActions(doc, { diagnostics: near }, DEFAULT_SETTINGS));
  time('format', () => service.format(doc, { tabSize: 4, insertSpaces: true }));
  time('symbols', () => service.documentSymbols(doc));
  time('folding', () => service.foldingRanges(doc));
  time('fixAll', () => service.fixAll(doc, DEFAULT_SETTINGS));
  process.stdout.write(JSON.stringify(out));
}

/** Units of a shape that make a document just below `bytes`. */
function unitsFor(shape, bytes) {
  const per = SHAPES[shape](1000).length / 1000;
  let units = Math.floor(bytes / per);
  while (SHAPES[shape](units).length > bytes) units = Math.floor(units * 0.98);
  return units;
}

/** Time from didOpen to the first published diagnostics through the real server, and whether they are partial. */
async function throughServer(text) {
  const { startServer } = require(path.join(root, 'out/test/support/lspSession.js'));
  // Started as the VS Code client starts it (its memory settings).
  const { SERVER_PROCESS } = require(path.join(root, 'out/server/src/protocol/serverProcess.js'));
  const session = startServer(SERVER_PROCESS);
  await session.initialize();
  const uri = 'file:///w/big/Dockerfile';
  const started = performance.now();
  const first = session.next(uri);
  await session.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text },
  });
  let timeout;
  const timer = new Promise((resolve) => (timeout = setTimeout(() => resolve(null), LIMIT_MS)));
  const published = await Promise.race([first, timer]);
  clearTimeout(timeout);
  const result = published
    ? {
        lint: performance.now() - started,
        partial: published.diagnostics.some((d) => d.message.startsWith('Partial check')),
      }
    : { failed: `> ${LIMIT_MS / 1000} s` };
  session.child.kill();
  session.connection.dispose();
  return result;
}

function measure(shape, units, only = '') {
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--worker', shape, String(units), only],
    { encoding: 'utf8', timeout: LIMIT_MS },
  );
  if (run.error || run.status !== 0)
    return {
      failed:
        run.error?.code === 'ETIMEDOUT'
          ? `> ${LIMIT_MS / 1000} s`
          : (
              run.stderr
                .trim()
                .split('\n')
                .find((l) => /Error|heap/.test(l)) ?? `exit ${run.status}`
            ).slice(0, 60),
    };
  return JSON.parse(run.stdout);
}

const fmt = (v) => (v === undefined ? '-' : v < 10 ? v.toFixed(1) : v.toFixed(0));

if (process.argv[2] === '--worker') {
  worker(process.argv[3], Number(process.argv[4]));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  const shapes = Object.keys(SHAPES).filter((s) => !only || s === only);
  console.log(`shape               size         ${FEATURES.map((f) => f.padStart(11)).join('')}`);
  for (const shape of shapes) {
    const small = measure(shape, BASE[shape]);
    const large = measure(shape, BASE[shape] * 16);
    for (const [label, r] of [
      ['1×', small],
      ['16×', large],
    ]) {
      const size = r.bytes ? `${label} ${(r.bytes / 1024).toFixed(0)} KiB` : label;
      console.log(
        `${shape.padEnd(20)}${size.padEnd(13)}${r.failed ? r.failed : FEATURES.map((f) => `${fmt(r[f])} ms`.padStart(11)).join('')}`,
      );
    }
    if (!small.failed && !large.failed) {
      const ratios = FEATURES.map((f) => Math.max(large[f], 1) / Math.max(small[f], 1));
      console.log(
        `${''.padEnd(20)}${'16× / 1×'.padEnd(13)}${ratios.map((r) => `${r.toFixed(1)}×${r > 18 ? '!' : ' '}`.padStart(11)).join('')}`,
      );
    }
    if (!process.argv.includes('--no-2mb')) {
      const units = unitsFor(shape, 2 * 1024 * 1024 - 1024);
      const full = measure(shape, units, 'lint');
      const editor = await throughServer(SHAPES[shape](units));
      const row = (r) => r.failed ?? `${fmt(r.lint)} ms${r.partial ? ' (partial)' : ''}`;
      console.log(
        `${''.padEnd(20)}${'2 MiB'.padEnd(13)}full lint ${row(full)}; first diagnostics from the server ${row(editor)}${editor.failed || editor.lint >= 5000 ? ' !' : ''}`,
      );
    }
  }
}
