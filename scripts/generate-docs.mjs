// Regenerates docs/rules/*.md and the README rule table from rule metadata
// (needs the compiled sources in out/: run after `tsc -b`).
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { allRulePages, withRuleTable } = require(path.join(root, 'out/server/src/docs/ruleDocs.js'));

const dir = path.join(root, 'docs/rules');
fs.mkdirSync(dir, { recursive: true });
const pages = allRulePages();
for (const file of fs.readdirSync(dir)) if (file.endsWith('.md') && !pages.has(file)) fs.rmSync(path.join(dir, file));
for (const [file, text] of pages) fs.writeFileSync(path.join(dir, file), text);
const readmePath = path.join(root, 'README.md');
fs.writeFileSync(readmePath, withRuleTable(fs.readFileSync(readmePath, 'utf8')));
console.log(`wrote ${pages.size} rule pages and the README rule table`);
