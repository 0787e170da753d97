/**
 * The rule engine: parse once per document version, run the enabled rules on
 * the shared model, apply pragmas and settings, and turn findings into LSP
 * diagnostics. Pure: no I/O, no editor.
 */
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver-types';
import { ComposeModel } from '../compose/model';
import { checkDirective, CheckDirective, instructionCheckSkips } from '../dockerfile/directives';
import { DockerfileModel, forgetInstructionCaches, forgetJsonArrays } from '../dockerfile/model';
import { guardTemplate, guardTriggers } from './guards';
import { forgetShellParses } from '../shell/shell';
import { DockerignoreModel } from '../dockerignore/model';
import { EXPERIMENTAL_BUILDKIT_CHECKS } from '../data/directives';
import {
  COMPOSE_LANGUAGE_ID,
  DOCKERFILE_LANGUAGE_ID,
  DOCKERIGNORE_LANGUAGE_ID,
  DockerCoachSettings,
  SeverityName,
  SeveritySetting,
} from '../protocol';
import { COMPOSE_RULES, DOCKERFILE_RULES, DOCKERIGNORE_RULES } from '../rules/registry';
import { forgetCleanStatements } from '../rules/dockerfile/dockerfile-syntax';
import { DockerignoreFile, Finding, formatMessage, inPreset, NestedFinding, Rule, RuleContext } from '../rules/types';
import { findPragmas, limitStagePragmas, suppressions, Suppressions } from './pragmas';
import type { FileKind } from '../util/files';
import type { ComposeProjectContext } from '../compose/project/projectContext';
import { SizedCache } from '../util/sizedCache';
import { compareCodeUnits } from '../util/order';

export const SOURCE = 'docker-coach';

export interface RuleFinding extends Finding {
  rule: Rule;
  severity: SeverityName;
  message: string;
}

export interface LintResult {
  /** The document as linted. */
  document: TextDocument;
  findings: RuleFinding[];
  /** Problems that are not rule findings: YAML syntax errors, skipped files, rule crashes. */
  notices: Diagnostic[];
  suppressions: Suppressions;
  model: DockerfileModel | ComposeModel | DockerignoreModel | null;
  /** The workspace facts it was linted with. */
  environment: LintEnvironment;
  /** Rules that threw on this document, with the error (also reported as a notice). */
  ruleErrors: { ruleId: string; error: string }[];
}

export interface LintOptions {
  /** Builds the documentation link for a rule. */
  docsUri: (rule: Rule) => string;
}

export function isComposeDocument(document: TextDocument): boolean {
  return document.languageId === COMPOSE_LANGUAGE_ID;
}

export function isDockerignoreDocument(document: TextDocument): boolean {
  return document.languageId === DOCKERIGNORE_LANGUAGE_ID;
}

/**
 * BuildKit's `# check=` directive, for rules that are BuildKit checks: `skip`
 * turns them off, `error=true` makes them errors, `experimental` turns on the
 * experimental ones outside the preset unless the settings turned them off.
 */
export function withCheckDirective(
  rule: Rule,
  severity: SeveritySetting,
  settings: DockerCoachSettings,
  directive: CheckDirective | null,
): SeveritySetting {
  if (!directive) return severity;
  const names = rule.equivalents.filter((e) => e.tool === 'buildkit').map((e) => e.id.toLowerCase());
  if (names.length === 0) return severity;
  const listed = (set: Set<string> | 'all') => set === 'all' || names.some((n) => set.has(n));
  const experimental = rule.equivalents.some((e) => e.tool === 'buildkit' && EXPERIMENTAL_BUILDKIT_CHECKS.has(e.id));
  // BuildKit runs an experimental check that `experimental=` turns on even under `skip=all` (its skip list is for the others).
  if (listed(directive.skip) && !(experimental && listed(directive.experimental))) return 'off';
  let result = severity;
  const explicitlySet =
    settings.rules[rule.id] !== undefined || rule.equivalents.some((e) => settings.rules[e.id] !== undefined);
  if (result === 'off' && experimental && !explicitlySet && listed(directive.experimental))
    result = rule.defaultSeverity;
  if (result !== 'off' && directive.error) result = 'error';
  return result;
}

