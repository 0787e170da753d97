/**
 * Code actions: each finding's fixes (from its rule), fix-all for a rule,
 * disable-for-line / disable-for-file pragmas, explain the rule, and
 * `source.fixAll.docker-coach`.
 */
import {
  CodeAction,
  CodeActionContext,
  CodeActionKind,
  Command,
  CreateFile,
  Diagnostic,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-types';
import { DockerfileModel } from '../dockerfile/model';
import { Commands, DockerCoachSettings, ExplainRuleArguments, FIX_ALL_KIND, InsertSnippetArguments } from '../protocol';
import { FixProposal, Rule } from '../rules/types';
import { SHELLCHECK_SOURCE } from '../shellcheck/shellcheck';
import { fixAllText, minimalEdit } from '../engine/fixes';
import { LintResult, RuleFinding, SOURCE } from '../engine/lint';
import { sameRange } from '../util/ranges';

/**
 * The finding a diagnostic stands for. Findings are sorted by position: a binary search finds the first one
 * starting where the diagnostic starts, so a request costs no scan of a large file's findings.
 */
function findingOf(result: LintResult, diagnostic: Diagnostic): RuleFinding | undefined {
  const { findings } = result;
  const { line, character } = diagnostic.range.start;
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const start = findings[middle].range.start;
    if (start.line < line || (start.line === line && start.character < character)) low = middle + 1;
    else high = middle;
  }
  for (
    let i = low;
    i < findings.length && findings[i].range.start.line === line && findings[i].range.start.character === character;
    i++
  ) {
    if (findings[i].rule.id === diagnostic.code && sameRange(findings[i].range, diagnostic.range)) return findings[i];
  }
  return undefined;
}

/** How many findings with fixes each rule has in a lint result, counted once per result. */
const fixableCounts = new WeakMap<LintResult, Map<string, number>>();
function fixableCount(result: LintResult, ruleId: string): number {
  let counts = fixableCounts.get(result);
  if (!counts) {
    counts = new Map();
    for (const f of result.findings) if (f.fixes) counts.set(f.rule.id, (counts.get(f.rule.id) ?? 0) + 1);
    fixableCounts.set(result, counts);
  }
  return counts.get(ruleId) ?? 0;
}

function wantsKind(context: CodeActionContext, kind: string): boolean {
  if (!context.only || context.only.length === 0) return kind.startsWith(CodeActionKind.QuickFix);
  return context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
}

/** What the editor supports, which decides how fixes that are more than text edits are offered. */
export interface ActionFeatures {
  /** Quick fixes may run `Commands.insertSnippet` (the VS Code client). */
  snippetCommand: boolean;
  /** The client runs `Commands.explainRule`; other editors would answer "command not found". */
  explainCommand?: boolean;
  /** Workspace edits may create files. */
  createFiles: boolean;
  /** Workspace edits may change several documents (`documentChanges`). */
  documentChanges: boolean;
  /** The editor resolves a code action's edit lazily (`codeAction/resolve`). */
  resolveEdits?: boolean;
}

export const PLAIN_EDITS: ActionFeatures = { snippetCommand: false, createFiles: false, documentChanges: false };

/** The `data` of a fix-all-of-one-rule action whose edit is computed on `codeAction/resolve`. */
export interface FixRuleData {
  fixAllRule: string;
  uri: string;
  version: number;
}

/** Computes the edit of a lazily offered action (see `FixRuleData`); unchanged when it does not apply any more. */
export function resolveCodeAction(
  action: CodeAction,
  result: LintResult,
  settings: DockerCoachSettings,
  budgetMs = Infinity,
): CodeAction {
  const data = action.data as Partial<FixRuleData> | undefined;
  if (!data?.fixAllRule || data.uri !== result.document.uri || data.version !== result.document.version) return action;
  const edit = fixAllEdit(result, settings, data.fixAllRule, budgetMs);
  return edit ? { ...action, edit: { changes: { [data.uri]: [edit] } } } : action;
}

