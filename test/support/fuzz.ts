/**
 * Seeded fuzzing of the linter, shared by the CI test (`test/unit/fuzz.test.ts`)
 * and the long run (`npm run test:fuzz`, `scripts/fuzz.mjs`, which loads the
 * compiled `out/test/support/fuzz.js`). Inputs are the fixtures, mutated:
 * truncation, character flips, swapped and duplicated lines, odd tokens and
 * very long words. Every input must lint without an exception or a rule
 * crash, with findings inside the document, within a time bound; the safe
 * fixes of a sample are checked for soundness (`test/support/soundness.ts`).
 */
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';
import { discover, readText } from '../../server/src/cli/cli';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { randomSource } from './generateDockerfiles';
import { lint } from '../../server/src/engine/lint';
import {
  baselineOf,
  checkProposal,
  formatFailure,
  isAllowed,
  SoundnessInput,
  SoundnessLanguage,
  unreadable,
} from './soundness';

const ODD_TOKENS = [
  '\\',
  '\\\n',
  '<<EOF',
  '<<-EOF\n',
  '[',
  ']',
  '"',
  "'",
  '${',
  '$(',
  '`',
  '&&',
  '||',
  '\u0000',
  '\r',
  '\t',
  '#',
  '# escape=`\n',
  '--mount=',
  '=',
  ':',
  '&a ',
  '*a',
  '<<: ',
  '- ',
  '{',
  '}',
  '\n  ',
  'AS ',
  'FROM ',
  'RUN ',
  'ONBUILD ',
  '\ufeff',
  '\u00e9',
  '\ud83d\ude00',
];

export function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const at = () => Math.floor(next() * (text.length + 1));
  const rounds = 1 + Math.floor(next() * 3);
  for (let round = 0; round < rounds; round++) {
    const kind = Math.floor(next() * 6);
    if (kind === 0) {
      text = text.slice(0, at());
    } else if (kind === 1) {
      const i = at();
      const replacement = next() < 0.5 ? String.fromCharCode(Math.floor(next() * 128)) : pick(ODD_TOKENS).charAt(0);
      text = text.slice(0, i) + replacement + text.slice(i + 1);
    } else if (kind === 2 || kind === 3) {
      const lines = text.split('\n');
      const a = Math.floor(next() * lines.length);
      const b = Math.floor(next() * lines.length);
      if (kind === 2) [lines[a], lines[b]] = [lines[b], lines[a]];
      else lines.splice(b, 0, lines[a]);
      text = lines.join('\n');
    } else if (kind === 4) {
      const i = at();
      text = text.slice(0, i) + pick(ODD_TOKENS) + text.slice(i);
    } else {
      const i = at();
      text =
        text.slice(0, i) + pick(['a', 'x/', '$', '-', 'é']).repeat(1000 + Math.floor(next() * 20000)) + text.slice(i);
    }
  }
  return text;
}

export function fixtureInputs(root: string): SoundnessInput[] {
  const errors: string[] = [];
  const files = discover([path.join(root, 'test/fixtures')], null, errors);
  return files
    .filter(({ language }) => language === 'dockerfile' || language === 'dockercompose')
    .map(({ file, language }) => ({
      name: path.relative(root, file),
      text: readText(file),
      language: language as SoundnessLanguage,
    }));
}

export interface FuzzReport {
  inputs: number;
  soundnessChecked: number;
  safeFixesChecked: number;
  problems: string[];
  slowest: { name: string; ms: number; length: number };
  totalMs: number;
}

function inside(document: TextDocument, range: Range): boolean {
  const ok = (p: Range['start']) =>
    p.line >= 0 &&
    p.character >= 0 &&
    p.line < document.lineCount &&
    JSON.stringify(document.positionAt(document.offsetAt(p))) === JSON.stringify(p);
  return ok(range.start) && ok(range.end) && document.offsetAt(range.start) <= document.offsetAt(range.end);
}

/** Fuzzes `count` inputs from `seed`; every `soundnessEvery`-th input also gets its safe fixes checked. */
export function fuzz(
  root: string,
  options: { count: number; seed: number; timeLimitMs: number; soundnessEvery: number },
): FuzzReport {
  const next = randomSource(options.seed);
  const sources = fixtureInputs(root);
  const report: FuzzReport = {
    inputs: 0,
    soundnessChecked: 0,
    safeFixesChecked: 0,
    problems: [],
    slowest: { name: '', ms: 0, length: 0 },
    totalMs: 0,
  };
  const started = Date.now();
  for (let i = 0; i < options.count && report.problems.length < 20; i++) {
    const source = sources[Math.floor(next() * sources.length)];
    const text = mutate(source.text, next);
    const name = `${source.name} #${i} (seed ${options.seed})`;
    report.inputs++;
    const document = TextDocument.create(
      'file:///fuzz/' + (source.language === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'),
      source.language,
      1,
      text,
    );
    const t = Date.now();
    let result;
    try {
      result = lint(document, DEFAULT_SETTINGS);
    } catch (error) {
      report.problems.push(
        `${name}: lint threw ${(error as Error)?.stack ?? String(error)}\n${JSON.stringify(text.slice(0, 2000))}`,
      );
      continue;
    }
    const ms = Date.now() - t;
    if (ms > report.slowest.ms) report.slowest = { name, ms, length: text.length };
    if (ms > options.timeLimitMs) report.problems.push(`${name}: took ${ms} ms (limit ${options.timeLimitMs} ms)`);
    for (const e of result.ruleErrors)
      report.problems.push(`${name}: rule ${e.ruleId} threw ${e.error}\n${JSON.stringify(text.slice(0, 2000))}`);
    for (const f of result.findings)
      if (!inside(document, f.range))
        report.problems.push(`${name}: ${f.rule.id} range ${JSON.stringify(f.range)} is outside the document`);
    for (const n of result.notices)
      if (!inside(document, n.range))
        report.problems.push(`${name}: notice range ${JSON.stringify(n.range)} is outside the document`);
    if (i % options.soundnessEvery !== 0) continue;
    const input: SoundnessInput = { name, text, language: source.language };
    try {
      const baseline = baselineOf(input);
      // A document that does not parse (YAML errors, binary) has no meaning a fix could keep: skip it.
      if (unreadable(baseline.result).length > 0) continue;
      report.soundnessChecked++;
      for (const finding of baseline.result.findings) {
        for (const proposal of finding.fixes?.() ?? []) {
          if (!proposal.safe) continue;
          report.safeFixesChecked++;
          for (const failure of checkProposal(baseline, finding, proposal)) {
            if (!isAllowed(failure)) report.problems.push(formatFailure(failure, true));
          }
        }
      }
    } catch (error) {
      report.problems.push(`${name}: checking fixes threw ${(error as Error)?.stack ?? String(error)}`);
    }
  }
  report.totalMs = Date.now() - started;
  return report;
}
