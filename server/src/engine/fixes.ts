/**
 * Applying fixes: choosing edits that do not overlap, and fix-all to a fixed
 * point with a bounded number of passes.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit } from 'vscode-languageserver-types';
import { DockerCoachSettings } from '../protocol';
import { lint, LintEnvironment, RuleFinding, RULES_BUDGET_FACTOR } from './lint';

export const MAX_FIX_PASSES = 10;

type Span = [number, number];

function spansOf(document: TextDocument, edits: TextEdit[]): Span[] {
  return edits.map((e) => [document.offsetAt(e.range.start), document.offsetAt(e.range.end)]);
}

function overlaps(a: Span, b: Span): boolean {
  if (a[0] === a[1] || b[0] === b[1]) {
    // An insertion conflicts with anything that touches its position.
    return a[0] <= b[1] && b[0] <= a[1];
  }
  return a[0] < b[1] && b[0] < a[1];
}

/** Where `span` goes in `sorted` (spans ordered by start): the first index whose start is after its end. */
function placeOf(sorted: Span[], span: Span): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle][0] <= span[1]) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Whether `span` overlaps one of `sorted`, spans that do not overlap each other, ordered by start (and so by
 * end): only those starting at or before its end and ending at or after its start can, a few at most.
 */
function overlapsAny(sorted: Span[], span: Span): boolean {
  for (let i = placeOf(sorted, span) - 1; i >= 0 && sorted[i][1] >= span[0]; i--) {
    if (overlaps(span, sorted[i])) return true;
  }
  return false;
}

/** Whether some two of `spans` overlap: in order of start, each is checked against the one before and the one reaching furthest. */
function overlapEachOther(spans: Span[]): boolean {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let furthest = sorted[0];
  for (let i = 1; i < sorted.length; i++) {
    const span = sorted[i];
    if (overlaps(span, sorted[i - 1]) || overlaps(span, furthest)) return true;
    if (span[1] > furthest[1]) furthest = span;
  }
  return false;
}

/** Picks, in order, the safe fixes whose edits overlap neither each other nor earlier picks. */
export function selectNonOverlapping(
  document: TextDocument,
  findings: RuleFinding[],
  accept: (f: RuleFinding) => boolean,
): TextEdit[] {
  const chosen: Span[] = []; // ordered by start
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    if (!accept(finding) || !finding.fixes) continue;
    const fix = finding.fixes().find((f) => f.safe && f.snippet === undefined && !f.otherFiles?.length);
    if (!fix || fix.edits.length === 0) continue;
    const spans = spansOf(document, fix.edits);
    if (spans.some((span) => overlapsAny(chosen, span)) || (spans.length > 1 && overlapEachOther(spans))) continue;
    for (const span of spans) chosen.splice(placeOf(chosen, span), 0, span);
    edits.push(...fix.edits);
  }
  return edits;
}

export interface FixAllResult {
  text: string;
  passes: number;
  /** Number of fixes applied over all passes. */
  applied: number;
}

/**
 * Applies safe fixes (optionally of one rule) until none is left or the pass limit is hit. With a budget,
 * the passes share it: once it is spent, no further pass starts, and a pass's lint may be partial (its
 * fixes are still sound, only fewer).
 */
export function fixAllText(
  document: TextDocument,
  settings: DockerCoachSettings,
  onlyRule?: string,
  environment: LintEnvironment = {},
  budgetMs = Infinity,
): FixAllResult {
  let current = document;
  let applied = 0;
  let passes = 0;
  const started = performance.now();
  for (; passes < MAX_FIX_PASSES; passes++) {
    const left = budgetMs - (performance.now() - started);
    if (left <= 0) break;
    // A lint may run its rules past its budget, up to RULES_BUDGET_FACTOR times it: give it what keeps the total within ours.
    const result = lint(current, settings, undefined, environment, left / RULES_BUDGET_FACTOR);
    const edits = selectNonOverlapping(current, result.findings, (f) => !onlyRule || f.rule.id === onlyRule);
    if (edits.length === 0) break;
    applied += edits.length;
    current = TextDocument.create(
      current.uri,
      current.languageId,
      current.version + 1,
      TextDocument.applyEdits(current, edits),
    );
  }
  return { text: current.getText(), passes, applied };
}

/** One edit that turns `before` into `after`, covering only the part that changed. */
export function minimalEdit(document: TextDocument, after: string): TextEdit | null {
  const before = document.getText();
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return TextEdit.replace(
    { start: document.positionAt(start), end: document.positionAt(endBefore) },
    after.slice(start, endAfter),
  );
}