/** A proposal as a code action: text edits, a snippet to fill in, or files to create. Null when the editor cannot apply it. */
function proposalAction(
  uri: string,
  version: number,
  proposal: FixProposal,
  diagnostic: Diagnostic,
  preferred: boolean,
  features: ActionFeatures,
): CodeAction | null {
  const action: CodeAction = {
    title: proposal.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
  };
  if (proposal.otherFiles?.length) {
    if (proposal.otherFiles.some((f) => f.create) && !features.createFiles) return null;
    if (!features.documentChanges) return null;
    const changes: (CreateFile | TextDocumentEdit)[] = [];
    for (const file of proposal.otherFiles) {
      if (file.create) changes.push(CreateFile.create(file.uri, { ignoreIfExists: true }));
      changes.push(TextDocumentEdit.create({ uri: file.uri, version: null }, file.edits));
    }
    if (proposal.edits.length) changes.push(TextDocumentEdit.create({ uri, version }, proposal.edits));
    action.edit = { documentChanges: changes };
    return action;
  }
  if (proposal.snippet !== undefined && proposal.edits.length === 1 && features.snippetCommand) {
    action.command = Command.create(
      proposal.title,
      Commands.insertSnippet,
      ...([uri, proposal.edits[0].range, proposal.snippet, version] satisfies InsertSnippetArguments),
    );
    return action;
  }
  action.edit = { changes: { [uri]: proposal.edits } };
  return action;
}

/**
 * The kinds of the actions that are not fixes, below `quickfix` so that a client asking for quick fixes gets
 * them, and after the fixes in the list.
 */
export const DISABLE_KIND = `${CodeActionKind.QuickFix}.disable`;
export const EXPLAIN_KIND = `${CodeActionKind.QuickFix}.explain`;

/**
 * The actions for the diagnostics of a request, in the order the light bulb lists them: the preferred fixes,
 * the other fixes (by finding, one per rule and title), fix-all of a rule, then per rule "disable for this
 * line", "disable for this file" and "explain", each once however many findings of the rule the request holds.
 */
