/**
 * The soundness checks for fixes, shared by the unit suite
 * (`test/unit/soundness.test.ts`) and the long run (`scripts/soundness.mjs`,
 * which loads the compiled `out/test/support/soundness.js`).
 *
 * For one input, every fix proposal of every finding is applied on its own
 * and the result is checked (parse, own finding gone, no new finding, line
 * endings, directives and comments, bytes outside the edits, edits that do not
 * overlap); then fix-all is run and its result checked (clean, converged,
 * idempotent). Failures are data, so the callers decide how to report them.
 */
import { Instruction } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { DEFAULT_SETTINGS, DockerCoachSettings } from '../../server/src/protocol';
import { fixAllText, MAX_FIX_PASSES } from '../../server/src/engine/fixes';
import { lint, LintEnvironment, LintResult, RuleFinding } from '../../server/src/engine/lint';
import { FixProposal } from '../../server/src/rules/types';
import { applyProposal } from './lint';
import { changedScripts, prefetch, RealShell, RunScript, runScriptsOf, shellAvailable, verdictOf } from './realShells';

export type SoundnessLanguage = 'dockerfile' | 'dockercompose' | 'dockerignore';

export interface SoundnessInput {
  /** Where it comes from, e.g. `messy-rpm.Dockerfile [crlf]`. */
  name: string;
  text: string;
  language: SoundnessLanguage;
  settings?: Partial<DockerCoachSettings>;
  environment?: LintEnvironment;
}

/** What went wrong, one kind per check. */
export type FailureKind =
  | 'crash' // a rule, its fixes() or the linter threw
  | 'no-op' // the proposal has no edits or changes nothing
  | 'invalid-edit' // a position outside the document or its line, or inside a CRLF
  | 'overlap' // (g) two edits of one proposal overlap (share characters, or an insertion inside a replacement)
  | 'outside-edits' // (f) the text outside the edit ranges changed
  | 'notice' // (a) the result gets a lint notice
  | 'shell-parse' // (a) a RUN whose shell parse succeeded now fails
  | 'real-shell' // (a) the real shell (bash -n, sh -n) rejects a RUN script the fix wrote, and accepted the one it replaced
  | 'instructions' // (a) an instruction the edits did not touch is gone or changed
  | 'not-fixed' // (b) the finding's rule has as many findings as before
  | 'new-finding' // (c) some rule has more findings than before
  | 'line-endings' // (d) CRLF input got a lone LF, or LF input got a CR
  | 'directives' // (e) a parser directive line (escape, syntax, check) is gone
  | 'comments' // (e) a comment line is gone
  | 'fix-all-notice'
  | 'fix-all-shell-parse'
  | 'fix-all-real-shell'
  | 'fix-all-leftover' // a finding with a safe fix is left after fix-all
  | 'fix-all-not-idempotent' // fix-all on its own result changes it again
  | 'fix-all-passes' // fix-all needed the maximum number of passes
  | 'fix-all-line-endings'
  | 'fix-all-directives';

export interface Failure {
  kind: FailureKind;
  /** The rule whose fix failed ('' for fix-all failures not tied to a rule). */
  rule: string;
  /** The fix proposal's title, or 'fix-all'. */
  fix: string;
  /** For 'new-finding': the rule that appeared. */
  newRule?: string;
  detail: string;
  input: string;
  /** The input text (the repro). */
  text: string;
  /** The text after the fix, when there is one. */
  result?: string;
  /** For 'real-shell': the RUN scripts before and after the fix, with the shell's verdicts. */
  scripts?: string;
}

/**
 * An accepted exception: a failure that a rule documents (a fix that must
 * remove a comment, or leaves a finding of another rule on purpose), or a
 * known bug not fixed yet (reason starting "BUG:"). Keep the list short and
 * every entry explained.
 */
export interface Allowance {
  rule: string;
  kind: FailureKind;
  /** For 'new-finding': which rule may appear. */
  newRule?: string;
  /** Only proposals whose title contains this. */
  fixTitle?: string;
  reason: string;
  /** A Dockerfile that shows the case: the suite checks that it still needs the entry. */
  example: string;
  /** Settings for the example (for rules that are off by default). */
  settings?: Partial<DockerCoachSettings>;
}

