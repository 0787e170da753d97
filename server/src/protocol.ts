/**
 * The contract between the VS Code client and the language server: settings,
 * command ids and their arguments, and every custom request with its params and
 * result. Both sides import this file (the client nothing else of the server);
 * its one runtime import is vscode-jsonrpc's small message-type classes, which
 * both bundles hold anyway (the language client and server are built on them).
 */
import { RequestType, RequestType0 } from 'vscode-jsonrpc/lib/common/messages';
import type { Range } from 'vscode-languageserver-types';
import type { LessonId } from './protocol/lessons';

// The parts of the contract in their own files: the lessons both sides name, and how the server process starts.
export * from './protocol/lessons';
export * from './protocol/serverProcess';

/** How a rule is reported. `off` disables it. */
export type SeverityName = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = SeverityName | 'off';

/**
 * The sets of rules that run when the settings do not name a rule: `recommended`
 * (the default) holds what a maintainer acts on; `strict` adds what hadolint and
 * BuildKit report by default and the debatable checks; `all` turns every rule on.
 * Each preset contains the one before it.
 */
export type PresetName = 'recommended' | 'strict' | 'all';
export const PRESETS: readonly PresetName[] = ['recommended', 'strict', 'all'];

/** Settings under the `dockerCoach` section, resolved per document. */
export interface DockerCoachSettings {
  /** Lint at all. */
  enable: boolean;
  /** The rules that run unless `rules` says otherwise. */
  preset: PresetName;
  /** Per-rule overrides, keyed by rule id (or a hadolint / BuildKit equivalent). */
  rules: Record<string, SeveritySetting>;
  /** Honour `# hadolint ignore=` pragmas as well as our own. */
  honorHadolintPragmas: boolean;
  /** Honour inline ignore comments at all (hadolint's `disable-ignore-pragma` turns this off). */
  honorInlinePragmas: boolean;
  /** Documents larger than this many bytes are not linted (a notice is shown instead). */
  maxFileSize: number;
  /** Registries `FROM` images may come from (hadolint `trustedRegistries`); empty allows any. */
  trustedRegistries: string[];
  /** Labels every image must carry, with their value type (hadolint `label-schema`). */
  labelSchema: Record<string, LabelType>;
  /** Report labels that are not in `labelSchema` (hadolint `strict-labels`). */
  strictLabels: boolean;
  /** ShellCheck on RUN scripts, when the executable exists (trusted workspaces only). */
  shellcheck: { enable: boolean; path: string };
  /** Document and range formatting of Dockerfiles; off until enabled. */
  format: { enable: boolean };
}

/** The value types of hadolint's label schema. */
export type LabelType = 'text' | 'url' | 'spdx' | 'rfc3339' | 'semver' | 'hash' | 'email';
export const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'spdx', 'rfc3339', 'semver', 'hash', 'email'];

export const DEFAULT_SETTINGS: DockerCoachSettings = {
  enable: true,
  preset: 'recommended',
  rules: {},
  honorHadolintPragmas: true,
  honorInlinePragmas: true,
  maxFileSize: 2 * 1024 * 1024,
  trustedRegistries: [],
  labelSchema: {},
  strictLabels: false,
  shellcheck: { enable: true, path: 'shellcheck' },
  format: { enable: false },
};

/** The section name in VS Code settings. */
export const SETTINGS_SECTION = 'dockerCoach';

/** Language ids the server handles. */
export const DOCKERFILE_LANGUAGE_ID = 'dockerfile';
export const COMPOSE_LANGUAGE_ID = 'dockercompose';
export const DOCKERIGNORE_LANGUAGE_ID = 'dockerignore';

/** Commands contributed by the extension (client side). */
export const Commands = {
  restartServer: 'dockerCoach.restartServer',
  showOutput: 'dockerCoach.showOutput',
  /** Shows a rule's page in the lesson panel (arguments: `ExplainRuleArguments`). */
  explainRule: 'dockerCoach.explainRule',
  fixAllSafe: 'dockerCoach.fixAllSafe',
  /** Internal: inserts a snippet for a quick fix the user completes (arguments: `InsertSnippetArguments`). */
  insertSnippet: 'dockerCoach.insertSnippet',
  /** Opens a lesson (arg: lesson id; without one, a pick of all lessons). */
  openLesson: 'dockerCoach.openLesson',
  startExercise: 'dockerCoach.startExercise',
  checkExercise: 'dockerCoach.checkExercise',
  resetLessonProgress: 'dockerCoach.resetLessonProgress',
  /** Opens the effective configuration of the active compose file's project (a read-only YAML document). */
  showEffectiveComposeConfig: 'dockerCoach.showEffectiveComposeConfig',
  /** Chooses the Compose profiles of the effective configuration shown in the active preview. */
  selectComposeProfiles: 'dockerCoach.selectComposeProfiles',
  /** Opens an untitled Dockerfile with mistakes (the walkthrough's first step). */
  openPracticeDockerfile: 'dockerCoach.openPracticeDockerfile',
  /** Internal, for the integration test: what the lesson view shows (arg: true to wait until it has rendered). */
  lessonState: 'dockerCoach._lessonState',
  /** Internal, for the integration test: follows a link as a click in the lesson view does. */
  followLessonLink: 'dockerCoach._followLessonLink',
  /** Lints every Dockerfile and compose file of the workspace into the Problems panel (returns a `WorkspaceLintResult`). */
  lintWorkspace: 'dockerCoach.lintWorkspace',
  /** Removes the results of "Lint Workspace" from files that are not open. */
  clearWorkspaceLint: 'dockerCoach.clearWorkspaceLint',
  /** Internal, for the integration test: what the status bar item shows. */
  statusState: 'dockerCoach._statusState',
} as const;

