// Prints how often each rule fires over a folder of Dockerfiles and compose files
// (default test/fixtures/corpus), as a table sorted by hits. Rules that never fire
// are listed too, so gaps in the corpus show. Needs the compiled sources in out/.
//   node scripts/rule-hits.mjs [folder]
import * as path from 'path';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { discover, readText } = require(path.join(root, 'out/server/src/cli/cli.js'));
const { lint } = require(path.join(root, 'out/server/src/service/lint.js'));
const { DEFAULT_SETTINGS } = require(path.join(root, 'out/server/src/protocol.js'));
const { RULES } = require(path.join(root, 'out/server/src/rules/registry.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');
const { pathToFileURL } = require('url');

const folder = path.resolve(process.argv[2] ?? path.join(root, 'test/fixtures/corpus'));
const errors = [];
const inputs = discover([folder], null, errors);
for (const message of errors) console.error(message);
if (inputs.length === 0) process.exit(2);

const hits = new Map(RULES.map((rule) => [rule.id, { hits: 0, files: new Set() }]));
let notices = 0;
for (const { file, language } of inputs) {
  const document = TextDocument.create(pathToFileURL(file).toString(), language, 1, readText(file));
  const result = lint(document, DEFAULT_SETTINGS);
  notices += result.notices.length;
  for (const notice of result.notices) console.error(`${path.relative(folder, file)}: ${notice.message}`);
  for (const finding of result.findings) {
    const entry = hits.get(finding.rule.id);
    entry.hits++;
    entry.files.add(file);
  }
}

const rows = RULES.map((rule) => [rule.id, rule.defaultSeverity, hits.get(rule.id).hits, hits.get(rule.id).files.size]);
rows.sort((a, b) => b[2] - a[2] || a[0].localeCompare(b[0]));
const header = ['rule', 'severity', 'hits', 'files'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
const total = rows.reduce((sum, r) => sum + r[2], 0);
const silent = rows.filter((r) => r[2] === 0).length;
console.log(`\n${inputs.length} files, ${total} findings, ${silent} of ${rows.length} rules never fired, ${notices} notices`);
if (errors.length) process.exitCode = 2;