/** The allow-list. */
export const ALLOWANCES: readonly Allowance[] = [
  {
    rule: 'dependencies-before-source',
    kind: 'new-finding',
    newRule: 'copy-relative-without-workdir',
    reason:
      'The fix splits `COPY . .` into a COPY of the manifests and the original COPY, both to the same destination. When that ' +
      'destination is relative and no WORKDIR is set, the rule now sees two COPYs: the same problem, written twice.',
    example:
      'FROM ubuntu:24.04\nCOPY . .\nRUN python3 -m pip install -r requirements.txt --no-cache-dir\nUSER nobody\n',
  },
  {
    rule: 'inline-ignore-pragma',
    kind: 'comments',
    reason:
      'Deleting the ignore comment is the whole point of this fix (the rule, off by default, asks for no inline pragmas).',
    example: 'FROM alpine:3.20\n# docker-coach ignore=no-cd-in-run\nRUN ls && cd /tmp\nUSER nobody\n',
    settings: { rules: { 'inline-ignore-pragma': 'info' } },
  },
  {
    rule: 'inline-ignore-pragma',
    kind: 'new-finding',
    newRule: 'no-cd-in-run',
    reason:
      'Deleting an ignore comment brings back what it silenced; the fix title says so. The problem was there all along.',
    example: 'FROM alpine:3.20\n# docker-coach ignore=no-cd-in-run\nRUN ls && cd /tmp\nUSER nobody\n',
    settings: { rules: { 'inline-ignore-pragma': 'info' } },
  },
  {
    rule: 'copy-not-add',
    kind: 'new-finding',
    newRule: 'copy-relative-without-workdir',
    reason:
      'Turning `ADD x rel/` into `COPY x rel/` can surface copy-relative-without-workdir: the relative destination was already there, ' +
      'but that rule (like hadolint DL3045) only looks at COPY. The fix adds no problem; it makes an existing one visible.',
    example: 'FROM alpine:3.20\nADD config.json app/\nUSER nobody\n',
  },
  {
    rule: 'multiple-instructions',
    kind: 'new-finding',
    newRule: 'merge-run-layers',
    reason:
      'Removing an overridden CMD or ENTRYPOINT that sits between two RUNs makes them consecutive: the same two layers as before, now reported.',
    example: 'FROM alpine:3.20\nRUN echo one\nCMD ["a"]\nRUN echo two\nUSER nobody\nCMD ["b"]\n',
  },
  {
    rule: 'non-root-user',
    kind: 'new-finding',
    newRule: 'merge-run-layers',
    fixTitle: 'Create a non-root user',
    reason:
      'The fix creates the user in the RUN right before when it can; when that RUN cannot be extended safely (a trailing comment, ' +
      'a heredoc, a cd or export), the user is created in a RUN of its own, which merge-run-layers reports. The unsafe fix is reviewed anyway.',
    example: 'FROM debian:12-slim\nRUN echo hi # note\nCMD ["app"]\n',
  },
];

/** What makes a lint result unreadable: notices (binary, a rule that threw) and YAML the parser could not read. */
export function unreadable(result: LintResult): string[] {
  return [
    ...result.notices.map((n) => n.message),
    ...result.findings.filter((f) => f.rule.id === 'compose-yaml-syntax').map((f) => f.message),
  ];
}

/** The problems of `after` that `before` did not have (a YAML rule's own documented example is unreadable already). */
function newlyUnreadable(before: LintResult, after: LintResult): string[] {
  const left = new Map<string, number>();
  for (const message of unreadable(before)) left.set(message, (left.get(message) ?? 0) + 1);
  return unreadable(after).filter((message) => {
    const count = left.get(message) ?? 0;
    if (count > 0) left.set(message, count - 1);
    return count === 0;
  });
}

export function isAllowed(failure: Failure, allowances: readonly Allowance[] = ALLOWANCES): Allowance | undefined {
  return allowances.find(
    (a) =>
      a.rule === failure.rule &&
      a.kind === failure.kind &&
      (a.newRule === undefined || a.newRule === failure.newRule) &&
      (a.fixTitle === undefined || failure.fix.includes(a.fixTitle)),
  );
}

export interface SoundnessStats {
  inputs: number;
  findings: number;
  /** Fix proposals applied and checked, safe and unsafe. */
  fixesTried: number;
  safeFixesTried: number;
  fixAllRuns: number;
  /** Fix-all runs by number of passes that applied edits. */
  passes: Map<number, number>;
  /** Fix proposals tried, per rule. */
  fixesByRule: Map<string, number>;
  failuresByKind: Map<FailureKind, number>;
  /** Failures the allow-list accepted, per allowance. */
  allowed: Map<Allowance, number>;
  /** The real-shell check (bash -n, sh -n) of the RUN scripts fixes change. */
  shells: ShellStats;
}

export interface ShellStats {
  /** Fixes (single proposals and fix-all runs) that changed at least one RUN script. */
  fixes: number;
  /** RUN scripts judged for those fixes (before and after), per shell. */
  scripts: Record<RealShell, number>;
  /** RUN scripts of the inputs, as they are, that the shell rejects. */
  inputRejected: number;
  /** RUN scripts of the inputs, as they are, judged. */
  inputScripts: number;
  /** Scripts a fix replaced that the shell rejected already (not failures). */
  rejectedBeforeFix: number;
  /** Shells not installed here: their scripts are not judged. */
  missing: Set<RealShell>;
}

export function newStats(): SoundnessStats {
  return {
    inputs: 0,
    findings: 0,
    fixesTried: 0,
    safeFixesTried: 0,
    fixAllRuns: 0,
    passes: new Map(),
    fixesByRule: new Map(),
    failuresByKind: new Map(),
    allowed: new Map(),
    shells: {
      fixes: 0,
      scripts: { bash: 0, sh: 0 },
      inputRejected: 0,
      inputScripts: 0,
      rejectedBeforeFix: 0,
      missing: new Set(),
    },
  };
}

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function summaryLine(stats: SoundnessStats): string {
  const failures = [...stats.failuresByKind.values()].reduce((a, b) => a + b, 0);
  const allowed = [...stats.allowed.values()].reduce((a, b) => a + b, 0);
  const passes = [...stats.passes.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([p, n]) => `${p}:${n}`)
    .join(' ');
  return (
    `soundness: ${stats.inputs} inputs, ${stats.findings} findings, ${stats.fixesTried} fixes applied (${stats.safeFixesTried} safe) ` +
    `from ${stats.fixesByRule.size} rules, ${stats.fixAllRuns} fix-all runs (passes ${passes}), ${failures} failures, ${allowed} allowed; ` +
    shellSummary(stats.shells)
  );
}

