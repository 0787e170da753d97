/**
 * Applying fixes: choosing edits that do not overlap, and fix-all to a fixed
 * point with a bounded number of passes.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit } from 'vscode-languageserver-types';
import { DockerCoachSettings } from '../protocol';
import { lint, LintEnvironment, RuleFinding } from './lint';

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

/** Picks, in order, the safe fixes whose edits overlap neither each other nor earlier picks. */
export function selectNonOverlapping(document: TextDocument, findings: RuleFinding[], accept: (f: RuleFinding) => boolean): TextEdit[] {
  const chosen: Span[] = [];
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    if (!accept(finding) || !finding.fixes) continue;
    const fix = finding.fixes().find((f) => f.safe && f.snippet === undefined && !f.otherFiles?.length);
    if (!fix || fix.edits.length === 0) continue;
    const spans = spansOf(document, fix.edits);
    if (spans.some((s) => chosen.some((c) => overlaps(s, c))) || spans.some((s, i) => spans.some((t, j) => i < j && overlaps(s, t)))) continue;
    chosen.push(...spans);
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
export function fixAllText(document: TextDocument, settings: DockerCoachSettings, onlyRule?: string, environment: LintEnvironment = {}, budgetMs = Infinity): FixAllResult {
  let current = document;
  let applied = 0;
  let passes = 0;
  const started = performance.now();
  for (; passes < MAX_FIX_PASSES; passes++) {
    const left = budgetMs - (performance.now() - started);
    if (left <= 0) break;
    const result = lint(current, settings, undefined, environment, left);
    const edits = selectNonOverlapping(current, result.findings, (f) => !onlyRule || f.rule.id === onlyRule);
    if (edits.length === 0) break;
    applied += edits.length;
    current = TextDocument.create(current.uri, current.languageId, current.version + 1, TextDocument.applyEdits(current, edits));
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
  return TextEdit.replace({ start: document.positionAt(start), end: document.positionAt(endBefore) }, after.slice(start, endAfter));
}
