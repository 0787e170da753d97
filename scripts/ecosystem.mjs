// The ecosystem check: lints real projects as the CLI does and prints, per rule and
// severity, how many findings there are, how findings spread over files, and the
// difference against the committed baseline (counts only, never third-party text).
//   npm run ecosystem -- [folders…] [--preset NAME] [--show RULE] [--write-baseline]
// Default folder: ../shared/corpus. Needs the compiled sources in out/.
//   --show RULE        also print each finding of RULE (file:line:col severity rule: message), for reading
//   --write-baseline   store this run's counts as the baseline (only for the default folder)
//   --baseline FILE    compare against FILE (default test/ecosystem-baseline.json)
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = (file) => require(path.join(root, 'out/server/src', file));
const { discover, lintFile } = out('cli/cli.js');
const { ProjectFiles } = out('engine/projectFiles.js');
const { RULES } = out('rules/registry.js');
const PRESETS = out('protocol.js').PRESETS ?? [];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    preset: { type: 'string' },
    show: { type: 'string', multiple: true, default: [] },
    'write-baseline': { type: 'boolean', default: false },
    baseline: { type: 'string', default: path.join(root, 'test/ecosystem-baseline.json') },
  },
});
const defaultFolder = path.resolve(root, '../shared/corpus');
const folders = (positionals.length ? positionals : [defaultFolder]).map((f) => path.resolve(f));
if (values['write-baseline'] && (folders.length !== 1 || folders[0] !== defaultFolder)) {
  console.error('--write-baseline stores counts of the default corpus only');
  process.exit(2);
}
if (values.preset !== undefined && !PRESETS.includes(values.preset)) {
  console.error(`unknown preset "${values.preset}" (use ${PRESETS.join(', ')})`);
  process.exit(2);
}
const preset = values.preset ?? null;

const LANGUAGES = { dockerfile: 'Dockerfile', dockercompose: 'compose', dockerignore: '.dockerignore' };
const SERIOUS = new Set(['error', 'warning']);
const SEVERITIES = ['error', 'warning', 'info', 'hint'];

const errors = [];
const inputs = discover(folders, { language: null, ignore: [] }, errors);
for (const message of errors) console.error(message);
if (inputs.length === 0) process.exit(2);

const files = new ProjectFiles();
/** rule id → severity → { count, files } */
const counts = new Map();
/** language → per-file counts of all findings and of warnings and errors */
const perFile = new Map(Object.keys(LANGUAGES).map((l) => [l, []]));
const crowded = [];
const shown = [];
let notices = 0;
let failures = 0;
for (const input of inputs) {
  let report;
  try {
    report = lintFile(input, files, null, null, 'none', preset);
  } catch (e) {
    failures++;
    console.error(`${path.relative(process.cwd(), input.file)}: ${e.message}`);
    continue;
  }
  let serious = 0;
  let all = 0;
  for (const d of report.diagnostics) {
    if (d.kind !== 'rule') {
      notices++;
      continue;
    }
    all++;
    if (SERIOUS.has(d.severity)) serious++;
    const bySeverity = counts.get(d.rule) ?? new Map();
    counts.set(d.rule, bySeverity);
    const entry = bySeverity.get(d.severity) ?? { count: 0, files: new Set() };
    bySeverity.set(d.severity, entry);
    entry.count++;
    entry.files.add(input.file);
    if (values.show.includes(d.rule)) {
      shown.push(
        `${path.relative(process.cwd(), input.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.rule}: ${d.message}`,
      );
    }
  }
  perFile.get(input.language).push({ serious, all });
  if (serious > 20) crowded.push([path.relative(process.cwd(), input.file), serious]);
}

function stats(numbers) {
  if (numbers.length === 0) return { files: 0, mean: 0, median: 0, p95: 0, max: 0 };
  const sorted = [...numbers].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (n) => Math.round(n * 100) / 100;
  return {
    files: sorted.length,
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    median: at(0.5),
    p95: at(0.95),
    max: sorted[sorted.length - 1],
  };
}

// What this run measured, in the baseline's shape: counts only.
const current = {
  preset: preset ?? 'default',
  files: Object.fromEntries(Object.keys(LANGUAGES).map((l) => [l, perFile.get(l).length])),
  rules: {},
  perFile: {},
};
for (const rule of [...RULES].sort((a, b) => a.id.localeCompare(b.id))) {
  const bySeverity = counts.get(rule.id);
  if (!bySeverity) continue;
  current.rules[rule.id] = Object.fromEntries(
    SEVERITIES.filter((s) => bySeverity.has(s)).map((s) => [s, bySeverity.get(s).count]),
  );
}
for (const language of Object.keys(LANGUAGES)) {
  const rows = perFile.get(language);
  current.perFile[language] = {
    warningsAndErrors: stats(rows.map((r) => r.serious)),
    all: stats(rows.map((r) => r.all)),
  };
}