/** The real-shell figures in one line, with a notice for shells that are not installed. */
export function shellSummary(shells: ShellStats): string {
  const missing = shells.missing.size ? ` (not installed, not checked: ${[...shells.missing].join(', ')})` : '';
  return (
    `real shells: ${shells.fixes} fixes changed RUN scripts, ${shells.scripts.bash} scripts judged by bash -n and ${shells.scripts.sh} by sh -n; ` +
    `the inputs' own RUN scripts: ${shells.inputRejected} of ${shells.inputScripts} rejected; ${shells.rejectedBeforeFix} rejected already before a fix${missing}`
  );
}

// ---------------------------------------------------------------------------
// Linting

let counter = 0;
const FILE_NAMES: Record<SoundnessLanguage, string> = {
  dockerfile: 'Dockerfile',
  dockercompose: 'compose.yaml',
  dockerignore: '.dockerignore',
};

function documentOf(input: SoundnessInput, text: string): TextDocument {
  counter++;
  return TextDocument.create(`file:///soundness/${counter}/${FILE_NAMES[input.language]}`, input.language, 1, text);
}

function settingsOf(input: SoundnessInput): DockerCoachSettings {
  return { ...DEFAULT_SETTINGS, ...input.settings };
}

function lintInput(input: SoundnessInput, text: string): LintResult {
  return lint(documentOf(input, text), settingsOf(input), undefined, input.environment ?? {});
}

function countByRule(result: LintResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of result.findings) bump(counts, f.rule.id);
  return counts;
}

// ---------------------------------------------------------------------------
// Text: lines, line endings, edits

/** Line start offsets, with \r\n, \r and \n as line breaks (as LSP documents count them). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

type LineEndings = 'crlf' | 'lf' | 'mixed' | 'none';

export function lineEndingsOf(text: string): LineEndings {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r/g) ?? []).length - crlf;
  if (crlf === 0 && lf === 0 && cr === 0) return 'none';
  if (cr === 0 && lf === 0) return 'crlf';
  if (cr === 0 && crlf === 0) return 'lf';
  return 'mixed';
}

/** Why `result` breaks the line endings of `original`, or null. */
function lineEndingProblem(original: string, result: string): string | null {
  const kind = lineEndingsOf(original);
  if (kind === 'crlf' && /(^|[^\r])\n/.test(result)) return 'a CRLF document got a lone LF';
  if (kind === 'crlf' && /\r(?!\n)/.test(result)) return 'a CRLF document got a lone CR';
  if ((kind === 'lf' || kind === 'none') && result.includes('\r')) return 'an LF document got a CR';
  return null;
}

interface Span {
  start: number;
  end: number;
  text: string;
}

/** The offset of a position, or an error when the position is not inside the document's text. */
function strictOffset(text: string, starts: number[], position: Position): number | string {
  const { line, character } = position;
  if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0)
    return `bad position ${JSON.stringify(position)}`;
  if (line >= starts.length) return `line ${line} is past the end of the document (${starts.length} lines)`;
  const next = line + 1 < starts.length ? starts[line + 1] : text.length;
  let contentEnd = next;
  if (contentEnd > starts[line] && text[contentEnd - 1] === '\n') contentEnd--;
  if (contentEnd > starts[line] && text[contentEnd - 1] === '\r') contentEnd--;
  if (starts[line] + character > contentEnd)
    return `character ${character} is past the end of line ${line} (${contentEnd - starts[line]} characters)`;
  return starts[line] + character;
}

/** The spans of a proposal's edits, sorted (stable), or the first invalid position. */
function spansOf(text: string, edits: TextEdit[]): Span[] | string {
  const starts = lineStarts(text);
  const spans: Span[] = [];
  for (const edit of edits) {
    const start = strictOffset(text, starts, edit.range.start);
    const end = strictOffset(text, starts, edit.range.end);
    if (typeof start === 'string') return start;
    if (typeof end === 'string') return end;
    if (end < start) return `range ends before it starts: ${JSON.stringify(edit.range)}`;
    spans.push({ start, end, text: edit.newText });
  }
  return spans
    .map((s, i) => [s, i] as const)
    .sort((a, b) => a[0].start - b[0].start || a[1] - b[1])
    .map(([s]) => s);
}

/**
 * Overlap as LSP counts it: two replaced ranges that share characters, or an
 * insertion strictly inside a replaced range. Insertions at one position are
 * fine (the array order is the text order), and so are edits that only touch.
 */
function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** Where the spans' replacement texts sit in the result. */
function resultSpans(spans: Span[]): Span[] {
  let shift = 0;
  return spans.map((s) => {
    const start = s.start + shift;
    shift += s.text.length - (s.end - s.start);
    return { start, end: start + s.text.length, text: s.text };
  });
}

