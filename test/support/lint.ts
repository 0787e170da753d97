/** Helpers shared by the unit tests. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, DockerCoachSettings } from '../../server/src/protocol';
import { lint, LintEnvironment, LintResult, RuleFinding } from '../../server/src/engine/lint';
import { FixProposal, Rule } from '../../server/src/rules/types';
import { fileURLToPath } from 'url';
import { ComposeProjects } from '../../server/src/engine/composeProjects';

let counter = 0;

export type TestLanguage = 'dockerfile' | 'dockercompose' | 'dockerignore';

const FILE_NAMES: Record<TestLanguage, string> = { dockerfile: 'Dockerfile', dockercompose: 'compose.yaml', dockerignore: '.dockerignore' };

export function docOf(text: string, language: TestLanguage = 'dockerfile'): TextDocument {
  counter++;
  const name = FILE_NAMES[language];
  return TextDocument.create(`file:///test/${counter}/${name}`, language, 1, text);
}

export function lintText(
  text: string,
  language: TestLanguage = 'dockerfile',
  settings: Partial<DockerCoachSettings> = {},
  environment: LintEnvironment = {},
): LintResult {
  return lint(docOf(text, language), { ...DEFAULT_SETTINGS, ...settings }, undefined, environment);
}

export function languageOf(rule: Rule): TestLanguage {
  return rule.language === 'compose' ? 'dockercompose' : rule.language;
}

export function ruleIds(result: LintResult): string[] {
  return result.findings.map((f) => f.rule.id);
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), edits);
}

/** Counts findings per rule id. */
export function countByRule(result: LintResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ruleIds(result)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * Applies a fix proposal the way an editor would: its edits to the document,
 * and its edits to a `.dockerignore` (created or extended) to the environment.
 */
export function applyProposal(text: string, environment: LintEnvironment, proposal: FixProposal): { text: string; environment: LintEnvironment } {
  let next = environment;
  for (const file of proposal.otherFiles ?? []) {
    if (!file.uri.endsWith('.dockerignore')) throw new Error(`unexpected file edit: ${file.uri}`);
    const before = file.create ? '' : environment.dockerignore?.text ?? '';
    next = { ...next, dockerignore: { path: fileURLToPath(file.uri), text: applyEdits(before, file.edits) } };
  }
  return { text: applyEdits(text, proposal.edits), environment: next };
}

/**
 * A fake disk for rules that look at files beside a compose file: `files`
 * maps paths relative to the document's folder (`file:///test/<n>/`, or the soundness
 * checks' `file:///soundness/<n>/`) to
 * their text; the folders on those paths exist too.
 */
export function fakeDisk(files: Record<string, string>): Pick<LintEnvironment, 'fileExists' | 'readFile' | 'composeProject'> {
  const relative = (absolutePath: string): string | null => {
    const match = /^\/(?:test|soundness)\/\d+(?:\/(.*))?$/.exec(absolutePath.replace(/\\/g, '/'));
    return match ? (match[1] ?? '').replace(/\/+$/, '') : null;
  };
  const exists = (rel: string) => rel === '' || rel === '.' || rel in files || Object.keys(files).some((f) => f.startsWith(rel + '/'));
  // The Compose project reads the same files (open documents of a host, so nothing comes from the real disk) in an empty environment.
  const projects = new ComposeProjects({ openText: (f) => { const rel = relative(f); return rel !== null && rel in files ? files[rel] : undefined; }, env: {}, maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  return {
    composeProject: (document) => projects.contextFor(fileURLToPath(document.uri), document.getText()),
    fileExists: (absolutePath) => {
      const rel = relative(absolutePath);
      return rel !== null && exists(rel);
    },
    readFile: (absolutePath) => {
      const rel = relative(absolutePath);
      return rel !== null && rel in files ? files[rel] : null;
    },
  };
}

/** One finding as a rule's tests look at it: what it says, how severe, and the text it covers. */
export interface SeenFinding {
  message: string;
  severity: string;
  text: string;
}

/** The findings of one rule on `text`, in document order. */
export function findingsOf(ruleId: string, text: string, language: TestLanguage = 'dockerfile', settings: Partial<DockerCoachSettings> = {}): SeenFinding[] {
  const result = lintText(text, language, settings);
  return result.findings.filter((f) => f.rule.id === ruleId).map((f) => ({ message: f.message, severity: f.severity, text: result.document.getText(f.range) }));
}

/** The fix proposals of the first finding of a rule in a Dockerfile (failing when the rule reports nothing). */
export function proposalsOf(ruleId: string, text: string): FixProposal[] {
  const finding = lintText(text).findings.find((f) => f.rule.id === ruleId);
  assert.ok(finding, `${ruleId} not reported`);
  return finding.fixes?.() ?? [];
}

/** `text` after the first fix of the first finding of a rule, or null when there is none. */
export function firstFixOf(ruleId: string, text: string, language: TestLanguage = 'dockerfile', settings: Partial<DockerCoachSettings> = {}): string | null {
  const fix = lintText(text, language, settings).findings.find((f) => f.rule.id === ruleId)?.fixes?.()[0];
  return fix ? applyEdits(text, fix.edits) : null;
}

/** The findings of one rule in a Dockerfile, with the rule turned on (at warning) whatever its preset. */
export function forcedFindingsOf(text: string, rule: string, settings: Partial<DockerCoachSettings> = {}): RuleFinding[] {
  return lintText(text, 'dockerfile', { ...settings, rules: { ...settings.rules, [rule]: 'warning' } }).findings.filter((f) => f.rule.id === rule);
}

/** The text each finding of `forcedFindingsOf` covers (its first line and "…" when it spans several). */
export function forcedFlagged(text: string, rule: string, settings: Partial<DockerCoachSettings> = {}): string[] {
  const lines = text.split('\n');
  return forcedFindingsOf(text, rule, settings).map((f) => {
    const { start, end } = f.range;
    if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
    return `${lines[start.line].slice(start.character)}…`;
  });
}

/** The findings of one rule in a compose file, with files on disk as `environment` says: text covered, message, severity. */
export function composeFindingsOf(text: string, rule: string, environment: LintEnvironment = {}) {
  const doc = docOf(text, 'dockercompose');
  const result = lint(doc, DEFAULT_SETTINGS, undefined, environment);
  return result.findings.filter((f) => f.rule.id === rule).map((f) => ({ text: doc.getText(f.range), message: f.message, severity: f.severity, finding: f }));
}

export function composeFlagged(text: string, rule: string, environment: LintEnvironment = {}): string[] {
  return composeFindingsOf(text, rule, environment).map((f) => f.text);
}

/** The compose file after the first fix of the first finding of a rule, or null. */
export function composeFirstFix(text: string, rule: string, environment: LintEnvironment = {}): string | null {
  const fix = composeFindingsOf(text, rule, environment)[0]?.finding.fixes?.()[0];
  return fix ? applyEdits(text, fix.edits) : null;
}
