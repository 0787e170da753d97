#!/usr/bin/env node
/**
 * The long fuzz run: `npm run test:fuzz -- --count 50000 --seed 7`.
 * Loads the compiled helpers (`npm run compile` first; the npm script does it).
 */
import { createRequire } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { fuzz } = require(path.join(root, 'out/test/support/fuzz.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const count = option('--count', 20000);
const seed = option('--seed', Date.now() % 100000);
const report = fuzz(root, {
  count,
  seed,
  timeLimitMs: option('--time-limit', 2000),
  soundnessEvery: option('--soundness-every', 10),
});
console.log(
  `fuzz: seed ${seed}, ${report.inputs} inputs in ${(report.totalMs / 1000).toFixed(1)} s; safe fixes of ${report.soundnessChecked} inputs checked (${report.safeFixesChecked} fixes); slowest ${report.slowest.ms} ms (${report.slowest.name}, ${report.slowest.length} chars)`,
);
for (const problem of report.problems) console.log(`\n${problem}`);
process.exitCode = report.problems.length ? 1 : 0;