/** What the client can do beyond plain text edits, sent in `initializationOptions.clientFeatures`. */
export interface ClientFeatures {
  /** The client registers `Commands.insertSnippet`. */
  snippetCommand?: boolean;
  /** The client runs `editor.action.triggerSuggest` as a completion item's command (opens completion again). */
  triggerSuggest?: boolean;
  /** The client registers `Commands.explainRule` (without it the light bulb has no "Explain" entry). */
  explainCommand?: boolean;
}

/** The code action kind for fix-all on save (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.docker-coach';

export interface WorkspaceLintParams {
  /** The workspace folders, as `file:` URIs. */
  folders: string[];
  workDoneToken?: string | number;
}

export interface WorkspaceLintResult {
  /** Files found (Dockerfiles, compose files, .dockerignore files). */
  files: number;
  /** Files linted from disk (open ones keep their live diagnostics and are not counted). */
  linted: number;
  problems: number;
  filesWithProblems: number;
  cancelled: boolean;
}

/** What `ListRulesRequest` returns for each rule. */
export interface RuleSummary {
  id: string;
  title: string;
  language: 'dockerfile' | 'compose' | 'dockerignore';
  /** The severity the rule reports with when it runs. */
  defaultSeverity: SeverityName;
  /** The smallest preset that runs the rule. */
  preset: PresetName;
  category: string;
  docsUri: string;
}

/** `EffectiveComposeConfigRequest`: the project a compose file belongs to, merged and interpolated as `docker compose config` loads it. */
export interface EffectiveComposeConfigParams {
  /** The compose file (a `file:` URI); its folder's project, or the file alone when that project does not load it. */
  uri: string;
  /** The profiles to enable (`--profile`); unset or empty: COMPOSE_PROFILES from the environment or `.env`, as Compose does. */
  profiles?: string[];
}

export interface EffectiveComposeConfig {
  /** The project name (`name:`, COMPOSE_PROJECT_NAME or the folder). */
  projectName: string;
  /** The project directory. */
  workingDir: string;
  /** Every file the configuration was read from (compose files, included and extended files, env files). */
  loadedFiles: string[];
  /** The profiles enabled. */
  profiles: string[];
  /** Every profile a service of the project names, sorted. */
  availableProfiles: string[];
  /** The document: a comment header (project, files, profiles, problems) over the YAML configuration. */
  text: string;
  /** Problems Compose would refuse the project for. */
  errors: number;
  warnings: number;
}

/** A goal of an exercise as the checker reports it. */
export interface GoalResult {
  id: string;
  /** What the goal asks, one sentence. */
  text: string;
  passed: boolean;
  /** What to try next when it does not pass. */
  hint: string;
  /** When it does not pass: the zero-based line to look at, if there is one. */
  line?: number;
}

/** An exercise: a starter file the user edits and goals the server checks with its own rule engine. */
export interface ExerciseSummary {
  lesson: LessonId;
  title: string;
  /** `dockerfile` or `dockercompose`. */
  language: string;
  /** The starter file the user begins with. */
  starter: string;
  /** The goals the check judges, in the order it reports them. */
  goals: { id: string; text: string }[];
}

export interface CheckExerciseParams {
  lesson: LessonId;
  /** The text of the user's exercise document. */
  text: string;
}

export interface CheckExerciseResult {
  lesson: LessonId;
  goals: GoalResult[];
  /** True when every goal passes. */
  passed: boolean;
}

// ---- Custom requests (client to server). The server has no custom notifications; it reports through LSP's own. ----

/** Every rule's metadata (for pickers and documentation). */
export const ListRulesRequest = new RequestType0<RuleSummary[], void>('dockerCoach/listRules');

/** The exercises of the lessons. */
export const ListExercisesRequest = new RequestType0<ExerciseSummary[], void>('dockerCoach/listExercises');

/** Checks an exercise's goals; an `InvalidParams` error names the lessons with exercises when the lesson has none. */
export const CheckExerciseRequest = new RequestType<CheckExerciseParams, CheckExerciseResult, void>(
  'dockerCoach/checkExercise',
);

/**
 * Lints the files of the folders, publishing diagnostics for those that are not open; reports work-done
 * progress when given a `workDoneToken`; cancellable. An `InvalidRequest` error while one is running.
 */
export const LintWorkspaceRequest = new RequestType<WorkspaceLintParams, WorkspaceLintResult, void>(
  'dockerCoach/lintWorkspace',
);

/** Clears what `LintWorkspaceRequest` published for files that are not open; returns how many files had results. */
export const ClearWorkspaceLintRequest = new RequestType0<number, void>('dockerCoach/clearWorkspaceLint');

export const EffectiveComposeConfigRequest = new RequestType<
  EffectiveComposeConfigParams,
  EffectiveComposeConfig,
  void
>('dockerCoach/effectiveComposeConfig');

// ---- Commands the server puts in code actions, with their arguments (the client runs them). ----

/** `Commands.insertSnippet`: the document, the range the snippet replaces, the snippet, and the document version it was made for. */
export type InsertSnippetArguments = [uri: string, range: Range, snippet: string, version?: number];

/** `Commands.explainRule`: the rule whose page to show (without one, the client asks which). */
export type ExplainRuleArguments = [ruleId?: string];
