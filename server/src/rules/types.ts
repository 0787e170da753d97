/**
 * What a rule is: metadata next to its check and its fix. Adding a rule means
 * one new file in `dockerfile/`, `compose/` or `dockerignore/` and one line in `registry.ts`.
 */
import { Range, TextEdit } from 'vscode-languageserver-types';
import { PRESETS } from '../protocol';
import type { DockerCoachSettings, PresetName, RuleSummary, SeverityName } from '../protocol';
import type { DockerfileModel } from '../dockerfile/model';
import type { ComposeModel } from '../compose/model';
import type { ComposeProjectContext } from '../compose/project/projectContext';
import type { DockerignoreModel } from '../dockerignore/model';
import type { LessonId } from '../protocol';
import type { FileKind } from '../util/files';

export type Language = 'dockerfile' | 'compose' | 'dockerignore';

export type Category = 'security' | 'reliability' | 'performance' | 'maintainability' | 'correctness' | 'style';

/** `safe`: applied by fix-all and `--fix`. `unsafe`: offered only as a quick fix. */
export type FixSafety = 'safe' | 'unsafe' | 'none';

export type EquivalentTool = 'hadolint' | 'buildkit' | 'trivy' | 'dclint' | 'compose-lint';

export interface Equivalent {
  tool: EquivalentTool;
  id: string;
}

export interface RuleExample {
  /** Short caption shown above the example. */
  caption?: string;
  code: string;
  /** For bad examples of rules with a fix: the document after the preferred fix. */
  fixed?: string;
  /** Settings the example is linted with (for rules driven by configuration). */
  settings?: Partial<DockerCoachSettings>;
  /** The build context's `.dockerignore` text; null when the context has none. Unset: unknown. */
  dockerignore?: string | null;
  /** For fixes that write the `.dockerignore`: its text after the first fix. */
  fixedDockerignore?: string;
  /**
   * Files beside the compose file (relative path → text; folders are implied by the
   * paths), for rules that look at the disk. Unset: the disk is unknown.
   */
  files?: Record<string, string>;
  /**
   * For bad examples: every finding the rule reports on `code`, in document order (the docs-example
   * test fails on one more, one fewer or one elsewhere). Not shown on the rule's page.
   */
  expect?: ExpectedFinding[];
}

/**
 * A finding a bad example must produce: its message id, where it starts (1-based line and column,
 * as editors show them) and the text its range covers (so the end follows, and a reader sees it).
 */
export interface ExpectedFinding {
  messageId: string;
  line: number;
  column: number;
  text: string;
}

export interface RuleDocs {
  /** What the rule flags, one or two sentences. */
  flags: string;
  /** Why it matters. */
  why: string;
  bad: RuleExample[];
  good: RuleExample[];
}

export type DiagnosticTagName = 'unnecessary' | 'deprecated';

/** A proposed edit. Edits of one fix never overlap. */
export interface FixProposal {
  title: string;
  edits: TextEdit[];
  /** A safe fix can be applied without review (fix-all, `--fix`). */
  safe: boolean;
  /** Marked as the preferred quick fix (only ever when safe). */
  preferred?: boolean;
  /**
   * A snippet (LSP snippet syntax, `${1:placeholder}`) for the user to fill in,
   * replacing the range of the single edit in `edits`. Editors that can insert
   * snippets use it; others apply `edits`, which hold the same text with the
   * placeholders' default values. Never safe.
   */
  snippet?: string;
  /**
   * Edits to other files: a `.dockerignore` to create (`create`: never
   * overwritten when it exists) or to extend. Never safe: fix-all and
   * `--fix` only change the document itself.
   */
  otherFiles?: OtherFileEdit[];
}

export interface OtherFileEdit {
  uri: string;
  /** Create the file first (the edits then insert its content at 0:0). */
  create?: boolean;
  edits: TextEdit[];
}

export interface Finding {
  /** Key into the rule's `messages`. */
  messageId: string;
  /** Values for `{placeholders}` in the message. */
  data?: Record<string, string | number>;
  range: Range;
  tags?: DiagnosticTagName[];
  /** Computed only when a code action or `--fix` asks for it. */
  fixes?: () => FixProposal[];
  /** The equivalent hadolint code for this finding, when the rule maps to several. */
  hadolintCode?: string;
  /** Reported one severity level below the rule's (a weaker form of the same problem). */
  milder?: boolean;
  /** Places in other files that explain the finding (LSP `relatedInformation`). */
  related?: RelatedLocation[];
}

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export type Report = (finding: Finding) => void;

/** The `.dockerignore` that applies to a Dockerfile's build context. */
export interface DockerignoreFile {
  /** Absolute path of the ignore file. */
  path: string;
  text: string;
}

/**
 * What a rule may know beyond the document: the settings it runs under and
 * facts about the workspace that the caller (editor or CLI) looked up.
 */