/** The offset in the result of an original offset that lies strictly before or after every span. */
function mapOffset(spans: Span[], offset: number): number {
  let shift = 0;
  for (const s of spans) if (s.end < offset) shift += s.text.length - (s.end - s.start);
  return offset + shift;
}

function touches(spans: Span[], start: number, end: number): boolean {
  return spans.some((s) => s.start <= end && start <= s.end);
}

// ---------------------------------------------------------------------------
// Dockerfile structure

interface InstructionInfo {
  keyword: string;
  start: number;
  end: number;
  /** For RUN: whether its shell parse failed (null when it is not parsed: exec form, other shells). */
  shellError: boolean | null;
}

function instructionsOf(model: DockerfileModel): InstructionInfo[] {
  return model.ast.getInstructions().map((instruction: Instruction) => {
    const range = instruction.getRange();
    const keyword = instruction.getKeyword();
    let shellError: boolean | null = null;
    if (keyword === 'RUN') {
      const scripts = model.shellScripts(instruction);
      shellError = scripts ? scripts.some((s) => s.error !== undefined) : null;
    }
    return { keyword, start: model.offsetAt(range.start), end: model.offsetAt(range.end), shellError };
  });
}

function directiveTexts(model: DockerfileModel): string[] {
  return model.directiveLines().map((line) => model.lineText(line).trim());
}

/** Comment lines (trimmed) with their counts; heredoc lines starting with # count too. */
function commentLines(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split(/\r\n|\r|\n/)) if (/^\s*#/.test(line)) bump(counts, line.trim());
  return counts;
}

function dockerfileModel(result: LintResult): DockerfileModel | null {
  return result.model instanceof DockerfileModel ? result.model : null;
}

// ---------------------------------------------------------------------------
// One proposal

/** What a proposal is checked against: the input and its lint result. */
export interface Baseline {
  input: SoundnessInput;
  result: LintResult;
  counts: Map<string, number>;
  instructions: InstructionInfo[] | null;
  /** Lint results of fixed texts, shared by proposals that give the same text. */
  cache: Map<string, LintResult>;
  /** The RUN scripts of the input that a real shell can judge (null when it is not a Dockerfile). */
  scripts: RunScript[] | null;
  /** Fixes that changed RUN scripts, judged together by the real shells at the end (see resolveShellChecks). */
  shellChecks: PendingShellCheck[];
}

/** The RUN scripts one fix replaced and wrote, waiting for the real shells' verdicts. */
export interface PendingShellCheck {
  fixAll: boolean;
  rule: string;
  fix: string;
  result: string;
  gone: RunScript[];
  added: RunScript[];
}

export function baselineOf(input: SoundnessInput): Baseline {
  const result = lintInput(input, input.text);
  const model = dockerfileModel(result);
  return {
    input,
    result,
    counts: countByRule(result),
    instructions: model && instructionsOf(model),
    cache: new Map(),
    scripts: model && runScriptsOf(model).scripts,
    shellChecks: [],
  };
}

function lintCached(baseline: Baseline, text: string): LintResult {
  let result = baseline.cache.get(text);
  if (!result) {
    result = lintInput(baseline.input, text);
    baseline.cache.set(text, result);
  }
  return result;
}

type FailureRecorder = (kind: FailureKind, detail: string, result?: string, newRule?: string) => void;

/** Records in `failures` what went wrong with one proposal of one finding on one input. */
function failureRecorder(
  failures: Failure[],
  input: Baseline['input'],
  finding: RuleFinding,
  proposal: FixProposal,
): FailureRecorder {
  return (kind, detail, result, newRule) => {
    failures.push({
      kind,
      rule: finding.rule.id,
      fix: proposal.title,
      detail,
      input: input.name,
      text: input.text,
      result,
      ...(newRule ? { newRule } : {}),
    });
  };
}

/** The lint of a fixed text `result`: it still parses, the finding is gone, and no rule finds more than before. */
function checkFixedLint(
  baseline: Baseline,
  finding: RuleFinding,
  after: LintResult,
  result: string,
  fail: FailureRecorder,
): void {
  if (newlyUnreadable(baseline.result, after).length)
    fail('notice', newlyUnreadable(baseline.result, after).join('; '), result);
  const own = finding.rule.id;
  const afterCounts = countByRule(after);
  if ((afterCounts.get(own) ?? 0) >= (baseline.counts.get(own) ?? 0))
    fail(
      'not-fixed',
      `${own}: ${baseline.counts.get(own) ?? 0} findings before, ${afterCounts.get(own) ?? 0} after`,
      result,
    );
  for (const [id, count] of afterCounts) {
    if (id !== own && count > (baseline.counts.get(id) ?? 0)) {
      const added = after.findings.find((f) => f.rule.id === id)!;
      fail(
        'new-finding',
        `adds a "${id}" finding (${baseline.counts.get(id) ?? 0} → ${count}), e.g. line ${added.range.start.line + 1}: ${added.message}`,
        result,
        id,
      );
    }
  }
}

