/** Helpers shared by the unit tests. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, TextEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, DockerCoachSettings } from '../../server/src/protocol';
import { lint, LintEnvironment, LintResult, RuleFinding } from '../../server/src/engine/lint';
import { FixProposal, Rule } from '../../server/src/rules/types';
import { RULES } from '../../server/src/rules/registry';
import { fileURLToPath } from 'url';
import { ComposeProjects } from '../../server/src/engine/composeProjects';

let counter = 0;

export type TestLanguage = 'dockerfile' | 'dockercompose' | 'dockerignore';

const FILE_NAMES: Record<TestLanguage, string> = {
  dockerfile: 'Dockerfile',
  dockercompose: 'compose.yaml',
  dockerignore: '.dockerignore',
};

export function docOf(text: string, language: TestLanguage = 'dockerfile'): TextDocument {
  counter++;
  const name = FILE_NAMES[language];
  return TextDocument.create(`file:///test/${counter}/${name}`, language, 1, text);
}

/**
 * A document from text with a `|` cursor marker: the text without the marker,
 * and the marker's position. `uri` names the document (a fresh test URI by default).
 */
export function docAtMarker(
  marked: string,
  language: TestLanguage = 'dockerfile',
  uri?: string,
): { doc: TextDocument; position: Position } {
  const index = marked.indexOf('|');
  assert.ok(index >= 0, 'the text needs a | cursor marker');
  const text = marked.slice(0, index) + marked.slice(index + 1);
  const doc = uri ? TextDocument.create(uri, language, 1, text) : docOf(text, language);
  return { doc, position: doc.positionAt(index) };
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
export function applyProposal(
  text: string,
  environment: LintEnvironment,
  proposal: FixProposal,
): { text: string; environment: LintEnvironment } {
  let next = environment;
  for (const file of proposal.otherFiles ?? []) {
    if (!file.uri.endsWith('.dockerignore')) throw new Error(`unexpected file edit: ${file.uri}`);
    const before = file.create ? '' : (environment.dockerignore?.text ?? '');
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
export function fakeDisk(
  files: Record<string, string>,
): Pick<LintEnvironment, 'fileExists' | 'readFile' | 'composeProject'> {
  const relative = (absolutePath: string): string | null => {
    const match = /^\/(?:test|soundness)\/\d+(?:\/(.*))?$/.exec(absolutePath.replace(/\\/g, '/'));
    return match ? (match[1] ?? '').replace(/\/+$/, '') : null;
  };
  const exists = (rel: string) =>
    rel === '' || rel === '.' || rel in files || Object.keys(files).some((f) => f.startsWith(rel + '/'));
  // The Compose project reads the same files (open documents of a host, so nothing comes from the real disk) in an empty environment.
  const projects = new ComposeProjects({
    openText: (f) => {
      const rel = relative(f);
      return rel !== null && rel in files ? files[rel] : undefined;
    },
    env: {},
    maxFileSize: DEFAULT_SETTINGS.maxFileSize,
  });
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

/** How a rule's tests lint a text: the language defaults to the rule's own. */
export interface RuleLintOptions {
  language?: TestLanguage;
  settings?: Partial<DockerCoachSettings>;
  /** Files beside the document, the `.dockerignore`, the Compose project (see `fakeDisk`). */
  environment?: LintEnvironment;
  /** Turn the rule on (at warning) whatever its preset. */
  force?: boolean;
}

function ruleNamed(ruleId: string): Rule {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule "${ruleId}"`);
  return rule;
}

/** One finding of a rule as its tests look at it: the finding and the text its range covers. */
export type SeenFinding = RuleFinding & { text: string };

/** The findings of one rule on `text`, in document order. */
export function findingsOf(ruleId: string, text: string, options: RuleLintOptions = {}): SeenFinding[] {
  const settings = options.force
    ? { ...options.settings, rules: { ...options.settings?.rules, [ruleId]: 'warning' as const } }
    : options.settings;
  const result = lintText(text, options.language ?? languageOf(ruleNamed(ruleId)), settings, options.environment);
  return result.findings
    .filter((f) => f.rule.id === ruleId)
    .map((f) => ({ ...f, text: result.document.getText(f.range) }));
}

/** The text each finding of a rule covers. */
export function flaggedBy(ruleId: string, text: string, options: RuleLintOptions = {}): string[] {
  return findingsOf(ruleId, text, options).map((f) => f.text);
}

/** What each finding of a rule says, and the text it covers. */
export function reportsOf(
  ruleId: string,
  text: string,
  options: RuleLintOptions = {},
): { message: string; text: string }[] {
  return findingsOf(ruleId, text, options).map((f) => ({ message: f.message, text: f.text }));
}

/** The first finding of a rule (failing when the rule reports nothing). */
export function firstFindingOf(ruleId: string, text: string, options: RuleLintOptions = {}): SeenFinding {
  const [finding] = findingsOf(ruleId, text, options);
  assert.ok(finding, `${ruleId} not reported in:\n${text}`);
  return finding;
}

/** The fix proposals of the first finding of a rule (failing when the rule reports nothing). */
export function proposalsOf(ruleId: string, text: string, options: RuleLintOptions = {}): FixProposal[] {
  return firstFindingOf(ruleId, text, options).fixes?.() ?? [];
}

/** A fix proposal applied on its own to the text. */
export interface AppliedProposal {
  title: string;
  safe: boolean;
  result: string;
}

/** Every fix proposal of the first finding of a rule, each applied on its own (failing when the rule reports nothing). */
export function appliedProposalsOf(ruleId: string, text: string, options: RuleLintOptions = {}): AppliedProposal[] {
  return proposalsOf(ruleId, text, options).map((fix) => ({
    title: fix.title,
    safe: fix.safe,
    result: applyEdits(text, fix.edits),
  }));
}

/** `text` after fix number `fix` (the first by default) of the first finding of a rule, or null when there is none. */
export function fixedBy(ruleId: string, text: string, options: RuleLintOptions & { fix?: number } = {}): string | null {
  const proposal = findingsOf(ruleId, text, options)[0]?.fixes?.()[options.fix ?? 0];
  return proposal ? applyEdits(text, proposal.edits) : null;
}

/** The environment of a Dockerfile whose build context has this `.dockerignore` (null: none). */
export function withDockerignore(text: string | null): LintEnvironment {
  return { dockerignore: text === null ? null : { path: '/ctx/.dockerignore', text } };
}