export function codeActions(
  result: LintResult,
  context: CodeActionContext,
  settings: DockerCoachSettings,
  features: ActionFeatures = PLAIN_EDITS,
  budgetMs = Infinity,
): CodeAction[] {
  const uri = result.document.uri;
  const fixAll: CodeAction[] = [];
  if (context.only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`))) {
    const edit = fixAllEdit(result, settings, undefined, budgetMs);
    if (edit)
      fixAll.push({
        title: 'Docker Coach: fix all safe problems',
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: [edit] } },
      });
  }
  if (![CodeActionKind.QuickFix, DISABLE_KIND, EXPLAIN_KIND].some((kind) => wantsKind(context, kind))) return fixAll;

  const preferred: CodeAction[] = [];
  const alternatives: CodeAction[] = [];
  const fixAllOfRule: CodeAction[] = [];
  /** Per rule (or ShellCheck code), in the order first met: its disable and explain actions. */
  const rest = new Map<string, { lines: CodeAction[]; file?: CodeAction; explain?: CodeAction }>();
  const offeredFixes = new Set<string>();
  const disabledLines = new Set<string>();
  const restOf = (id: string) => rest.get(id) ?? rest.set(id, { lines: [] }).get(id)!;
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source === SHELLCHECK_SOURCE && typeof diagnostic.code === 'string') {
      const { suggestion, disable } = shellcheckActions(result, diagnostic, settings);
      if (suggestion && !offeredFixes.has(`${diagnostic.code}\0${suggestion.title}`)) {
        offeredFixes.add(`${diagnostic.code}\0${suggestion.title}`);
        alternatives.push(suggestion);
      }
      if (disable && !disabledLines.has(`${diagnostic.code}\0${disable.line}`)) {
        disabledLines.add(`${diagnostic.code}\0${disable.line}`);
        restOf(diagnostic.code).lines.push(disable.action);
      }
      continue;
    }
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const finding = findingOf(result, diagnostic);
    if (!finding) continue;
    const rule = finding.rule;
    const proposals = finding.fixes?.() ?? [];
    const safeCount = proposals.filter((p) => p.safe).length;
    proposals.forEach((proposal, index) => {
      // Two findings of a rule in one request offer the same fix twice: the first stands for both (fix-all follows).
      const key = `${rule.id}\0${proposal.title}`;
      if (offeredFixes.has(key)) return;
      offeredFixes.add(key);
      const isPreferred = proposal.safe && (proposal.preferred ?? (index === 0 && safeCount === 1));
      const action = proposalAction(uri, result.document.version, proposal, diagnostic, isPreferred, features);
      if (action) (isPreferred ? preferred : alternatives).push(action);
    });
    const firstOfRule = !rest.has(rule.id);
    const actions = restOf(rule.id);
    if (firstOfRule && fixableCount(result, rule.id) > 1 && rule.fix !== 'none') {
      const title = `Fix all "${rule.id}" problems in this file`;
      if (features.resolveEdits) {
        // Fix-all lints the file again for each pass: only do it when the user picks the action.
        const data: FixRuleData = { fixAllRule: rule.id, uri, version: result.document.version };
        fixAllOfRule.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], data });
      } else {
        const edit = fixAllEdit(result, settings, rule.id, budgetMs);
        if (edit)
          fixAllOfRule.push({
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [uri]: [edit] } },
          });
      }
    }
    // A pragma would do nothing when the configuration disables them.
    if (settings.honorInlinePragmas) {
      const line = disableForLine(result, finding, diagnostic);
      if (!disabledLines.has(`${rule.id}\0${line.line}`)) {
        disabledLines.add(`${rule.id}\0${line.line}`);
        actions.lines.push(line.action);
      }
      if (firstOfRule) actions.file = disableForFile(result, rule, diagnostic);
    }
    if (firstOfRule && features.explainCommand) {
      actions.explain = {
        title: `Explain "${rule.id}"`,
        kind: EXPLAIN_KIND,
        diagnostics: [diagnostic],
        command: Command.create(
          `Explain ${rule.id}`,
          Commands.explainRule,
          ...([rule.id] satisfies ExplainRuleArguments),
        ),
      };
    }
  }
  const perRule = [...rest.values()];
  // Each rule's disable actions, then the explanations, so that "Explain" ends the list.
  const disables = perRule.flatMap((r) => (r.file ? [...r.lines, r.file] : r.lines));
  const ordered = [
    ...preferred,
    ...alternatives,
    ...fixAllOfRule,
    ...disables,
    ...perRule.flatMap((r) => (r.explain ? [r.explain] : [])),
  ];
  return [...fixAll, ...ordered.filter((action) => wantsKind(context, action.kind!))];
}

/** The edit of fix-all (of one rule), within `budgetMs` of linting when given. */
export function fixAllEdit(
  result: LintResult,
  settings: DockerCoachSettings,
  onlyRule?: string,
  budgetMs = Infinity,
): TextEdit | null {
  const fixed = fixAllText(result.document, settings, onlyRule, result.environment, budgetMs);
  return minimalEdit(result.document, fixed.text);
}

/** The pragma code to write: hadolint's when the file already uses hadolint pragmas and the rule has a code there. */
function pragmaFor(result: LintResult, rule: Rule, finding?: RuleFinding): { tool: string; code: string } {
  if (result.suppressions.usesHadolint) {
    const codes = rule.equivalents.filter((e) => e.tool === 'hadolint').map((e) => e.id);
    const code = finding?.hadolintCode ?? (codes.length === 1 ? codes[0] : undefined);
    if (code) return { tool: 'hadolint', code };
  }
  return { tool: 'docker-coach', code: rule.id };
}

function lineAt(result: LintResult, line: number): string {
  const doc = result.document;
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/** "Disable for this line", and the line its pragma goes above (the instruction's first line). */
function disableForLine(
  result: LintResult,
  finding: RuleFinding,
  diagnostic: Diagnostic,
): { action: CodeAction; line: number } {
  const { tool, code } = pragmaFor(result, finding.rule, finding);
  const { edit, line } = linePragmaEdit(result, finding.range.start.line, tool, code);
  return {
    action: {
      title: `Disable "${finding.rule.id}" for this line`,
      kind: DISABLE_KIND,
      diagnostics: [diagnostic],
      edit: { changes: { [result.document.uri]: [edit] } },
    },
    line,
  };
}

/** Adds `code` to the ignore comment above the instruction holding `line`, or writes one. */
function linePragmaEdit(
  result: LintResult,
  line: number,
  tool: string,
  code: string,
): { edit: TextEdit; line: number } {
  const doc = result.document;
  let targetLine = line;
  if (result.model instanceof DockerfileModel) {
    const instruction = result.model.ast
      .getInstructions()
      .find((i) => i.getRange().start.line <= targetLine && i.getRange().end.line >= targetLine);
    if (instruction) targetLine = instruction.getRange().start.line;
  }
  const nl = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const above = targetLine > 0 ? lineAt(result, targetLine - 1) : '';
  const existing = new RegExp(`^(\\s*#\\s*${tool}\\s+ignore\\s*=\\s*)(.*?)\\s*$`).exec(above);
  if (existing) {
    const edit = TextEdit.replace(
      { start: { line: targetLine - 1, character: 0 }, end: { line: targetLine - 1, character: above.length } },
      `${existing[1]}${existing[2]},${code}`,
    );
    return { edit, line: targetLine };
  }
  const indent = /^[ \t]*/.exec(lineAt(result, targetLine))![0];
  return {
    edit: TextEdit.insert({ line: targetLine, character: 0 }, `${indent}# ${tool} ignore=${code}${nl}`),
    line: targetLine,
  };
}

/** ShellCheck's own suggestion (never preferred: it can change word splitting on purpose) and a pragma. */
function shellcheckActions(
  result: LintResult,
  diagnostic: Diagnostic,
  settings: DockerCoachSettings,
): { suggestion?: CodeAction; disable?: { action: CodeAction; line: number } } {
  const code = String(diagnostic.code);
  const uri = result.document.uri;
  const actions: { suggestion?: CodeAction; disable?: { action: CodeAction; line: number } } = {};
  const fix = (diagnostic.data as { shellcheckFix?: TextEdit[] } | undefined)?.shellcheckFix;
  if (Array.isArray(fix) && fix.length) {
    actions.suggestion = {
      title: `Apply ShellCheck's suggestion (${code})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: fix } },
    };
  }
  if (settings.honorInlinePragmas) {
    const tool = result.suppressions.usesHadolint ? 'hadolint' : 'docker-coach';
    const { edit, line } = linePragmaEdit(result, diagnostic.range.start.line, tool, code);
    actions.disable = {
      action: {
        title: `Disable ${code} for this instruction`,
        kind: DISABLE_KIND,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [edit] } },
      },
      line,
    };
  }
  return actions;
}

function disableForFile(result: LintResult, rule: Rule, diagnostic: Diagnostic): CodeAction {
  const doc = result.document;
  const { tool, code } = pragmaFor(result, rule);
  const nl = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  let line = 0;
  if (result.model instanceof DockerfileModel) {
    // Parser directives must stay first, or Docker reads them as plain comments.
    for (const directiveLine of result.model.directiveLines()) line = directiveLine + 1;
  }
  const edit = TextEdit.insert({ line, character: 0 }, `# ${tool} global ignore=${code}${nl}`);
  return {
    title: `Disable "${rule.id}" for this file`,
    kind: DISABLE_KIND,
    diagnostics: [diagnostic],
    edit: { changes: { [doc.uri]: [edit] } },
  };
}