/** Applies one proposal of one finding and checks the result; returns the failures (allowed ones included). */
export function checkProposal(baseline: Baseline, finding: RuleFinding, proposal: FixProposal): Failure[] {
  const { input } = baseline;
  const text = input.text;
  const failures: Failure[] = [];
  const fail = failureRecorder(failures, input, finding, proposal);

  if (proposal.otherFiles?.length) return checkOtherFilesProposal(baseline, finding, proposal);
  if (proposal.edits.length === 0) {
    fail('no-op', 'the proposal has no edits');
    return failures;
  }
  const spans = spansOf(text, proposal.edits);
  if (typeof spans === 'string') {
    fail('invalid-edit', spans);
    return failures;
  }
  // (g) the edits of one proposal do not overlap.
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      if (overlaps(spans[i], spans[j]))
        fail(
          'overlap',
          `edits at offsets ${spans[i].start}-${spans[i].end} and ${spans[j].start}-${spans[j].end} overlap`,
        );
    }
  }
  if (failures.length) return failures; // an editor would refuse to apply it
  // The result as an editor computes it.
  const fixed = TextDocument.applyEdits(
    TextDocument.create('file:///soundness/apply', input.language, 1, text),
    proposal.edits,
  );
  if (fixed === text) {
    fail('no-op', 'the proposal changes nothing');
    return failures;
  }
  // (f) outside the edits, the text is byte-identical.
  const placed = resultSpans(spans);
  let previousEnd = 0;
  let previousResultEnd = 0;
  for (let i = 0; i <= spans.length; i++) {
    const gapEnd = i < spans.length ? spans[i].start : text.length;
    const resultGapEnd = i < spans.length ? placed[i].start : fixed.length;
    if (gapEnd >= previousEnd && text.slice(previousEnd, gapEnd) !== fixed.slice(previousResultEnd, resultGapEnd)) {
      fail('outside-edits', `the text between offsets ${previousEnd} and ${gapEnd} changed`, fixed);
      break;
    }
    if (i < spans.length) {
      previousEnd = Math.max(previousEnd, spans[i].end);
      previousResultEnd = Math.max(previousResultEnd, placed[i].end);
    }
  }
  // (d) line endings.
  const endings = lineEndingProblem(text, fixed);
  if (endings) fail('line-endings', endings, fixed);

  let after: LintResult;
  try {
    after = lintCached(baseline, fixed);
  } catch (error) {
    fail('crash', `linting the result threw: ${String(error)}`, fixed);
    return failures;
  }
  // (a) the result still parses, (b) the finding is gone, (c) no new finding.
  checkFixedLint(baseline, finding, after, fixed, fail);
  // (e) comment lines are kept.
  const commentsAfter = commentLines(fixed);
  for (const [line, count] of commentLines(text)) {
    if ((commentsAfter.get(line) ?? 0) < count) fail('comments', `the comment line "${line}" was removed`, fixed);
  }

  const beforeModel = dockerfileModel(baseline.result);
  const afterModel = dockerfileModel(after);
  if (beforeModel && afterModel && baseline.instructions) {
    // (e) directives, the escape character above all.
    const directivesAfter = directiveTexts(afterModel);
    for (const directive of directiveTexts(beforeModel)) {
      if (!directivesAfter.includes(directive)) fail('directives', `the directive "${directive}" is gone`, fixed);
    }
    if (afterModel.escapeChar !== beforeModel.escapeChar)
      fail(
        'directives',
        `the escape character changed from ${beforeModel.escapeChar} to ${afterModel.escapeChar}`,
        fixed,
      );
    // (a) instructions the edits did not touch are still there, whole; RUNs that parsed still parse.
    checkInstructions(baseline.instructions, instructionsOf(afterModel), spans, placed, (kind, detail) =>
      fail(kind, detail, fixed),
    );
    // (a) the RUN scripts the fix changed, for the real shells (judged in one batch by resolveShellChecks).
    queueShellCheck(baseline, finding.rule.id, proposal.title, fixed, afterModel);
  }
  return failures;
}

function queueShellCheck(
  baseline: Baseline,
  rule: string,
  fix: string,
  result: string,
  afterModel: DockerfileModel,
): void {
  if (!baseline.scripts) return;
  const { gone, added } = changedScripts(baseline.scripts, runScriptsOf(afterModel).scripts);
  if (gone.length || added.length)
    baseline.shellChecks.push({ fixAll: fix === 'fix-all' && rule === '', rule, fix, result, gone, added });
}

function showScripts(scripts: RunScript[]): string {
  return scripts
    .map((s) => {
      const verdict = verdictOf(s);
      const judged = verdict === null ? 'not checked' : verdict.ok ? 'accepted' : `rejected: ${verdict.message}`;
      return `[RUN at line ${s.line}, ${s.shell} -n: ${judged}]\n${s.text}`;
    })
    .join('\n');
}

/**
 * Judges the RUN scripts of the input and of every queued fix with the real
 * shells, in one batch, and returns the failures: a fix fails when the shell
 * rejects more of the scripts it wrote than of the scripts it replaced (a
 * script that was rejected already may stay rejected; that is counted).
 */
