// Benchmarks, in one run so the ratios compare like with like. Prints tables;
// asserts nothing (timings depend on the machine). Needs out/ and dist/
// (`npm run bench` builds both first, the bundles minified as they ship).
//   node scripts/bench.mjs [--quick] [--write DIR] [--corpus DIR]
// --quick: smaller corpora and fewer rounds (about a minute).
// Each figure is printed next to its target from issue 8 and "pass" or "miss".
// Percentiles are over warm runs (the first pass over a corpus is not counted),
// except "start → first diagnostics", which is a cold start by definition.
// The server and the CLI keep V8's code cache in a temporary folder for the run (DOCKER_COACH_CACHE_DIR):
// the first start of each writes it, as the first start after an install does, and later starts read it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { createRequire } from 'module';
import { measureMemory } from './memory.mjs';
import { rssOf, startServer } from './serverSession.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// dockerfile-utils is loaded first, and keeps its own instance of dockerfile-ast: our model wraps one
// dockerfile-ast method (server/src/dockerfile/model.ts), and that must not speed up the tool we compare with.
const dockerfileUtils = require('dockerfile-utils');
for (const key of Object.keys(require.cache))
  if (key.includes(`${path.sep}node_modules${path.sep}dockerfile-ast${path.sep}`)) delete require.cache[key];
const { lint, forgetContentCaches } = require(path.join(root, 'out/server/src/engine/lint.js'));
const { DEFAULT_SETTINGS } = require(path.join(root, 'out/server/src/protocol.js'));
const { RULES } = require(path.join(root, 'out/server/src/rules/registry.js'));
const { discover } = require(path.join(root, 'out/server/src/engine/discover.js'));
const { generateCorpus, randomSource } = require(path.join(root, 'out/test/support/generateDockerfiles.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');
const { DCLinter } = require('dclint');
const lsp = require('vscode-languageserver-protocol/node');

if (!process.env.DOCKER_COACH_CACHE_DIR) {
  const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-bench-cache-'));
  process.env.DOCKER_COACH_CACHE_DIR = cacheFolder;
  process.once('exit', () => fs.rmSync(cacheFolder, { recursive: true, force: true }));
}

const QUICK = process.argv.includes('--quick');
// --write DIR: also write the scaled documents there (to profile them on their own).
const WRITE = process.argv.includes('--write') ? path.resolve(process.argv[process.argv.indexOf('--write') + 1]) : null;
// --corpus DIR: also compare the CLI with dockerfile-utils over the Dockerfiles of a folder of real projects.
const CORPUS = process.argv.includes('--corpus')
  ? path.resolve(process.argv[process.argv.indexOf('--corpus') + 1])
  : null;
const SERVER = path.join(root, 'dist/server.js');
const CLI = path.join(root, 'dist/cli.js');
const DCLINT_CLI = path.join(path.dirname(require.resolve('dclint/package.json')), 'bin/dclint.cjs');

// ---------------------------------------------------------------- helpers

/** `node -e` program: loads dockerfile-utils (argv[1]) and validates each file named after it. */
const VALIDATE_FILES = `const fs = require('fs');
const { validate } = require(process.argv[1]);
for (const file of process.argv.slice(2)) validate(fs.readFileSync(file, 'utf8'));`;

const now = () => Number(process.hrtime.bigint()) / 1e6;
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (values) => percentile(values, 50);
const ms = (value) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
const results = [];
/** One table row: a figure, its target (text), and pass/miss (null: no target). */
function report(section, label, figure, target = '', pass = null) {
  results.push({ section, label, figure, target, verdict: pass === null ? '' : pass ? 'pass' : 'miss' });
}
function printTable(rows) {
  const header = ['measure', 'figure', 'target', ''];
  const cells = rows.map((r) => [r.label, r.figure, r.target, r.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  let section = null;
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      console.log(`${i ? '\n' : ''}[${section}]`);
    }
    console.log(line(cells[i]));
  });
}
const benchStarted = now();
function progress(message) {
  process.stderr.write(`… ${((now() - benchStarted) / 1000).toFixed(1)} s: ${message}\n`);
}

// ---------------------------------------------------------------- corpus

function filesUnder(folder, test) {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full, test);
    return test(entry.name) ? [full] : [];
  });
}
const isDockerfile = (name) =>
  (/^(Dockerfile|Containerfile)(\..+)?$/.test(name) && !name.endsWith('.dockerignore')) ||
  /\.(dockerfile|containerfile)$/i.test(name);
const isCompose = (name) => /^(docker-)?compose(\.[^/]*)?\.ya?ml$/i.test(name);