/** Whether a `# check=skip=…` comment right above the instruction names this rule's BuildKit check (or says `all`). */
function skippedByCommentAbove(rule: Rule, skip: Set<string> | 'all' | null): boolean {
  if (!skip) return false;
  return rule.equivalents.some((e) => e.tool === 'buildkit' && (skip === 'all' || skip.has(e.id.toLowerCase())));
}

/**
 * Each rule list with the severities it runs at under a settings object
 * (editors and the CLI lint many documents under the same settings).
 */
interface Severities {
  all: readonly { rule: Rule; severity: SeveritySetting }[];
  /** The rules that run when no `# check=` directive turns others on. */
  on: readonly { rule: Rule; severity: SeveritySetting }[];
}

const severityCache = new WeakMap<DockerCoachSettings, Map<readonly Rule[], Severities>>();

function severitiesUnder(rules: readonly Rule[], settings: DockerCoachSettings): Severities {
  let cached = severityCache.get(settings);
  if (!cached) {
    cached = new Map();
    severityCache.set(settings, cached);
  }
  let severities = cached.get(rules);
  if (!severities) {
    const all = rules.map((rule) => ({ rule, severity: effectiveSeverity(rule, settings) }));
    severities = { all, on: all.filter((entry) => entry.severity !== 'off') };
    cached.set(rules, severities);
  }
  return severities;
}

/**
 * The severity a rule runs with under `settings`, or 'off': an override (which may
 * name an equivalent code), else the rule's own severity when the preset runs it.
 */
export function effectiveSeverity(rule: Rule, settings: DockerCoachSettings): SeveritySetting {
  const overrides = settings.rules ?? {};
  if (overrides[rule.id] !== undefined) return overrides[rule.id];
  // A rule that covers several hadolint codes (DL3006 and DL3007) is set per finding instead.
  const split = hadolintCodes(rule).length > 1;
  for (const eq of rule.equivalents) {
    if (split && eq.tool === 'hadolint') continue;
    const value = overrides[eq.id];
    if (value !== undefined) return value;
  }
  if (inPreset(rule, settings.preset)) return rule.defaultSeverity;
  // Outside the preset, a split rule runs when one of its codes is turned on; its other codes stay off (findingSeverity).
  return split && hadolintCodes(rule).some((code) => overrides[code] !== undefined && overrides[code] !== 'off')
    ? rule.defaultSeverity
    : 'off';
}

function hadolintCodes(rule: Rule): string[] {
  return rule.equivalents.filter((e) => e.tool === 'hadolint').map((e) => e.id);
}

/** The severity of one finding of a rule that covers several hadolint codes, when the settings name its code. */
function findingSeverity(
  rule: Rule,
  finding: Finding,
  ruleSeverity: SeveritySetting,
  settings: DockerCoachSettings,
): SeveritySetting {
  const code = finding.hadolintCode;
  if (!code || settings.rules[rule.id] !== undefined) return ruleSeverity;
  const override = settings.rules[code] ?? settings.rules[code.toUpperCase()];
  if (hadolintCodes(rule).length < 2) return ruleSeverity;
  // A split rule outside the preset runs only for the codes the settings turn on.
  return override ?? (inPreset(rule, settings.preset) ? ruleSeverity : 'off');
}

const MILDER: Record<SeverityName, SeverityName> = { error: 'warning', warning: 'info', info: 'hint', hint: 'hint' };

const WHOLE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Workspace facts the caller looked up for a document (see `RuleContext`). */
export interface LintEnvironment {
  dockerignore?: DockerignoreFile | null;
  /** For compose files on disk: whether a referenced file exists (see `RuleContext`). */
  fileExists?: (absolutePath: string) => boolean;
  /** For compose files on disk: a referenced file's text, null when it cannot be read. */
  readFile?: (absolutePath: string) => string | null;
  /**
   * What a path is (file and size, folder, FIFO/device/socket, missing), so that a file that
   * cannot be read gets a finding that says why. Same availability as `fileExists`.
   */
  fileKind?: (absolutePath: string) => FileKind;
  /** For compose files on disk: the Compose project around the document (`engine/composeProjects.ts`). */
  composeProject?: (document: TextDocument) => ComposeProjectContext | null;
}

/**
 * Dockerfiles linted on behalf of compose files, by settings, path and text: bounded by
 * size (the key holds the whole text: 12 MB keeps a Dockerfile of the 2 MB size limit), a finding
 * estimated at 300 bytes.
 */