export function resolveShellChecks(baseline: Baseline, stats: SoundnessStats): Failure[] {
  if (!baseline.scripts) return [];
  const checks = baseline.shellChecks.splice(0);
  const all = [...baseline.scripts, ...checks.flatMap((c) => [...c.gone, ...c.added])];
  for (const script of all) if (!shellAvailable(script.shell)) stats.shells.missing.add(script.shell);
  prefetch(all);
  const rejected = (scripts: RunScript[]) => scripts.filter((s) => verdictOf(s)?.ok === false);
  const judgedHere = baseline.scripts.filter((s) => shellAvailable(s.shell));
  stats.shells.inputScripts += judgedHere.length;
  stats.shells.inputRejected += rejected(judgedHere).length;
  const failures: Failure[] = [];
  for (const check of checks) {
    stats.shells.fixes++;
    for (const s of [...check.gone, ...check.added]) if (shellAvailable(s.shell)) stats.shells.scripts[s.shell]++;
    const before = rejected(check.gone);
    const after = rejected(check.added);
    stats.shells.rejectedBeforeFix += before.length;
    if (after.length > before.length) {
      const first = after[0];
      failures.push({
        kind: check.fixAll ? 'fix-all-real-shell' : 'real-shell',
        rule: check.rule,
        fix: check.fix,
        detail: `${first.shell} -n rejects the RUN script at line ${first.line} after the fix: ${verdictOf(first)!.message.split('\n')[0]}`,
        input: baseline.input.name,
        text: baseline.input.text,
        result: check.result,
        scripts: `--- RUN scripts before the fix\n${showScripts(check.gone)}\n--- RUN scripts after the fix\n${showScripts(check.added)}`,
      });
    }
  }
  return failures;
}

/**
 * A proposal that writes the `.dockerignore` (create or extend): the document
 * keeps its text, the rule's finding must go away under the written ignore
 * file, nothing new may appear, and the written file must itself be clean.
 */
function checkOtherFilesProposal(baseline: Baseline, finding: RuleFinding, proposal: FixProposal): Failure[] {
  const { input } = baseline;
  const failures: Failure[] = [];
  const fail = failureRecorder(failures, input, finding, proposal);
  let applied: { text: string; environment: LintEnvironment };
  try {
    applied = applyProposal(input.text, input.environment ?? {}, proposal);
  } catch (error) {
    fail('invalid-edit', String(error));
    return failures;
  }
  const after = lintInput({ ...input, environment: applied.environment }, applied.text);
  checkFixedLint(baseline, finding, after, applied.text, fail);
  const written = applied.environment.dockerignore;
  if (written) {
    const ignoreResult = lint(
      TextDocument.create('file:///soundness/.dockerignore', 'dockerignore', 1, written.text),
      settingsOf(input),
    );
    for (const f of ignoreResult.findings)
      fail(
        'new-finding',
        `the written ${written.path} has a "${f.rule.id}" finding: ${f.message}`,
        written.text,
        f.rule.id,
      );
    // An extended file keeps its own line endings; a new one takes the Dockerfile's.
    const created = proposal.otherFiles?.some((f) => f.create);
    const endings = lineEndingProblem(
      created ? input.text : (input.environment?.dockerignore?.text ?? ''),
      written.text,
    );
    if (endings) fail('line-endings', `the written .dockerignore: ${endings}`, written.text);
  }
  return failures;
}

function checkInstructions(
  before: InstructionInfo[],
  after: InstructionInfo[],
  spans: Span[],
  placed: Span[],
  fail: (kind: FailureKind, detail: string) => void,
): void {
  const key = (i: InstructionInfo) => `${i.keyword}@${i.start}-${i.end}`;
  const untouchedBefore = new Map<string, InstructionInfo>();
  for (const i of before) {
    if (touches(spans, i.start, i.end)) continue;
    untouchedBefore.set(`${i.keyword}@${mapOffset(spans, i.start)}-${mapOffset(spans, i.end)}`, i);
  }
  const untouchedAfter = new Map(after.filter((i) => !touches(placed, i.start, i.end)).map((i) => [key(i), i]));
  const lost = [...untouchedBefore.entries()]
    .filter(([k]) => !untouchedAfter.has(k))
    .map(([, i]) => `${i.keyword} at offset ${i.start}`);
  const appeared = [...untouchedAfter.keys()].filter((k) => !untouchedBefore.has(k));
  if (lost.length || appeared.length) {
    fail(
      'instructions',
      `instructions outside the edits changed (${before.length} → ${after.length}): lost ${lost.join(', ') || 'none'}; new ${appeared.join(', ') || 'none'}`,
    );
  }
  for (const [k, original] of untouchedBefore) {
    const now = untouchedAfter.get(k);
    if (now && original.shellError === false && now.shellError === true)
      fail('shell-parse', `the untouched RUN at offset ${original.start} no longer parses`);
  }
  const errors = (list: InstructionInfo[], area: Span[]) =>
    list.filter((i) => i.shellError === true && touches(area, i.start, i.end)).length;
  if (errors(after, placed) > errors(before, spans)) fail('shell-parse', 'an edited RUN no longer parses as shell');
}

// ---------------------------------------------------------------------------
// Fix-all

function safeFixOf(finding: RuleFinding): FixProposal | undefined {
  return finding.fixes?.().find((f) => f.safe && f.edits.length > 0);
}

export interface FixAllOutcome {
  failures: Failure[];
  passes: number;
  text: string;
}