/** A snippet body with its placeholders replaced by their defaults. */
function expandSnippet(body) {
  const text = Array.isArray(body) ? body.join('\n') : body;
  return text
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/(?<!\\)\$\d+/g, '')
    .replace(/\\\$/g, '$');
}

/** A seeded compose file of realistic shape: a few services from common stacks, some flaws. */
function composeServices(random, suffix) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  const services = [];
  const volumes = new Set();
  const networks = new Set();
  const names = [];
  const count = 2 + Math.floor(random() * 5);
  const kinds = ['web', 'db', 'cache', 'worker', 'proxy', 'queue', 'search'];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i < 2 ? i : Math.floor(random() * kinds.length)];
    const name = `${kind}${i >= 2 ? i : ''}${suffix}`;
    if (names.includes(name)) continue;
    const lines = [`  ${name}:`];
    const network = chance(0.5) ? pick(['front', 'back']) : null;
    if (kind === 'web' || kind === 'worker') {
      if (chance(0.6)) {
        lines.push(
          '    build:',
          `      context: ./${kind}`,
          chance(0.5) ? '      dockerfile: Dockerfile' : `      target: ${pick(['runtime', 'prod', 'final'])}`,
        );
        if (chance(0.4)) lines.push('      args:', `        APP_VERSION: "${pick(['1.2.3', '${VERSION:-dev}'])}"`);
      } else
        lines.push(
          `    image: ${pick(['node:22-alpine', 'python:3.12-slim', 'ghcr.io/acme/app:1.4.0', 'acme/app', 'acme/app:latest'])}`,
        );
      if (kind === 'web')
        lines.push(
          '    ports:',
          `      - ${pick(['"127.0.0.1:8080:8080"', '"8080:8080"', '8000:8000', '"3000:3000"'])}`,
        );
      else
        lines.push(`    command: ${pick(['["python", "-m", "worker"]', 'npm run worker', '["node", "worker.js"]'])}`);
      lines.push('    environment:');
      for (const [key, value] of [
        ['NODE_ENV', 'production'],
        ['DATABASE_URL', 'postgres://app:${POSTGRES_PASSWORD:?required}@db' + suffix + ':5432/app'],
        ['LOG_LEVEL', 'info'],
      ]) {
        if (chance(0.7)) lines.push(`      ${key}: ${JSON.stringify(value)}`);
      }
      if (chance(0.3)) lines.push('      SECRET_KEY: "changeme"');
      if (names.length) {
        if (chance(0.5)) lines.push('    depends_on:', ...names.slice(0, 2).map((n) => `      - ${n}`));
        else lines.push('    depends_on:', `      ${names[names.length - 1]}:`, '        condition: service_healthy');
      }
      if (chance(0.4)) lines.push('    volumes:', `      - ./${kind}:/app${chance(0.5) ? ':ro' : ''}`);
    } else if (kind === 'db') {
      lines.push(`    image: ${pick(['postgres:16-alpine', 'postgres', 'mysql:8.4', 'mariadb:11'])}`);
      lines.push(
        '    environment:',
        '      POSTGRES_DB: app',
        '      POSTGRES_USER: app',
        `      POSTGRES_PASSWORD: ${pick(['${POSTGRES_PASSWORD:?required}', 'secret', '"${DB_PASSWORD}"'])}`,
      );
      volumes.add(`db-data${suffix}`);
      lines.push('    volumes:', `      - db-data${suffix}:/var/lib/postgresql/data`);
      if (chance(0.6))
        lines.push(
          '    healthcheck:',
          '      test: ["CMD-SHELL", "pg_isready -U app"]',
          '      interval: 10s',
          '      timeout: 5s',
          '      retries: 5',
        );
      if (chance(0.3)) lines.push('    ports:', '      - "5432:5432"');
    } else if (kind === 'cache' || kind === 'queue') {
      lines.push(
        `    image: ${kind === 'cache' ? pick(['redis:7-alpine', 'redis', 'valkey/valkey:8']) : pick(['rabbitmq:3-management', 'nats:2.10'])}`,
      );
      if (chance(0.5))
        lines.push('    ports:', `      - ${pick(['"6379:6379"', '"127.0.0.1:5672:5672"', '15672:15672'])}`);
      if (chance(0.4))
        lines.push(`    command: ${pick(['["redis-server", "--appendonly", "yes"]', 'redis-server --save 60 1'])}`);
    } else if (kind === 'proxy') {
      lines.push(`    image: ${pick(['traefik:v3.1', 'nginx:1.27-alpine', 'caddy:2'])}`);
      lines.push('    ports:', '      - "80:80"', '      - "443:443"');
      if (chance(0.5)) lines.push('    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock');
      if (chance(0.2)) lines.push('    privileged: true');
    } else {
      lines.push(`    image: ${pick(['elasticsearch:8.15.0', 'opensearchproject/opensearch:2'])}`);
      lines.push('    environment:', '      - discovery.type=single-node', '      - ES_JAVA_OPTS=-Xms512m -Xmx512m');
      lines.push('    ulimits:', '      memlock:', '        soft: -1', '        hard: -1');
    }
    if (chance(0.3)) lines.push(`    container_name: ${name.replace(/_/g, '-')}`);
    if (network) {
      networks.add(`${network}${suffix}`);
      lines.push('    networks:', `      - ${network}${suffix}`);
    }
    if (chance(0.7)) lines.push(`    restart: ${pick(['unless-stopped', 'always', 'on-failure'])}`);
    if (chance(0.2)) lines.push('    logging:', '      driver: json-file', '      options:', '        max-size: "10m"');
    names.push(name);
    services.push(lines.join('\n'));
  }
  return { services, volumes, networks };
}
function assembleCompose(parts, header) {
  const volumes = new Set(parts.flatMap((p) => [...p.volumes]));
  const networks = new Set(parts.flatMap((p) => [...p.networks]));
  let text = header;
  text += 'services:\n' + parts.flatMap((p) => p.services).join('\n\n') + '\n';
  if (networks.size) text += '\nnetworks:\n' + [...networks].map((n) => `  ${n}:\n`).join('');
  if (volumes.size) text += '\nvolumes:\n' + [...volumes].map((v) => `  ${v}:\n`).join('');
  return text;
}
function generateComposeFiles(count, seed) {
  const random = randomSource(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const header = random() < 0.3 ? 'version: "3.8"\n\n' : random() < 0.3 ? 'name: app\n\n' : '';
    files.push(assembleCompose([composeServices(random, '')], header));
  }
  return files;
}