const nestedLints = new SizedCache<string, NestedFinding[]>(
  12 * 1024 * 1024,
  (key, findings) => key.length + 300 * findings.length,
);

/**
 * Forgets what is cached by content across documents and versions (shell parses
 * and exec-form JSON by text, Dockerfiles linted for compose files): a
 * benchmark that lints the same files again measures lints that start from
 * nothing, not cache hits, and the server gives the memory back after
 * documents close.
 */
export function forgetContentCaches(): void {
  forgetShellParses();
  forgetJsonArrays();
  forgetInstructionCaches();
  forgetCleanStatements();
  nestedLints.clear();
}

function lintNestedDockerfile(settings: DockerCoachSettings, absolutePath: string, text: string): NestedFinding[] {
  const key = JSON.stringify([settings, absolutePath, text]);
  const cached = nestedLints.get(key);
  if (cached) return cached;
  const uri = pathToFileURL(absolutePath).toString();
  const result = lint(TextDocument.create(uri, DOCKERFILE_LANGUAGE_ID, 1, text), settings);
  const findings = result.findings.map((f) => ({
    ruleId: f.rule.id,
    severity: f.severity,
    message: f.message,
    range: f.range,
  }));
  nestedLints.set(key, findings);
  return findings;
}

/**
 * The time budget of one lint in the editor: a 2 MB file of any shape gets its (partial) diagnostics
 * within a few seconds. The model parse comes first and counts against it.
 */
export const EDITOR_LINT_BUDGET_MS = 2500;
/**
 * Past the budget, rules still run, without new shell parses (the costly part of a lint, and what a
 * huge file has most of); past this many budgets, the remaining rules are skipped too.
 */
export const RULES_BUDGET_FACTOR = 1.5;

/**
 * Lints a document. With a `budgetMs` (the editor's; the CLI has none), RUN
 * scripts not parsed when the lint has worked that long are left out, and
 * rules not run by `RULES_BUDGET_FACTOR` times that are skipped: the result is
 * partial, and a notice says so.
 */
export function lint(
  document: TextDocument,
  settings: DockerCoachSettings,
  models?: ModelSource,
  environment: LintEnvironment = {},
  budgetMs = Infinity,
): LintResult {
  // With no slice length the steps never pause: one call runs the whole lint.
  const step = lintSteps(document, settings, models, environment, Infinity, budgetMs).next();
  if (!step.done) throw new Error('lint paused without a time budget');
  return step.value;
}

/**
 * The same lint, in slices: it gives the event loop back whenever a slice has
 * run for `sliceMs` (checked between rules and after the parse), so one huge
 * document never holds up hovers, completions or other documents for long.
 * Returns null, without finishing, as soon as `isStale()` says the result is no
 * longer wanted (the document changed or closed meanwhile). Small documents
 * finish in their first slice, with no delay at all.
 */
export async function lintInSlices(
  document: TextDocument,
  settings: DockerCoachSettings,
  models: ModelSource | undefined,
  environment: LintEnvironment,
  isStale: () => boolean,
  sliceMs = 10,
  budgetMs = Infinity,
): Promise<LintResult | null> {
  const steps = lintSteps(document, settings, models, environment, sliceMs, budgetMs);
  let step = steps.next();
  while (!step.done) {
    await new Promise((resolve) => setImmediate(resolve));
    if (isStale()) {
      steps.return(undefined as never);
      return null;
    }
    step = steps.next();
  }
  return step.value;
}

/**
 * The lint as a generator that pauses (yields) at a step boundary (after the
 * parse, after a rule) once it has run for `sliceMs` since it last started or
 * resumed; its return value is the result. `budgetMs` bounds the time it works
 * (the pauses do not count).
 */
