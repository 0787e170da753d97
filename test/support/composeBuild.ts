/** Lints a compose file beside a fake disk, as the cross-file build rules' tests need (any file name). */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { lint, LintResult } from '../../server/src/engine/lint';
import { applyEdits, fakeDisk } from './lint';

let counter = 100_000;

export interface BuildFinding {
  message: string;
  severity: string;
  /** The compose text the finding covers. */
  text: string;
  /** The document after the finding's first fix, or null without one. */
  fixed: string | null;
}

export function lintCompose(text: string, files: Record<string, string>, name = 'compose.yaml'): LintResult {
  counter++;
  const document = TextDocument.create(`file:///test/${counter}/${name}`, 'dockercompose', 1, text);
  return lint(document, { ...DEFAULT_SETTINGS, preset: 'all' }, undefined, fakeDisk(files));
}

export function buildFindings(
  ruleId: string,
  text: string,
  files: Record<string, string>,
  name?: string,
): BuildFinding[] {
  const result = lintCompose(text, files, name);
  return result.findings
    .filter((f) => f.rule.id === ruleId)
    .map((f) => {
      const fix = f.fixes?.()[0];
      return {
        message: f.message,
        severity: f.severity,
        text: result.document.getText(f.range),
        fixed: fix ? applyEdits(text, fix.edits) : null,
      };
    });
}