const fixtureDockerfiles = [
  ...filesUnder(path.join(root, 'test/fixtures'), isDockerfile),
  ...filesUnder(path.join(root, 'samples'), isDockerfile),
].map((file) => ({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8') }));
const generatedDockerfiles = generateCorpus(QUICK ? 60 : 300, 1).map((input) => ({
  name: input.name,
  text: input.text,
}));
const dockerfiles = [...fixtureDockerfiles, ...generatedDockerfiles];

const composeSnippets = Object.entries(JSON.parse(fs.readFileSync(path.join(root, 'snippets/compose.json'), 'utf8')))
  .map(([name, snippet]) => ({ name: `snippet ${name}`, text: expandSnippet(snippet.body) }))
  .filter((s) => /^(services|volumes|networks|secrets|configs|name|include):/m.test(s.text));
const composeExamples = RULES.filter((rule) => rule.language === 'compose').flatMap((rule) =>
  [...rule.docs.bad, ...rule.docs.good].map((example, i) => ({
    name: `${rule.id} example ${i + 1}`,
    text: example.code,
  })),
);
const composeFiles = [
  ...[
    ...filesUnder(path.join(root, 'test/fixtures'), isCompose),
    ...filesUnder(path.join(root, 'samples'), isCompose),
  ].map((file) => ({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8') })),
  ...composeSnippets,
  ...composeExamples,
  ...generateComposeFiles(QUICK ? 40 : 200, 7).map((text, i) => ({ name: `generated compose #${i + 1}`, text })),
];

const documentOf = (text, language, i = 0) =>
  TextDocument.create(
    `file:///bench/${i}/${language === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`,
    language,
    1,
    text,
  );
const lintOurs = (text, language) => lint(documentOf(text, language), DEFAULT_SETTINGS);
// The in-process figures are lints that start from nothing: what the linter caches by content across lints
// (shell parses and exec-form JSON by text) is forgotten before each timed lint, so warm rounds warm the code only.
const fresh = () => forgetContentCaches();

// ---------------------------------------------------------------- 1 + 6a: per file, in process, side by side

function perFile(files, ours, theirs, rounds) {
  const oursTimes = [];
  const theirsTimes = [];
  for (let round = 0; round <= rounds; round++) {
    for (const file of files) {
      fresh();
      let t = now();
      ours(file.text);
      const a = now() - t;
      t = now();
      theirs(file.text);
      const b = now() - t;
      if (round > 0) {
        oursTimes.push(a);
        theirsTimes.push(b);
      }
    }
  }
  return { ours: oursTimes, theirs: theirsTimes };
}

progress(`per-file lint over ${dockerfiles.length} Dockerfiles and ${composeFiles.length} compose files`);
const rounds = QUICK ? 2 : 5;
const df = perFile(
  dockerfiles,
  (text) => lintOurs(text, 'dockerfile'),
  (text) => dockerfileUtils.validate(text),
  rounds,
);
const dfLines = dockerfiles.reduce((n, f) => n + f.text.split('\n').length, 0);
{
  const s = `Dockerfiles in process (${dockerfiles.length} files, ${Math.round(dfLines / dockerfiles.length)} lines on average, ${RULES.length} rules, ${rounds} warm rounds)`;
  const [p50, p99, t50, t99] = [
    percentile(df.ours, 50),
    percentile(df.ours, 99),
    percentile(df.theirs, 50),
    percentile(df.theirs, 99),
  ];
  report(s, 'ours p50 per file', `${ms(p50)} ms`, `≤ dockerfile-utils p50 (${ms(t50)} ms)`, p50 <= t50);
  report(s, 'ours p99 per file', `${ms(p99)} ms`);
  report(s, 'dockerfile-utils validate() p50', `${ms(t50)} ms`);
  report(s, 'dockerfile-utils validate() p99', `${ms(t99)} ms`);
  report(s, 'ours / dockerfile-utils (p50)', `${(p50 / t50).toFixed(2)}×`, '≤ 1.00×', p50 <= t50);
  report(s, 'ours / dockerfile-utils (p99)', `${(p99 / t99).toFixed(2)}×`);
}

// Compose: ours in process against dclint's only public API, lintFiles() (it reads from disk).
const composeFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-bench-'));
const composePaths = composeFiles.map((file, i) => {
  const dir = path.join(composeFolder, 'inprocess', String(i));
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, 'compose.yaml');
  fs.writeFileSync(p, file.text);
  return p;
});
{
  const linter = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
  const indexed = composeFiles.map((file, i) => ({ text: file.text, path: composePaths[i] }));
  const oursTimes = [];
  const theirsTimes = [];
  // dclint compiles its schema for every file (tens of ms each): fewer rounds here.
  for (let round = 0; round <= Math.min(rounds, 2); round++) {
    for (const file of indexed) {
      fresh();
      let t = now();
      lintOurs(fs.readFileSync(file.path, 'utf8'), 'dockercompose');
      const a = now() - t;
      t = now();
      linter.lintFiles([file.path], false);
      const b = now() - t;
      if (round > 0) {
        oursTimes.push(a);
        theirsTimes.push(b);
      }
    }
  }
  const s = `compose files in process (${composeFiles.length} files: fixtures, samples, snippets, rule examples, generated; both read the file from disk; ${Math.min(rounds, 2)} warm rounds)`;
  const [p50, p99, t50, t99] = [
    percentile(oursTimes, 50),
    percentile(oursTimes, 99),
    percentile(theirsTimes, 50),
    percentile(theirsTimes, 99),
  ];
  report(s, 'ours p50 per file', `${ms(p50)} ms`);
  report(s, 'ours p99 per file', `${ms(p99)} ms`);
  report(s, 'dclint lintFiles() p50', `${ms(t50)} ms`);
  report(s, 'dclint lintFiles() p99', `${ms(t99)} ms`);
  report(s, 'ours / dclint (p50)', `${(p50 / t50).toFixed(2)}×`, '< 1.00×', p50 < t50);
}

// ---------------------------------------------------------------- 2: scaling

/** `text` with its stage names renamed (`AS x` → `AS x_<n>`, and `--from=x`, `FROM x`). */
function renameStages(text, n) {
  const names = [...text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+([A-Za-z0-9_.-]+)\s*$/gim)].map((m) => m[1]);
  let out = text;
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\bAS\\s+)${escaped}(?=\\s*$)`, 'gim'), `$1${name}_${n}`)
      .replace(new RegExp(`(--from=)${escaped}(?![A-Za-z0-9_.-])`, 'gi'), `$1${name}_${n}`)
      .replace(new RegExp(`^(\\s*FROM\\s+(?:--\\S+\\s+)*)${escaped}(?=\\s)`, 'gim'), `$1${name}_${n}`);
  }
  return out;
}
const corpusDockerfiles = filesUnder(path.join(root, 'test/fixtures/corpus'), isDockerfile)
  .sort()
  .map((file) => fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n'))
  .filter((text) => !/^#\s*escape\s*=\s*`/im.test(text));
let baseDockerfile = '';
for (let i = 0; baseDockerfile.split('\n').length < 200 && i < corpusDockerfiles.length; i++)
  baseDockerfile += (i ? '\n' : '') + renameStages(corpusDockerfiles[i], `p${i}`);
/** The parts (seeded service groups) of a compose file of about 200 lines. */
const baseCompose = (() => {
  const parts = [];
  for (let i = 0; assembleCompose(parts, '').split('\n').length < 200; i++)
    parts.push(composeServices(randomSource(100 + i), `_p${i}`));
  return parts;
})();
function scaledDockerfile(times) {
  return Array.from({ length: times }, (_, i) =>
    i === 0 ? baseDockerfile : renameStages(baseDockerfile, `x${i}`),
  ).join('\n');
}
function scaledCompose(times) {
  const parts = [];
  for (let copy = 0; copy < times; copy++) {
    baseCompose.forEach((_, i) =>
      parts.push(composeServices(randomSource(100 + i), `_p${i}${copy ? `_x${copy}` : ''}`)),
    );
  }
  return assembleCompose(parts, '');
}
function timeLint(text, language) {
  const times = [];
  const started = now();
  while (times.length < 5 || (now() - started < (QUICK ? 300 : 1500) && times.length < 200)) {
    fresh();
    const t = now();
    lintOurs(text, language);
    times.push(now() - t);
  }
  return median(times);
}
progress('scaling 1× … 16×');
for (const [language, make, label, renamed] of [
  ['dockerfile', scaledDockerfile, 'Dockerfile', 'stages renamed'],
  ['dockercompose', scaledCompose, 'compose file', 'services renamed'],
]) {
  const sizes = [1, 2, 4, 8, 16];
  const texts = sizes.map(make);
  texts.forEach((text) => timeLint(text, language)); // warm up every size
  const times = texts.map((text) => timeLint(text, language));
  if (WRITE) {
    fs.mkdirSync(WRITE, { recursive: true });
    texts.forEach((text, i) =>
      fs.writeFileSync(
        path.join(WRITE, `${sizes[i]}x.${language === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`),
        text,
      ),
    );
  }
  const s = `scaling: a ${texts[0].split('\n').length}-line ${label} repeated (${renamed}), median of warm runs`;
  sizes.forEach((size, i) => report(s, `${size}× (${texts[i].split('\n').length} lines)`, `${ms(times[i])} ms`));
  const ratio = times[4] / times[0];
  report(s, '16× time / 1× time', `${ratio.toFixed(1)}×`, '≤ 18×', ratio <= 18);
}

// ---------------------------------------------------------------- 2b: scaling by shape

// One repeated construct per document (RUN lines, heredocs, && chains, continuation lines…), every feature at
// 1× and 16×, and a 2 MiB document of each shape in full and through the server: scripts/shapes.mjs prints
// its own table (each measure in a process of its own, with a time limit).
progress('scaling by shape');
const shapes = spawnSync(process.execPath, [path.join(root, 'scripts/shapes.mjs'), ...(QUICK ? ['--no-2mb'] : [])], {
  encoding: 'utf8',
});
const shapesTable =
  shapes.status === 0 ? shapes.stdout : `scripts/shapes.mjs failed: ${shapes.stderr.trim().split('\n').pop()}`;

// ---------------------------------------------------------------- 3 + 4: through the language server

async function timeRequests(count, send, pauseMs = 0) {
  const times = [];
  for (let i = 0; i < count + 10; i++) {
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const t = now();
    await send(i);
    if (i >= 10) times.push(now() - t);
  }
  return times;
}

progress('language server over stdio');
{
  /** A started server with its first Dockerfile's diagnostics, and the time from start to them. */
  const startToFirstDiagnostics = async () => {
    const started = startServer(SERVER);
    await started.initialize();
    const firstUri = 'file:///bench/first/Dockerfile';
    const first = started.diagnostics(firstUri);
    await started.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: firstUri, languageId: 'dockerfile', version: 1, text: fixtureDockerfiles[0].text },
    });
    await first;
    return { session: started, time: now() - started.started };
  };
  // The first start after an install compiles the whole bundle and leaves the code cache for later starts.
  const install = await startToFirstDiagnostics();
  await install.session.stop();
  const { session, time: startToFirst } = await startToFirstDiagnostics();
  const { connection } = session;
  const s = 'language server (dist/server.js over stdio, ShellCheck off)';
  report(s, 'start → first diagnostics', `${ms(startToFirst)} ms`, '< 300 ms', startToFirst < 300);
  report(s, 'start → first diagnostics, first start after an install (no code cache yet)', `${ms(install.time)} ms`);
  const rssStart = rssOf(session.child.pid);

  // didChange on a 200-line Dockerfile: one line edited each time (incremental sync).
  const bigUri = 'file:///bench/big/Dockerfile';
  const bigText = baseDockerfile;
  const bigLines = bigText.split('\n');
  let version = 1;
  const bigFirst = session.diagnostics(bigUri, 1);
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: bigUri, languageId: 'dockerfile', version, text: bigText },
  });
  await bigFirst;
  // Edit a comment-free, self-contained line: the value of a LABEL/ENV or a WORKDIR-like line.
  const editable = bigLines
    .map((line, i) => ({ line, i }))
    .filter(
      ({ line, i }) =>
        /^(ENV|LABEL|WORKDIR|EXPOSE|USER)\s/i.test(line) &&
        !/\\\s*$/.test(line) &&
        !/\\\s*$/.test(bigLines[i - 1] ?? ''),
    );
  // The server lints an edit after a quiet moment at once and coalesces a burst of edits (linted once they pause
  // for 120 ms, or 150 ms after the previous lint started): `pauseMs` 200 measures single edits, 0 measures
  // back-to-back edits (typing).
  const measureChanges = (pauseMs) =>
    timeRequests(
      pauseMs ? (QUICK ? 30 : 100) : QUICK ? 60 : 300,
      async (k) => {
        // Edits come in pairs on one line, a blank added then removed: every edit changes the text (none is
        // answered from the lint cache), and every pair leaves the document as it started.
        const { line, i } = editable[Math.floor(k / 2) % editable.length];
        const newText = k % 2 === 0 ? `${line} ` : line;
        const oldLength = k % 2 === 0 ? line.length : line.length + 1;
        version++;
        const published = session.diagnostics(bigUri, version);
        await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
          textDocument: { uri: bigUri, version },
          contentChanges: [
            { range: { start: { line: i, character: 0 }, end: { line: i, character: oldLength } }, text: newText },
          ],
        });
        await published;
      },
      pauseMs,
    );
  const changeTimes = await measureChanges(200);
  const p50Change = median(changeTimes);
  report(
    s,
    `didChange → diagnostics p50 (${bigLines.length}-line Dockerfile, one other document open, single edits)`,
    `${ms(p50Change)} ms`,
    '< 5 ms',
    p50Change < 5,
  );
  report(s, 'didChange → diagnostics p99 (single edits)', `${ms(percentile(changeTimes, 99))} ms`);
  const burstTimes = await measureChanges(0);
  report(
    s,
    'didChange → diagnostics p50, back-to-back edits (coalesced, a lint at least every 150 ms)',
    `${ms(median(burstTimes))} ms`,
  );

  const requestCount = QUICK ? 60 : 300;
  const instructionLines = bigLines.map((line, i) => ({ line, i })).filter(({ line }) => /^[A-Za-z]+\s/.test(line));
  const hoverTimes = await timeRequests(requestCount, (k) => {
    const { i } = instructionLines[k % instructionLines.length];
    return connection.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: bigUri },
      position: { line: i, character: 1 },
    });
  });
  const completionTimes = await timeRequests(requestCount, (k) => {
    const { line, i } = instructionLines[(k * 7) % instructionLines.length];
    return connection.sendRequest(lsp.CompletionRequest.type, {
      textDocument: { uri: bigUri },
      position: { line: i, character: k % 3 === 0 ? 0 : line.length },
    });
  });
  const diagnostics = session.last.get(bigUri) ?? [];
  const codeActionTimes = await timeRequests(requestCount, (k) => {
    const diagnostic = diagnostics[k % Math.max(1, diagnostics.length)];
    const range = diagnostic?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return connection.sendRequest(lsp.CodeActionRequest.type, {
      textDocument: { uri: bigUri },
      range,
      context: { diagnostics: diagnostic ? [diagnostic] : [] },
    });
  });
  for (const [name, times, target] of [
    ['hover', hoverTimes, true],
    ['completion', completionTimes, true],
    ['code action', codeActionTimes, false],
  ]) {
    const p99 = percentile(times, 99);
    report(s, `${name} p50 (${times.length} requests)`, `${ms(median(times))} ms`);
    report(s, `${name} p99`, `${ms(p99)} ms`, target ? '< 10 ms' : '', target ? p99 < 10 : null);
  }
  // didOpen of 98 more documents (Dockerfiles and compose files): 100 open in all.
  const opened = [
    ...dockerfiles.slice(1, 71).map((f) => ({ ...f, language: 'dockerfile' })),
    ...composeFiles.slice(0, 30).map((f) => ({ ...f, language: 'dockercompose' })),
  ].slice(0, 98);
  const openTimes = [];
  for (let i = 0; i < opened.length; i++) {
    const uri = `file:///bench/open/${i}/${opened[i].language === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`;
    const published = session.diagnostics(uri);
    const t = now();
    await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: opened[i].language, version: 1, text: opened[i].text },
    });
    await published;
    openTimes.push(now() - t);
  }
  report(s, `didOpen → diagnostics p50 (${opened.length} documents, 70 % Dockerfiles)`, `${ms(median(openTimes))} ms`);
  report(s, 'didOpen → diagnostics p99', `${ms(percentile(openTimes, 99))} ms`);
  const rss100 = rssOf(session.child.pid);

  // Again with the 100 documents open (a Dockerfile change re-lints every open compose file).
  const crowdedTimes = await measureChanges(200);
  report(s, 'didChange → diagnostics p50 with the 100 documents open', `${ms(median(crowdedTimes))} ms`);
  report(s, 'didChange → diagnostics p99 with the 100 documents open', `${ms(percentile(crowdedTimes, 99))} ms`);
  report(s, 'resident memory after start (1 document)', `${rssStart.toFixed(0)} MB`);
  report(s, 'resident memory with 100 documents open', `${rss100.toFixed(0)} MB`, '< 80 MB', rss100 < 80);

  await connection.sendRequest(lsp.ShutdownRequest.type);
  await connection.sendNotification(lsp.ExitNotification.type);
  await new Promise((resolve) => (session.child.exitCode !== null ? resolve() : session.child.once('exit', resolve)));
  connection.dispose();
}

