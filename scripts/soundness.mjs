// The long soundness run: generates a realistic Dockerfile corpus (deterministic
// for a seed), or reads the Dockerfiles and compose files of a folder (--corpus),
// and runs the fix soundness checks of the unit suite on every file: each fix
// proposal of each finding applied and checked, then fix-all; the RUN scripts a
// fix changes are judged by the real shells (bash -n, sh -n). Prints a summary
// table and, for each kind of failure, a minimal repro; exits 1 on any failure.
// Needs the compiled sources in out/ (npm run test:soundness compiles).
//   node scripts/soundness.mjs [--count N] [--seed S] [--write DIR] [--corpus DIR [--variants]] [--preset P]
//   --preset recommended|strict|all: the rules that run (default: each input's own settings)
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const soundness = require(path.join(root, 'out/test/support/soundness.js'));
const { generateCorpus } = require(path.join(root, 'out/test/support/generateDockerfiles.js'));
const { RULES } = require(path.join(root, 'out/server/src/rules/registry.js'));
const { discover, readText } = require(path.join(root, 'out/server/src/cli/cli.js'));

function usage(message) {
  if (message) console.error(message);
  console.error(
    'usage: node scripts/soundness.mjs [--count N] [--seed S] [--write DIR] [--corpus DIR [--variants]] [--preset P]',
  );
  process.exit(2);
}

const options = { count: 2000, seed: 1, write: null, corpus: null, variants: false, preset: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split('=', 2);
  const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
  if (flag === '--count') options.count = Number(value());
  else if (flag === '--seed') options.seed = Number(value());
  else if (flag === '--write') options.write = value();
  else if (flag === '--corpus') options.corpus = value();
  else if (flag === '--variants') options.variants = true;
  else if (flag === '--preset') options.preset = value();
  else if (flag === '--help' || flag === '-h') usage();
  else usage(`unknown option ${argv[i]}`);
}
if (!Number.isInteger(options.count) || options.count < 1) usage('--count must be a positive integer');
if (!Number.isInteger(options.seed)) usage('--seed must be an integer');
if (options.preset !== null && !['recommended', 'strict', 'all'].includes(options.preset))
  usage('--preset must be recommended, strict or all');

const started = process.hrtime.bigint();
/** The Dockerfiles and compose files of a folder, as the CLI finds them. */
function corpusInputs(folder) {
  const errors = [];
  const files = discover([folder], { language: null, gitignore: false }, errors);
  for (const error of errors) console.error(error);
  return files
    .filter(({ language }) => language === 'dockerfile' || language === 'dockercompose')
    .map(({ file, language }) => ({ name: path.relative(folder, file), text: readText(file), language }))
    .flatMap((input) => (options.variants ? [input, ...soundness.variantsOf(input)] : [input]));
}
const inputs = (options.corpus ? corpusInputs(options.corpus) : generateCorpus(options.count, options.seed)).map(
  (input) => (options.preset ? { ...input, settings: { ...input.settings, preset: options.preset } } : input),
);
const generatedMs = Number(process.hrtime.bigint() - started) / 1e6;
if (options.write) {
  fs.mkdirSync(options.write, { recursive: true });
  inputs.forEach((input, i) =>
    fs.writeFileSync(path.join(options.write, `${String(i + 1).padStart(5, '0')}.Dockerfile`), input.text),
  );
}

const stats = soundness.newStats();
const failures = [];
for (const input of inputs) {
  const outcome = soundness.checkInput(input, stats);
  for (const failure of outcome.failures) failures.push({ failure, input });
}
const checkedMs = Number(process.hrtime.bigint() - started) / 1e6 - generatedMs;

// ---- the table
const rows = [];
const row = (label, value) => rows.push([label, String(value)]);
const shapes = (tag) => inputs.filter((i) => i.name.includes(tag)).length;
row(
  'files',
  options.corpus
    ? `${inputs.length} from ${options.corpus}`
    : `${inputs.length} (seed ${options.seed}; ${shapes('crlf')} CRLF, ${shapes('tabs')} tab-indented, ${shapes('backtick')} backtick escape)`,
);
row(
  'lines',
  inputs.reduce((n, i) => n + i.text.split('\n').length, 0),
);
row('findings', stats.findings);
row(
  'fixes tried',
  `${stats.fixesTried} (${stats.safeFixesTried} safe, ${stats.fixesTried - stats.safeFixesTried} unsafe) from ${stats.fixesByRule.size} rules`,
);
row('fix-all runs', stats.fixAllRuns);
const histogram = [...stats.passes.entries()].sort((a, b) => a[0] - b[0]);
row('fix-all passes', histogram.map(([passes, n]) => `${passes}: ${n}`).join(', '));
const byKind = [...stats.failuresByKind.entries()].sort((a, b) => b[1] - a[1]);
row('failures', byKind.length ? byKind.map(([kind, n]) => `${kind}: ${n}`).join(', ') : '0');
const shells = stats.shells;
row(
  'real shells',
  `${shells.fixes} fixes changed RUN scripts; ${shells.scripts.bash} scripts judged by bash -n, ${shells.scripts.sh} by sh -n`,
);
row(
  'rejected as written',
  `${shells.inputRejected} of the ${shells.inputScripts} RUN scripts of the inputs; ${shells.rejectedBeforeFix} scripts a fix replaced`,
);
for (const [allowance, n] of stats.allowed)
  row('allowed', `${n} × ${allowance.rule} ${allowance.kind}${allowance.newRule ? ` (${allowance.newRule})` : ''}`);
row(
  'time',
  `${((generatedMs + checkedMs) / 1000).toFixed(1)} s (generating ${(generatedMs / 1000).toFixed(1)} s, checking ${(checkedMs / 1000).toFixed(1)} s, ${(checkedMs / inputs.length).toFixed(1)} ms per file)`,
);
const width = Math.max(...rows.map((r) => r[0].length));
if (shells.missing.size)
  console.log(
    `notice: ${[...shells.missing].join(', ')} not installed: the RUN scripts of that shell were not judged\n`,
  );
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);

console.log('\nfixes tried per rule:');
const perRule = [...stats.fixesByRule.entries()].sort((a, b) => b[1] - a[1]);
console.log(perRule.map(([id, n]) => `  ${id} ${n}`).join('\n'));
const untried = RULES.filter((r) => r.fix !== 'none' && !stats.fixesByRule.has(r.id)).map((r) => r.id);
if (untried.length) console.log(`rules with a fix the corpus never exercised: ${untried.join(', ')}`);

// ---- failures: one minimal repro per kind of failure
if (failures.length) {
  const groups = new Map();
  for (const entry of failures) {
    const f = entry.failure;
    const key = `${f.kind} ${f.rule} ${f.newRule ?? ''}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(entry);
  }
  console.log(`\n${failures.length} failures in ${groups.size} groups (kind, rule):`);
  let shown = 0;
  for (const [, entries] of groups) {
    const { failure, input } = entries[0];
    const files = new Set(entries.map((e) => e.input.name)).size;
    console.log(
      `\n=== ${failure.kind}: rule ${failure.rule || '(fix-all)'}, fix "${failure.fix}": ${entries.length} times in ${files} files`,
    );
    if (shown++ < 25) {
      const minimal = soundness.minimizeRepro(input, failure);
      console.log(soundness.formatFailure(minimal.failure, true));
    } else {
      console.log(soundness.formatFailure(failure, false));
    }
  }
  process.exitCode = 1;
} else {
  console.log('\nno failures');
}