/** Runs fix-all on the input and checks the result; with a baseline, queues the RUN scripts it changed for the real shells. */
export function checkFixAll(input: SoundnessInput, before: LintResult, baseline?: Baseline): FixAllOutcome {
  const failures: Failure[] = [];
  const fail = (kind: FailureKind, detail: string, result?: string, rule = '', fix = 'fix-all') =>
    failures.push({ kind, rule, fix, detail, input: input.name, text: input.text, result });
  const settings = settingsOf(input);
  const environment = input.environment ?? {};
  const once = fixAllText(documentOf(input, input.text), settings, undefined, environment);
  const fixed = once.text;
  if (once.passes >= MAX_FIX_PASSES) fail('fix-all-passes', `fix-all used all ${MAX_FIX_PASSES} passes`, fixed);
  const after = lintInput(input, fixed);
  if (newlyUnreadable(before, after).length) fail('fix-all-notice', newlyUnreadable(before, after).join('; '), fixed);
  for (const finding of after.findings) {
    const fix = safeFixOf(finding);
    if (fix)
      fail(
        'fix-all-leftover',
        `a "${finding.rule.id}" finding with the safe fix "${fix.title}" is left at line ${finding.range.start.line + 1}`,
        fixed,
        finding.rule.id,
        fix.title,
      );
  }
  const twice = fixAllText(documentOf(input, fixed), settings, undefined, environment);
  if (twice.text !== fixed)
    fail('fix-all-not-idempotent', `a second fix-all applied ${twice.applied} more fixes`, fixed);
  const endings = lineEndingProblem(input.text, fixed);
  if (endings) fail('fix-all-line-endings', endings, fixed);
  const beforeModel = dockerfileModel(before);
  const afterModel = dockerfileModel(after);
  if (beforeModel && afterModel) {
    const directivesAfter = directiveTexts(afterModel);
    for (const directive of directiveTexts(beforeModel)) {
      if (!directivesAfter.includes(directive))
        fail('fix-all-directives', `the directive "${directive}" is gone`, fixed);
    }
    if (afterModel.escapeChar !== beforeModel.escapeChar)
      fail('fix-all-directives', 'the escape character changed', fixed);
    const broken = (model: DockerfileModel) => instructionsOf(model).filter((i) => i.shellError === true).length;
    if (broken(afterModel) > broken(beforeModel))
      fail(
        'fix-all-shell-parse',
        `${broken(afterModel) - broken(beforeModel)} more RUNs fail to parse as shell`,
        fixed,
      );
    if (baseline) queueShellCheck(baseline, '', 'fix-all', fixed, afterModel);
  }
  return { failures, passes: once.passes, text: fixed };
}

// ---------------------------------------------------------------------------
// One input

export interface InputOutcome {
  /** Failures the allow-list does not accept. */
  failures: Failure[];
  /** Fix proposals tried on this input. */
  tried: number;
  /** Findings that have a fixes() function. */
  fixable: number;
  /** The rules of which at least one proposal was tried. */
  rulesTried: Set<string>;
}

/** Runs every check on one input, adds to `stats`, and returns the failures the allow-list does not accept. */
export function checkInput(
  input: SoundnessInput,
  stats: SoundnessStats,
  allowances: readonly Allowance[] = ALLOWANCES,
): InputOutcome {
  stats.inputs++;
  const all: Failure[] = [];
  let tried = 0;
  let fixable = 0;
  const rulesTried = new Set<string>();
  let baseline: Baseline;
  try {
    baseline = baselineOf(input);
  } catch (error) {
    all.push({
      kind: 'crash',
      rule: '',
      fix: '',
      detail: `linting the input threw: ${String(error)}`,
      input: input.name,
      text: input.text,
    });
    return finish();
  }
  stats.findings += baseline.result.findings.length;
  for (const finding of baseline.result.findings) {
    if (!finding.fixes) continue;
    fixable++;
    let proposals: FixProposal[];
    try {
      proposals = finding.fixes();
    } catch (error) {
      all.push({
        kind: 'crash',
        rule: finding.rule.id,
        fix: '',
        detail: `fixes() threw: ${String(error)}`,
        input: input.name,
        text: input.text,
      });
      continue;
    }
    for (const proposal of proposals) {
      tried++;
      rulesTried.add(finding.rule.id);
      stats.fixesTried++;
      if (proposal.safe) stats.safeFixesTried++;
      bump(stats.fixesByRule, finding.rule.id);
      try {
        all.push(...checkProposal(baseline, finding, proposal));
      } catch (error) {
        all.push({
          kind: 'crash',
          rule: finding.rule.id,
          fix: proposal.title,
          detail: `checking threw: ${String(error)}`,
          input: input.name,
          text: input.text,
        });
      }
    }
  }
  try {
    const outcome = checkFixAll(input, baseline.result, baseline);
    stats.fixAllRuns++;
    bump(stats.passes, outcome.passes);
    all.push(...outcome.failures);
  } catch (error) {
    all.push({
      kind: 'crash',
      rule: '',
      fix: 'fix-all',
      detail: `fix-all threw: ${String(error)}`,
      input: input.name,
      text: input.text,
    });
  }
  all.push(...resolveShellChecks(baseline, stats));
  return finish();

  function finish(): InputOutcome {
    const failures: Failure[] = [];
    for (const failure of all) {
      const allowance = isAllowed(failure, allowances);
      if (allowance) bump(stats.allowed, allowance);
      else {
        failures.push(failure);
        bump(stats.failuresByKind, failure.kind);
      }
    }
    return { failures, tried, fixable, rulesTried };
  }
}