function* lintSteps(
  document: TextDocument,
  settings: DockerCoachSettings,
  models: ModelSource | undefined,
  environment: LintEnvironment,
  sliceMs: number,
  budgetMs: number,
): Generator<void, LintResult, void> {
  const timed = sliceMs !== Infinity || budgetMs !== Infinity;
  let sliceStart = timed ? performance.now() : 0;
  /** Time worked in the slices before the current one. */
  let worked = 0;
  const sliceOver = () => sliceMs !== Infinity && performance.now() - sliceStart >= sliceMs;
  const budgetOver = () =>
    budgetMs !== Infinity && worked + performance.now() - sliceStart >= budgetMs * RULES_BUDGET_FACTOR;
  /** When the current slice runs out of budget (for the shell parses of a Dockerfile model). */
  const deadline = () => (budgetMs === Infinity ? Infinity : sliceStart + budgetMs - worked);
  let dockerfileModel: DockerfileModel | null = null;
  let rulesRun = 0;
  let rulesToRun = 0;
  let stopped = false;
  const text = document.getText();
  const empty = (notice?: Diagnostic): LintResult => ({
    document,
    findings: [],
    notices: notice ? [notice] : [],
    suppressions: suppressions([]),
    model: null,
    environment,
    ruleErrors: [],
  });
  if (!settings.enable) return empty();
  if (text.length > settings.maxFileSize) return empty(tooLargeNotice(settings));
  if (text.includes('\u0000')) {
    return empty(
      notice(
        'Not linted: this looks like a binary file, not a text Dockerfile or compose file.',
        DiagnosticSeverity.Warning,
      ),
    );
  }

  // Every pragma says "ignore": most files have none, and need no line split.
  const pragmas =
    settings.honorInlinePragmas && text.includes('ignore')
      ? findPragmas(text.split(/\r?\n/), settings.honorHadolintPragmas)
      : [];
  const pragmaSet = suppressions(pragmas);
  const findings: RuleFinding[] = [];
  const notices: Diagnostic[] = [];
  const ruleErrors: LintResult['ruleErrors'] = [];
  const context: RuleContext = { settings, dockerignore: environment.dockerignore };
  if (isComposeDocument(document)) {
    context.fileExists = environment.fileExists;
    context.readFile = environment.readFile;
    context.fileKind = environment.fileKind;
    context.lintDockerfile = (absolutePath, dockerfileText) =>
      lintNestedDockerfile(settings, absolutePath, dockerfileText);
    const projectOf = environment.composeProject;
    if (projectOf) {
      // Loaded when a rule first asks, once per lint; a loader failure means no project, never a failed lint.
      let project: ComposeProjectContext | null | undefined;
      context.composeProject = () => {
        if (project === undefined) {
          try {
            project = projectOf(document);
          } catch {
            project = null;
          }
        }
        return project;
      };
    }
  }

  const directive = isComposeDocument(document) ? null : checkDirective(text);
  const skippedAbove =
    isComposeDocument(document) || isDockerignoreDocument(document) ? () => null : instructionCheckSkips(text);
  // One report function for every rule (the rule it reports for is set before each check).
  let rule: Rule;
  let severity: SeveritySetting;
  let constructStart: (line: number) => number;
  const report = (finding: Finding): void => {
    const start = constructStart(finding.range.start.line);
    if (pragmaSet.isSuppressed(rule, start, finding.hadolintCode) || skippedByCommentAbove(rule, skippedAbove(start)))
      return;
    const own = withCheckDirective(rule, findingSeverity(rule, finding, severity, settings), settings, directive);
    if (own === 'off') return;
    findings.push({
      ...finding,
      rule,
      severity: finding.milder ? MILDER[own] : own,
      message: formatMessage(rule.messages[finding.messageId] ?? finding.messageId, finding.data),
    });
  };
  /** Gives the event loop back between slices; the time paused does not count against the budget. */
  function* pause(): Generator<void, void, void> {
    worked += performance.now() - sliceStart;
    yield;
    sliceStart = performance.now();
    if (dockerfileModel) dockerfileModel.shellDeadline = deadline();
  }
  function* run<M>(
    rules: readonly Rule[],
    model: M,
    startOf: (line: number) => number,
    sink: (finding: Finding) => void = report,
  ): Generator<void, void, void> {
    constructStart = startOf;
    if (sliceOver()) yield* pause();
    // Filtered once per settings: a `# check=` directive may turn on rules the settings leave off.
    const severities = severitiesUnder(rules, settings);
    const entries = directive ? severities.all : severities.on;
    rulesToRun = entries.length;
    // An index loop: in this generator, for-of allocated an iterator result per rule.
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (budgetOver()) {
        stopped = true;
        return;
      }
      rulesRun++;
      rule = entry.rule;
      severity = withCheckDirective(rule, entry.severity, settings, directive);
      if (severity === 'off') continue;
      try {
        (rule.check as (m: M, r: (f: Finding) => void, c: RuleContext) => void)(model, sink, context);
      } catch (err) {
        ruleErrors.push({ ruleId: rule.id, error: (err as Error)?.stack ?? String(err) });
        notices.push(
          notice(
            `Docker Coach: rule "${rule.id}" failed on this document (${(err as Error)?.message ?? String(err)}). Please report it.`,
            DiagnosticSeverity.Hint,
          ),
        );
      }
      if (sliceOver()) yield* pause();
    }
  }

  let model: DockerfileModel | ComposeModel | DockerignoreModel;
  if (isDockerignoreDocument(document)) {
    // A line-based format, parsed in one pass: no cache needed.
    model = new DockerignoreModel(document);
    yield* run(DOCKERIGNORE_RULES, model, (line) => line);
  } else if (isComposeDocument(document)) {
    const compose = models ? models.compose(document) : new ComposeModel(document);
    model = compose;
    yield* run(COMPOSE_RULES, compose, (line) => line);
  } else {
    const dockerfile = models ? models.dockerfile(document) : new DockerfileModel(document);
    model = dockerfile;
    if (budgetMs !== Infinity) {
      dockerfileModel = dockerfile;
      dockerfile.shellDeadline = deadline();
    }
    // Stage pragmas end with their build stage.
    if (pragmas.some((p) => p.stage))
      limitStagePragmas(
        pragmas,
        dockerfile.stages.map((s) => s.from.getRange().start.line),
      );
    const instructionStarts = dockerfile.ast
      .getInstructions()
      .map((i) => [i.getRange().start.line, i.getRange().end.line] as const);
    // In a template, what rules say about the template's actions is dropped, with the fixes that would edit them;
    // in ONBUILD triggers, fixes that would edit outside the trigger are dropped.
    const templateSink = guardTriggers(
      dockerfile,
      dockerfile.template ? guardTemplate(dockerfile.template, report) : report,
    );
    try {
      yield* run(
        DOCKERFILE_RULES,
        dockerfile,
        (line) => {
          // Suppression targets the instruction's first line, wherever in it the finding is.
          // Instructions are in document order and do not overlap: binary search for the last one starting at or before the line.
          let low = 0;
          let high = instructionStarts.length;
          while (low < high) {
            const middle = (low + high) >> 1;
            if (instructionStarts[middle][0] <= line) low = middle + 1;
            else high = middle;
          }
          const containing = instructionStarts[low - 1];
          return containing && line <= containing[1] ? containing[0] : line;
        },
        templateSink,
      );
    } finally {
      dockerfile.shellDeadline = Infinity;
    }
  }
  findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      compareCodeUnits(a.rule.id, b.rule.id),
  );
  if (stopped || dockerfileModel?.shellSkipped) {
    const what = [
      stopped ? `${rulesRun} of ${rulesToRun} rules ran` : '',
      dockerfileModel?.shellSkipped ? 'some RUN scripts were not analysed' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    notices.push(
      notice(
        `Partial check: this file took longer than ${budgetMs / 1000} s to check, so ${what}; problems may be missing. The command line linter (docker-coach lint) checks it in full.`,
        DiagnosticSeverity.Information,
      ),
    );
  }
  return { document, findings, notices, suppressions: pragmaSet, model, environment, ruleErrors };
}

export interface ModelSource {
  dockerfile(document: TextDocument): DockerfileModel;
  compose(document: TextDocument): ComposeModel;
}

/** The notice of a document larger than `dockerCoach.maxFileSize`, which is not linted. */
export function tooLargeNotice(settings: DockerCoachSettings): Diagnostic {
  return notice(
    `Not linted: the file is larger than ${Math.round(settings.maxFileSize / 1024)} KiB (setting dockerCoach.maxFileSize).`,
    DiagnosticSeverity.Information,
  );
}

function notice(message: string, severity: DiagnosticSeverity): Diagnostic {
  return { range: WHOLE_START, severity, source: SOURCE, message };
}

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: RuleFinding, options: LintOptions): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule.id,
    codeDescription: { href: options.docsUri(finding.rule) },
    message: finding.message,
    data: { rule: finding.rule.id },
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: r.uri, range: r.range },
      message: r.message,
    }));
  }
  if (finding.tags?.length) {
    diagnostic.tags = finding.tags.map((t) =>
      t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary,
    );
  }
  return diagnostic;
}

export function diagnosticsOf(result: LintResult, options: LintOptions): Diagnostic[] {
  return [...result.notices, ...result.findings.map((f) => toDiagnostic(f, options))];
}