// ---------------------------------------------------------------- 4b: memory given back (scripts/memory.mjs)

// About two minutes: not with --quick (`node scripts/memory.mjs` runs it alone).
if (!QUICK) {
  const s = 'language server memory (issue 14: documents closed, edits of a large heredoc)';
  for (const { label, mb, targetMb } of await measureMemory(SERVER, progress)) {
    report(s, label, `${mb.toFixed(0)} MB`, targetMb ? `< ${targetMb} MB` : '', targetMb ? mb < targetMb : null);
  }
}

// ---------------------------------------------------------------- 5 + 6b: CLI files per second

progress('CLI over 1,000 generated Dockerfiles and 1,000 generated compose files');
{
  const cliCount = QUICK ? 200 : 1000;
  const dfFolder = path.join(composeFolder, 'cli-dockerfiles');
  const composeCliFolder = path.join(composeFolder, 'cli-compose');
  fs.mkdirSync(dfFolder, { recursive: true });
  fs.mkdirSync(composeCliFolder, { recursive: true });
  generateCorpus(cliCount, 2).forEach((input, i) =>
    fs.writeFileSync(path.join(dfFolder, `${String(i).padStart(4, '0')}.Dockerfile`), input.text),
  );
  generateComposeFiles(cliCount, 3).forEach((text, i) =>
    fs.writeFileSync(path.join(composeCliFolder, `compose.${String(i).padStart(4, '0')}.yaml`), text),
  );
  const run = (args) => {
    const t = now();
    const outcome = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, cwd: root });
    const elapsed = now() - t;
    if (outcome.status !== 0 && outcome.status !== 1)
      throw new Error(`${args.join(' ')} exited ${outcome.status}: ${outcome.stderr}`);
    return { elapsed, stdout: outcome.stdout };
  };
  const ours = (folder) => run([CLI, 'lint', folder, '--format', 'json', '--no-shellcheck']);
  const dclintReport = path.join(composeFolder, 'dclint.json');
  const dclint = (folder) => run([DCLINT_CLI, folder, '-f', 'json', '-o', dclintReport]);
  ours(dfFolder); // warm the file cache
  const dfRun = ours(dfFolder);
  const composeRun = ours(composeCliFolder);
  const dclintRun = dclint(composeCliFolder);
  const checkedByDclint = JSON.parse(fs.readFileSync(dclintReport, 'utf8')).length;
  const s = `CLI, whole process per run (node dist/cli.js lint <folder> --format json --no-shellcheck)`;
  const rate = (n, run) => n / (run.elapsed / 1000);
  report(
    s,
    `${cliCount} generated Dockerfiles`,
    `${rate(cliCount, dfRun).toFixed(0)} files/s (${ms(dfRun.elapsed)} ms)`,
  );
  report(
    s,
    `${cliCount} generated compose files`,
    `${rate(cliCount, composeRun).toFixed(0)} files/s (${ms(composeRun.elapsed)} ms)`,
  );
  report(
    s,
    `dclint on the same compose files (${checkedByDclint} checked)`,
    `${rate(checkedByDclint, dclintRun).toFixed(0)} files/s (${ms(dclintRun.elapsed)} ms)`,
  );
  // The whole process against dockerfile-utils' validate() over the same files in one Node process (it reads
  // and validates each file: no discovery, no output), medians of three runs taken in turns.
  const validateAll = (files) =>
    run(['-e', VALIDATE_FILES, require.resolve('dockerfile-utils'), ...files.map((f) => path.relative(root, f))]);
  const sideBySide = (label, cliArgs, files) => {
    const oursTimes = [];
    const theirsTimes = [];
    for (let i = 0; i < 3; i++) {
      oursTimes.push(run([CLI, 'lint', ...cliArgs, '--format', 'json', '--no-shellcheck']).elapsed);
      theirsTimes.push(validateAll(files).elapsed);
    }
    const [a, b] = [median(oursTimes), median(theirsTimes)];
    report(s, `${label}: ours, whole process`, `${ms(a)} ms`);
    report(s, `${label}: dockerfile-utils validate() in one process`, `${ms(b)} ms`);
    report(s, `${label}: ours / validate()`, `${(a / b).toFixed(2)}×`, '≤ 1.00×', a <= b);
  };
  const dfFiles = fs.readdirSync(dfFolder).map((name) => path.join(dfFolder, name));
  sideBySide(`${cliCount} generated Dockerfiles`, [dfFolder], dfFiles);
  if (CORPUS) {
    const corpusFiles = filesUnder(CORPUS, isDockerfile);
    sideBySide(`the ${corpusFiles.length} Dockerfiles under ${path.basename(CORPUS)}`, corpusFiles, corpusFiles);
  }
  const speedup = rate(cliCount, composeRun) / rate(checkedByDclint, dclintRun);
  report(
    s,
    'ours / dclint files per second (compose)',
    `${speedup.toFixed(2)}×`,
    '> 1.00× (faster per file)',
    speedup > 1,
  );
}
fs.rmSync(composeFolder, { recursive: true, force: true });