let baseline = null;
if (
  !values['write-baseline'] &&
  folders.length === 1 &&
  folders[0] === defaultFolder &&
  fs.existsSync(values.baseline)
) {
  baseline = JSON.parse(fs.readFileSync(values.baseline, 'utf8'));
  if (baseline.preset !== current.preset) {
    console.log(`(the baseline was measured with preset ${baseline.preset}; this run uses ${current.preset})\n`);
  }
}

// Per rule and severity, most findings first.
const rows = [];
for (const [rule, bySeverity] of counts) {
  for (const [severity, entry] of bySeverity)
    rows.push([rule, severity, entry.count, entry.files.size, baseline?.rules[rule]?.[severity] ?? 0]);
}
if (baseline) {
  for (const [rule, bySeverity] of Object.entries(baseline.rules)) {
    for (const [severity, count] of Object.entries(bySeverity)) {
      if (!counts.get(rule)?.has(severity)) rows.push([rule, severity, 0, 0, count]);
    }
  }
}
rows.sort((a, b) => b[2] - a[2] || b[4] - a[4] || a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
const header = baseline
  ? ['rule', 'severity', 'findings', 'files', 'baseline', 'change']
  : ['rule', 'severity', 'findings', 'files'];
const table = rows.map((r) => {
  const cells = r.slice(0, 4);
  if (!baseline) return cells;
  const change = r[2] - r[4];
  return [...cells, r[4], change === 0 ? '' : change > 0 ? `+${change}` : String(change)];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
const line = (cells) =>
  cells
    .map((c, i) => (i >= 2 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
    .join('  ')
    .trimEnd();
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));

const silent = RULES.filter((r) => !counts.has(r.id)).map((r) => r.id);
console.log(`\nRules with no finding (${silent.length} of ${RULES.length}): ${silent.join(', ')}`);

// Findings per file, by language.
const COLUMNS = ['files', 'mean', 'median', 'p95', 'max'];
console.log(`\n${'Findings per file'.padEnd(32)}${COLUMNS.map((c) => c.padStart(14)).join('')}`);
let differs = false;
const statLine = (label, now, before) => {
  const cell = (key, width) => {
    const text = String(now[key]);
    const was = before?.[key];
    if (was !== undefined && was !== now[key]) differs = true;
    return (was === undefined || was === now[key] ? text : `${text} (${was})`).padStart(width);
  };
  console.log(`${label.padEnd(32)}${COLUMNS.map((c) => cell(c, 14)).join('')}`);
};
for (const [language, label] of Object.entries(LANGUAGES)) {
  if (perFile.get(language).length === 0) continue;
  statLine(
    `${label}, warnings+errors`,
    current.perFile[language].warningsAndErrors,
    baseline?.perFile[language]?.warningsAndErrors,
  );
  statLine(`${label}, all`, current.perFile[language].all, baseline?.perFile[language]?.all);
}
if (differs) console.log('(baseline figures in brackets)');

// Spread: the share of the largest rules in warning and error output.
const seriousByRule = [...counts].map(([rule, bySeverity]) => [
  rule,
  SEVERITIES.filter((s) => SERIOUS.has(s)).reduce((sum, s) => sum + (bySeverity.get(s)?.count ?? 0), 0),
]);
const seriousTotal = seriousByRule.reduce((sum, [, n]) => sum + n, 0);
seriousByRule.sort((a, b) => b[1] - a[1]);
console.log(
  `\nWarnings and errors: ${seriousTotal}; largest shares: ${seriousByRule
    .slice(0, 5)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => `${rule} ${((100 * n) / seriousTotal).toFixed(1)}%`)
    .join(', ')}`,
);

crowded.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(`\nFiles with more than 20 warnings and errors: ${crowded.length}`);
for (const [file, n] of crowded) console.log(`  ${String(n).padStart(4)}  ${file}`);

const total = [...counts.values()].reduce((sum, m) => sum + [...m.values()].reduce((s, e) => s + e.count, 0), 0);
console.log(
  `\n${inputs.length} files, ${total} findings, ${notices} notices, ${failures} files that could not be linted`,
);

if (shown.length) console.log(`\n${shown.join('\n')}`);

if (values['write-baseline']) {
  fs.writeFileSync(values.baseline, JSON.stringify(current, null, 2) + '\n');
  console.log(`\nBaseline written to ${path.relative(process.cwd(), values.baseline)}`);
}
if (failures || errors.length) process.exitCode = 2;