export interface RuleContext {
  settings: DockerCoachSettings;
  /**
   * The ignore file of the build context, assuming the context is the
   * Dockerfile's folder: a file, null when that folder has none, undefined
   * when the caller cannot know (untitled documents, stdin).
   */
  dockerignore?: DockerignoreFile | null;
  /**
   * Whether a file or folder exists (absolute path). Supplied by the editor
   * and the CLI for documents on disk; undefined when the caller cannot know.
   */
  fileExists?: (absolutePath: string) => boolean;
  /** A file's text (absolute path), null when it cannot be read. Same availability as `fileExists`. */
  readFile?: (absolutePath: string) => string | null;
  /**
   * What a path is (file and size, folder, FIFO/device/socket, missing), so that a file that
   * cannot be read gets a finding that says why. Same availability as `fileExists`.
   */
  fileKind?: (absolutePath: string) => FileKind;
  /**
   * The Dockerfile rules' findings on a Dockerfile's text, under the same
   * settings. Supplied by the engine to compose rules (cached by path and text).
   */
  lintDockerfile?: (absolutePath: string, text: string) => NestedFinding[];
  /**
   * The Compose project around a compose document on disk (its other files, what they define, its
   * variables); null when it cannot be loaded, undefined when the caller cannot know (untitled
   * documents, stdin). Loaded on the first call.
   */
  composeProject?: () => ComposeProjectContext | null;
}

/** A finding of another document, summarised for a rule that reports about that document. */
export interface NestedFinding {
  ruleId: string;
  severity: SeverityName;
  message: string;
  range: Range;
}

interface RuleBase {
  /** Kebab-case, stable: used in settings, pragmas and documentation. */
  id: string;
  title: string;
  /** The severity of its findings when the rule runs. */
  defaultSeverity: SeverityName;
  /**
   * The smallest preset that runs the rule (see `PresetName`); unset means
   * `recommended`. Chosen by evidence: what the ecosystem check shows on real projects.
   */
  preset?: PresetName;
  category: Category;
  equivalents: Equivalent[];
  docs: RuleDocs;
  lesson: LessonId;
  fix: FixSafety;
  /** Message templates with `{placeholders}`, keyed by message id. */
  messages: Record<string, string>;
}

export interface DockerfileRule extends RuleBase {
  language: 'dockerfile';
  check(model: DockerfileModel, report: Report, context: RuleContext): void;
}

export interface ComposeRule extends RuleBase {
  language: 'compose';
  check(model: ComposeModel, report: Report, context: RuleContext): void;
}

/** A rule about a `.dockerignore` file itself. */
export interface DockerignoreRule extends RuleBase {
  language: 'dockerignore';
  check(model: DockerignoreModel, report: Report, context: RuleContext): void;
}

export type Rule = DockerfileRule | ComposeRule | DockerignoreRule;

export function defineDockerfileRule(rule: Omit<DockerfileRule, 'language'>): DockerfileRule {
  return { ...rule, docs: unwrapDocs(rule.docs), language: 'dockerfile' };
}

export function defineComposeRule(rule: Omit<ComposeRule, 'language'>): ComposeRule {
  return { ...rule, docs: unwrapDocs(rule.docs), language: 'compose' };
}

export function defineDockerignoreRule(rule: Omit<DockerignoreRule, 'language'>): DockerignoreRule {
  return { ...rule, docs: unwrapDocs(rule.docs), language: 'dockerignore' };
}

/**
 * A rule's prose is written as a template literal wrapped to the width of the code: a line break and the
 * indentation around it read as one space, and a blank line separates paragraphs. Code examples are kept
 * byte for byte.
 */
function unwrapDocs(docs: RuleDocs): RuleDocs {
  return { ...docs, flags: unwrapProse(docs.flags), why: unwrapProse(docs.why) };
}

export function unwrapProse(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/[ \t]*\n[ \t]*/g, ' ').trim())
    .join('\n\n');
}

/** How many names a message spells out before it says "and N more". */
const NAMED = 3;

/** `"curl"`, `"curl" and "git"`, `"curl", "git", "jq" and 2 more` (four names are all spelled out). */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  if (quoted.length <= NAMED + 1) {
    return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  }
  return `${quoted.slice(0, NAMED).join(', ')} and ${quoted.length - NAMED} more`;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** The smallest preset that runs `rule`. */
export function presetOf(rule: Rule): PresetName {
  return rule.preset ?? 'recommended';
}

/** What every list of the rules shows of each one (the CLI's `rules`, the editor's rule list). */
export function ruleSummary(rule: Rule): Omit<RuleSummary, 'docsUri'> {
  return {
    id: rule.id,
    title: rule.title,
    language: rule.language,
    defaultSeverity: rule.defaultSeverity,
    preset: presetOf(rule),
    category: rule.category,
  };
}

/** Whether `preset` runs `rule` (each preset contains the ones before it). */
export function inPreset(rule: Rule, preset: PresetName): boolean {
  return PRESETS.indexOf(presetOf(rule)) <= PRESETS.indexOf(preset);
}