// ---------------------------------------------------------------- 6c: the CLI with ShellCheck (issue 19)

// The real corpus, linted by the whole CLI process with ShellCheck and without, alternately; medians.
{
  const s = 'CLI with ShellCheck, whole process (node dist/cli.js lint <real corpus> --format json)';
  const corpus = path.resolve(root, '../shared/corpus');
  const shellcheckFound = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!fs.existsSync(corpus)) {
    report(s, `skipped: no corpus at ${corpus}`, '');
  } else if (!shellcheckFound) {
    report(s, 'skipped: no shellcheck on the PATH', '');
  } else {
    progress('CLI over the real corpus with ShellCheck on and off');
    const rounds = QUICK ? 1 : 3;
    const lintCorpus = (shellcheck) => {
      const t = now();
      const outcome = spawnSync(
        process.execPath,
        [CLI, 'lint', corpus, '--format', 'json', '--no-fail', ...(shellcheck ? [] : ['--no-shellcheck'])],
        { encoding: 'utf8', maxBuffer: 1 << 30 },
      );
      if (outcome.status !== 0) throw new Error(`the CLI exited ${outcome.status}: ${outcome.stderr}`);
      return now() - t;
    };
    lintCorpus(false); // warm the file cache
    const off = [];
    const on = [];
    for (let i = 0; i < rounds; i++) {
      off.push(lintCorpus(false));
      on.push(lintCorpus(true));
    }
    const files = discover([corpus], { language: null, ignore: [] }, []).length;
    const ratio = median(on) / median(off);
    report(s, `ShellCheck off (${files} files, median of ${rounds})`, `${ms(median(off))} ms`);
    report(s, `ShellCheck on (median of ${rounds})`, `${ms(median(on))} ms`);
    report(s, 'on / off', `${ratio.toFixed(2)}×`, '≤ 1.50×', ratio <= 1.5);
  }
}

console.log(
  `Docker Coach benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}${QUICK ? ' (--quick)' : ''}\n`,
);
printTable(results);
console.log(
  `\n[scaling by shape: 16× size / 1× time, target ≤ 18× ("!" marks a miss); 2 MiB documents, target < 5 s]\n${shapesTable}`,
);
const missed = results.filter((r) => r.verdict === 'miss').length;
console.log(
  `\n${results.filter((r) => r.verdict).length - missed} targets met, ${missed} missed (figures, not assertions: the exit code is 0 either way)`,
);