export function formatFailure(failure: Failure, withText = false): string {
  const head = `${failure.kind}: ${failure.rule || '(fix-all)'} "${failure.fix}" on ${failure.input}: ${failure.detail}`;
  if (!withText) return head;
  const show = (text: string) => text.replace(/\r/g, '␍').replace(/\t/g, '→');
  return `${head}\n--- input\n${show(failure.text)}${failure.result !== undefined ? `\n--- result\n${show(failure.result)}` : ''}${failure.scripts ? `\n${show(failure.scripts)}` : ''}`;
}

// ---------------------------------------------------------------------------
// Variants of an input

/** Same text with the other line ending (CRLF ↔ LF). */
export function swapLineEndings(text: string): string {
  return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\n/g, '\r\n');
}

/** Continuation lines of instructions (not heredoc bodies) indented with one tab. */
export function tabIndentContinuations(text: string): string {
  const model = new DockerfileModel(TextDocument.create('file:///soundness/variant', 'dockerfile', 1, text));
  const lines = text.split('\n');
  for (const instruction of model.ast.getInstructions()) {
    const range = instruction.getRange();
    const body = model.text.slice(model.offsetAt(range.start), model.offsetAt(range.end));
    if (body.includes('<<')) continue;
    for (let line = range.start.line + 1; line <= range.end.line && line < lines.length; line++) {
      if (lines[line].trim() !== '') lines[line] = lines[line].replace(/^[ \t]*/, '\t');
    }
  }
  return lines.join('\n');
}

/** The file under `# escape=\``, with its backslash line continuations turned into backticks; null when it does not apply. */
export function backtickEscape(text: string): string | null {
  if (text.includes('`') || text.includes('<<')) return null;
  if (/^\s*#\s*escape\s*=/im.test(text)) return null;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split('\n').map((line) => (/^\s*#/.test(line) ? line : line.replace(/\\([ \t]*\r?)$/, '`$1')));
  return `# escape=\`${nl}${lines.join('\n')}`;
}

/** The generated variants of an input that differ from it: other line endings, tab continuations, backtick escape. */
export function variantsOf(input: SoundnessInput): SoundnessInput[] {
  const variants: SoundnessInput[] = [];
  const add = (tag: string, text: string | null) => {
    if (text !== null && text !== input.text) variants.push({ ...input, name: `${input.name} [${tag}]`, text });
  };
  if (input.text.includes('\n')) add(input.text.includes('\r\n') ? 'lf' : 'crlf', swapLineEndings(input.text));
  if (input.language === 'dockerfile') {
    add('tabs', tabIndentContinuations(input.text));
    add('backtick', backtickEscape(input.text));
  }
  return variants;
}

// ---------------------------------------------------------------------------
// Minimal repros

function sameFailure(a: Failure, b: Failure): boolean {
  return a.kind === b.kind && a.rule === b.rule && a.newRule === b.newRule;
}

/** The removable pieces of a Dockerfile: each instruction's lines, and each line outside instructions. */
function unitsOf(text: string): [number, number][] {
  const model = new DockerfileModel(TextDocument.create('file:///soundness/minimize', 'dockerfile', 1, text));
  const lineCount = text.split('\n').length;
  const covered = new Array<boolean>(lineCount).fill(false);
  const units: [number, number][] = [];
  for (const instruction of model.ast.getInstructions()) {
    const { start, end } = instruction.getRange();
    units.push([start.line, end.line]);
    for (let l = start.line; l <= end.line && l < lineCount; l++) covered[l] = true;
  }
  for (let l = 0; l < lineCount; l++) if (!covered[l]) units.push([l, l]);
  return units.sort((a, b) => b[0] - a[0]);
}

/**
 * A smaller input that still fails the same way (same kind, rule and new
 * rule): whole instructions and lines outside instructions are dropped one at
 * a time while the failure stays. Dockerfiles only; other inputs come back as they are.
 */
export function minimizeRepro(
  input: SoundnessInput,
  failure: Failure,
  maxRounds = 4,
): { input: SoundnessInput; failure: Failure } {
  if (input.language !== 'dockerfile') return { input, failure };
  let current = input;
  let currentFailure = failure;
  const reproduces = (candidate: SoundnessInput): Failure | undefined => {
    try {
      return checkInput(candidate, newStats(), []).failures.find((f) => sameFailure(f, failure));
    } catch {
      return undefined;
    }
  };
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (const [first, last] of unitsOf(current.text)) {
      // Lines with their own line breaks, so removing the last line leaves no stray CR.
      const lines = current.text.split(/(?<=\n)/);
      if (last >= lines.length) continue;
      lines.splice(first, last - first + 1);
      const candidate = { ...current, text: lines.join('') };
      if (candidate.text === current.text || candidate.text.trim() === '') continue;
      const found = reproduces(candidate);
      if (found) {
        current = candidate;
        currentFailure = found;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { input: current, failure: { ...currentFailure, input: input.name } };
}
