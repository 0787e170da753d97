/**
 * `docker-coach`: the same rules as the editor, for CI.
 *   docker-coach lint [paths…] [--format text|json|sarif|github|checkstyle|gitlab] [--language dockerfile|compose]
 *   docker-coach rules [--format text|json]
 * Exit codes: 0 nothing to fail on, 1 problems found, 2 usage or I/O error, 3 output not written (see USAGE).
 * Discovery is in ../engine/discover.ts (shared with the editor's workspace lint), the output formats in formats.ts, worker threads in parallel.ts.
 * With ShellCheck, every thread's RUN scripts are checked in batches by the main thread's ShellcheckRunner (one process per CPU the working threads leave, at least one per thread).
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  COMPOSE_LANGUAGE_ID,
  DEFAULT_SETTINGS,
  DockerCoachSettings,
  DOCKERFILE_LANGUAGE_ID,
  DOCKERIGNORE_LANGUAGE_ID,
  PresetName,
  PRESETS,
  SeverityName,
} from '../protocol';
import { RULES } from '../rules/registry';
import { presetOf, ruleSummary } from '../rules/types';
import { FailureThreshold, ProjectConfig, withProjectConfig } from '../engine/hadolintConfig';
import { fixAllText } from '../engine/fixes';
import { lint, LintEnvironment } from '../engine/lint';
import { createTwoFilesPatch } from 'diff';
import { MAX_CONFIG_BYTES, ProjectFiles, unreadableReason } from '../engine/projectFiles';
import { ComposeProjects } from '../engine/composeProjects';
import { DockerfileModel } from '../dockerfile/model';
import { ShellcheckComment, ShellcheckFinding, ShellcheckRunner, ShellScript } from '../shellcheck/shellcheck';
import { Suppressions } from '../engine/pragmas';
import { isMainThread, workerData } from 'worker_threads';
import { discover, Input, openPath } from '../engine/discover';
import { decodeDocument, readDocumentFile, SkippedWriteError, writeDocumentFile } from './fileText';
import { fileKindOf, readRegularFile } from '../util/files';
import { codeCacheReady } from '../util/codeCache';
import {
  checkstyleReport,
  counted,
  Diag,
  FileReport,
  Format,
  FORMATS,
  githubReport,
  gitlabReport,
  jsonReport,
  sarifReport,
  textReport,
} from './formats';
import { Ask, cpuCount, defaultJobs, runPool, serveWorker } from './parallel';
import { CommandLine, CommandLineError, OptionSpec, readCommandLine } from './args';
import { COMPOSE_CONFIG_USAGE, composeConfigCommand } from './composeConfig';

export { discover, languageOf } from '../engine/discover';

/**
 * The version in the package.json of the package this file ships in, read at run time: dist/cli.js sits one
 * folder below it in the npm package and in the repository, the compiled out/server/src/cli/cli.js four.
 */
export function packageVersion(): string | null {
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'docker-coach' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here (or not JSON): look one folder up.
    }
  }
  return null;
}

/** The package's page; rule help links point at the rule pages shipped in the package. */
const INFORMATION_URI = 'https://www.npmjs.com/package/docker-coach';
/** docs/rules beside dist/ (the bundle) or beside out/server/src/cli (the compiled sources). */
const DOCS_DIR =
  [path.resolve(__dirname, '../docs/rules'), path.resolve(__dirname, '../../../../docs/rules')].find((d) =>
    fs.existsSync(d),
  ) ?? path.resolve(__dirname, '../docs/rules');

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
/** Standard output could not be written (closed pipe, full disk): the report is incomplete. */
export const EXIT_OUTPUT = 3;

class UsageError extends Error {}

const USAGE = `Usage:
  docker-coach lint [paths...] [options]
      Lint Dockerfiles and compose files. Folders are searched recursively;
      "-" reads one document from standard input (give --language).
      --format FORMAT             text (default; grouped by file, coloured on a terminal),
                                  json, sarif (SARIF 2.1.0, for code scanning), github
                                  (GitHub Actions annotations), checkstyle (XML) or
                                  gitlab (GitLab Code Quality JSON)
      --language dockerfile|compose|dockerignore  the language of "-" or of files with other names
      --preset NAME               the rules to run: recommended (default; what a maintainer
                                  acts on), strict (adds what hadolint and BuildKit report
                                  by default) or all
      --config FILE               a hadolint-style configuration (default: the nearest
                                  .hadolint.yaml / .hadolint.yml above each file)
      --failure-threshold LEVEL   exit 1 when a problem is at least this severe:
                                  error (default), warning, info, style, none
      --fix                       apply the safe fixes to the files (repeated until nothing
                                  changes), then report what is left
      --fix-dry-run               print the safe fixes as a unified diff; change nothing
      --max-warnings N            also exit 1 when there are more than N warnings
      --no-fail                   always exit 0 unless the input cannot be read
      --ignore GLOB               skip paths matching GLOB (.gitignore syntax, relative to
                                  the working folder; repeatable). Folders are also searched
                                  without node_modules, .git and what .gitignore files list
      --jobs N                    lint on N threads (default: one per two idle CPUs, up
                                  to 8, when the files hold 2 MB or more; otherwise 1);
                                  ShellCheck: a process per CPU left, at least N
      --shellcheck PATH           the ShellCheck executable for RUN scripts (default:
                                  "shellcheck" on the PATH; off with a note when absent)
      --no-shellcheck             do not run ShellCheck
  docker-coach rules [--format text|json]
      List every rule with its metadata and the smallest preset that runs it.
${COMPOSE_CONFIG_USAGE}
  docker-coach --version | --help

Exit codes (stable):
  0  no problem at or above the failure threshold and no more warnings than
     --max-warnings (or --no-fail was given)
  1  problems at or above the failure threshold, or more than --max-warnings warnings
  2  usage error, unreadable input or an unusable configuration file
  3  the output could not be written (standard output closed early or the
     disk full); the report is incomplete`;

interface Options {
  command: 'lint' | 'rules' | 'help' | 'version';
  format: Format;
  language: string | null;
  paths: string[];
  config: string | null;
  /** The preset to lint with; null: the default. */
  preset: PresetName | null;
  failureThreshold: FailureThreshold | null;
  noFail: boolean;
  /** The ShellCheck executable, or null for none. */
  shellcheck: string | null;
  /** `--fix` writes safe fixes to the files; `--fix-dry-run` prints them as a diff. */
  fix: 'none' | 'write' | 'dry-run';
  maxWarnings: number | null;
  ignore: string[];
  /** Worker threads; null: decide from the number of files. */
  jobs: number | null;
}

const THRESHOLDS: Record<string, FailureThreshold> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'hint',
  hint: 'hint',
  none: 'none',
};

/** The options of `lint` and `rules`, by long name. */
const LINT_OPTIONS: OptionSpec = {
  format: { type: 'string', short: 'f' },
  language: { type: 'string' },
  preset: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'failure-threshold': { type: 'string', short: 't' },
  shellcheck: { type: 'string' },
  'no-shellcheck': { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  ignore: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'no-fail': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export function parseArgs(argv: string[]): Options {
  const options: Options = {
    command: 'help',
    format: 'text',
    language: null,
    paths: [],
    config: null,
    preset: null,
    failureThreshold: null,
    noFail: false,
    shellcheck: 'shellcheck',
    fix: 'none',
    maxWarnings: null,
    ignore: [],
    jobs: null,
  };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return options;
  if (command === '--version' || command === '-v') return { ...options, command: 'version' };
  if (command !== 'lint' && command !== 'rules') throw new UsageError(`unknown command "${command}"`);
  options.command = command;
  let given: CommandLine;
  try {
    given = readCommandLine(rest, LINT_OPTIONS);
  } catch (e) {
    throw e instanceof CommandLineError ? new UsageError(e.message) : e;
  }
  options.paths = given.positionals;
  // In the order given: of two options that contradict (`--fix`, `--fix-dry-run`), the last wins.
  for (const { name, value = '' } of given.options) {
    switch (name) {
      case 'format':
        if (!(FORMATS as readonly string[]).includes(value))
          throw new UsageError(`unknown format "${value}" (use ${FORMATS.join(', ')})`);
        options.format = value as Format;
        break;
      case 'language': {
        const ids: Record<string, string> = {
          dockerfile: DOCKERFILE_LANGUAGE_ID,
          compose: COMPOSE_LANGUAGE_ID,
          dockerignore: DOCKERIGNORE_LANGUAGE_ID,
        };
        if (!Object.hasOwn(ids, value))
          throw new UsageError(`unknown language "${value}" (use dockerfile, compose or dockerignore)`);
        options.language = ids[value];
        break;
      }
      case 'preset':
        if (!(PRESETS as readonly string[]).includes(value))
          throw new UsageError(`unknown preset "${value}" (use ${PRESETS.join(', ')})`);
        options.preset = value as PresetName;
        break;
      case 'config':
        options.config = value;
        break;
      case 'failure-threshold':
        if (!Object.hasOwn(THRESHOLDS, value))
          throw new UsageError(`unknown failure threshold "${value}" (use error, warning, info, style or none)`);
        options.failureThreshold = THRESHOLDS[value];
        break;
      case 'shellcheck':
        options.shellcheck = value;
        break;
      case 'no-shellcheck':
        options.shellcheck = null;
        break;
      case 'fix':
        options.fix = 'write';
        break;
      case 'fix-dry-run':
        options.fix = 'dry-run';
        break;
      case 'max-warnings':
        if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings needs a whole number, not "${value}"`);
        options.maxWarnings = Number(value);
        break;
      case 'ignore':
        options.ignore.push(value);
        break;
      case 'jobs':
        if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--jobs needs a positive whole number, not "${value}"`);
        options.jobs = Number(value);
        break;
      case 'no-fail':
        options.noFail = true;
        break;
      case 'help':
        options.command = 'help';
        break;
    }
  }
  if (options.command === 'rules' && options.paths.length) throw new UsageError('"rules" takes no paths');
  if (options.command === 'rules' && options.format !== 'text' && options.format !== 'json')
    throw new UsageError('"rules" prints text or json');
  if (options.fix === 'write' && options.paths.includes('-'))
    throw new UsageError('--fix cannot write to standard input; use --fix-dry-run to see the changes');
  return options;
}

/** A file's text (tests and scripts read fixtures the way the CLI does); throws a readable message for binary content. */
export function readText(file: string): string {
  return readDocumentFile(file, false).text;
}

/** Compose projects, one cache per run (the `ProjectFiles` of the run): files of one project share it. */
const composeProjectCaches = new WeakMap<ProjectFiles, ComposeProjects>();

function composeProjectsOf(files: ProjectFiles, maxFileSize: number): ComposeProjects {
  let projects = composeProjectCaches.get(files);
  if (!projects) {
    projects = new ComposeProjects({ openText: () => undefined, env: process.env, maxFileSize });
    composeProjectCaches.set(files, projects);
  }
  return projects;
}

/** What compose rules may read from the disk, and the Compose project around the file (its text as linted). */
function composeDisk(maxFileSize: number, projects: ComposeProjects): LintEnvironment {
  return {
    composeProject: (document) => projects.contextFor(fileURLToPath(document.uri), document.getText()),
    fileExists: (absolutePath) => fs.existsSync(absolutePath),
    fileKind: fileKindOf,
    readFile: (absolutePath) => {
      const bytes = readRegularFile(absolutePath, maxFileSize);
      return typeof bytes === 'string' ? null : decodeDocument(bytes, false).text;
    },
  };
}

const NOTICE_SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** The CLI's settings, one object per preset (caches keyed by the settings object then serve every file). */
const PRESET_SETTINGS = new Map(PRESETS.map((preset) => [preset, { ...DEFAULT_SETTINGS, preset }]));

export function lintFile(
  input: Input,
  files: ProjectFiles,
  explicitConfig: ProjectConfig | null,
  shellcheck: ShellcheckRunner | null,
  fix: Options['fix'],
  preset: PresetName | null = null,
): FileReport {
  const linted = lintWithoutShellcheck(input, files, explicitConfig, fix, preset);
  if (!shellcheck || !linted.scripts) return linted.report;
  const { model, settings, suppressions } = linted.scripts;
  return linted.withScripts(shellcheck.checkSync(model, settings, suppressions));
}

/**
 * `lintFile`, with the file's RUN scripts checked in ShellCheck batches together with other files' (see
 * `ShellcheckRunner.check`): the same report, later.
 */
export async function lintFileBatched(
  input: Input,
  files: ProjectFiles,
  explicitConfig: ProjectConfig | null,
  shellcheck: ShellcheckRunner | null,
  fix: Options['fix'],
  preset: PresetName | null = null,
): Promise<FileReport> {
  const linted = lintWithoutShellcheck(input, files, explicitConfig, fix, preset);
  if (!shellcheck || !linted.scripts) return linted.report;
  const { model, settings, suppressions } = linted.scripts;
  return linted.withScripts(await shellcheck.check(model, settings, suppressions));
}

/** A file's report without ShellCheck's findings, what ShellCheck needs (for a Dockerfile), and how to add them. */
interface Linted {
  report: FileReport;
  scripts: { model: DockerfileModel; settings: DockerCoachSettings; suppressions: Suppressions } | null;
  /** The report with ShellCheck's findings in their place: after the notices, before the rules' findings. */
  withScripts(findings: ShellcheckFinding[]): FileReport;
}

function lintWithoutShellcheck(
  input: Input,
  files: ProjectFiles,
  explicitConfig: ProjectConfig | null,
  fix: Options['fix'],
  preset: PresetName | null,
): Linted {
  // When fixing, invalid UTF-8 is read so that it can be written back byte for byte.
  const read = readDocumentFile(openPath(input), fix !== 'none');
  const original = read.text;
  const onDisk = input.file !== '-';
  const name = onDisk ? input.file : '<stdin>';
  const uri = onDisk ? pathToFileURL(path.resolve(input.file)).toString() : 'untitled:stdin';
  const config = explicitConfig ?? files.configFor(onDisk ? input.file : path.join(process.cwd(), '-'));
  const settings = withProjectConfig(PRESET_SETTINGS.get(preset ?? DEFAULT_SETTINGS.preset)!, config);
  // A path that is not valid UTF-8 cannot be spelled as a string, so files beside it cannot be looked up:
  // rules that need the disk stay silent, as for standard input.
  const environment: LintEnvironment =
    !onDisk || input.pathBytes
      ? {}
      : input.language === DOCKERFILE_LANGUAGE_ID
        ? { dockerignore: files.dockerignoreFor(path.resolve(input.file)) }
        : input.language === COMPOSE_LANGUAGE_ID
          ? composeDisk(settings.maxFileSize, composeProjectsOf(files, settings.maxFileSize))
          : {};
  let text = original;
  let fixed = 0;
  let diff: string | null = null;
  const notices: Diag[] = [];
  if (fix !== 'none') {
    const result = fixAllText(TextDocument.create(uri, input.language, 1, original), settings, undefined, environment);
    fixed = result.applied;
    if (result.text !== original) {
      if (fix === 'write') {
        try {
          writeDocumentFile(input.file, read, result.text, input.pathBytes && Buffer.from(input.pathBytes));
        } catch (e) {
          if (!(e instanceof SkippedWriteError)) throw e;
          fixed = 0;
          notices.push({
            kind: 'notice',
            rule: null,
            equivalents: [],
            severity: 'warning',
            message: e.message,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            fix: null,
            lineText: '',
          });
        }
      }
      if (fix !== 'write' || notices.length === 0) text = result.text;
      if (fix === 'dry-run')
        diff = createTwoFilesPatch(
          `a/${diffPath(name)}`,
          `b/${diffPath(name)}`,
          original,
          result.text,
          undefined,
          undefined,
          { context: 3 },
        ).replace(/^=+\n/, '');
    }
  }
  const document = TextDocument.create(uri, input.language, 1, text);
  const result = lint(document, settings, undefined, environment);
  const lineText = (line: number) =>
    document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const before: Diag[] = [
    ...notices,
    ...result.notices.map((n): Diag => ({
      kind: 'notice',
      rule: null,
      equivalents: [],
      severity: NOTICE_SEVERITY[n.severity ?? 1],
      message: n.message,
      range: n.range,
      fix: null,
      lineText: lineText(n.range.start.line),
    })),
  ];
  const after = result.findings.map((f): Diag => {
    const safe = f.fixes?.().find((proposal) => proposal.safe);
    return {
      kind: 'rule',
      rule: f.rule.id,
      equivalents: f.rule.equivalents,
      severity: f.severity,
      message: f.message,
      range: f.range,
      fix: safe ? { title: safe.title, edits: safe.edits } : null,
      lineText: lineText(f.range.start.line),
    };
  });
  const reportWith = (scripts: ShellcheckFinding[]): FileReport => {
    const diagnostics: Diag[] = [
      ...before,
      ...scripts.map((f): Diag => ({
        kind: 'shellcheck',
        rule: f.code,
        equivalents: [],
        severity: f.severity,
        message: f.message,
        range: f.range,
        fix: null,
        lineText: lineText(f.range.start.line),
      })),
      ...after,
    ];
    return { file: name, ...(input.pathBytes ? { nameBytes: input.pathBytes } : {}), fixed, diff, diagnostics };
  };
  return {
    report: reportWith([]),
    scripts:
      result.model instanceof DockerfileModel
        ? { model: result.model, settings, suppressions: result.suppressions }
        : null,
    withScripts: reportWith,
  };
}

/**
 * A path as a diff header names it after `a/` or `b/`, like git: forward slashes, and an absolute
 * path without its leading slashes (`a/tmp/Dockerfile`, not `a//tmp/Dockerfile`).
 */
export function diffPath(name: string): string {
  return name.split(path.sep).join('/').replace(/^\/+/, '');
}

const SEVERITY_RANK: Record<SeverityName, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function rulesReport(format: 'text' | 'json'): string {
  if (format === 'json') {
    return (
      JSON.stringify(
        RULES.map((r) => ({
          ...ruleSummary(r),
          equivalents: r.equivalents,
          fix: r.fix,
          lesson: r.lesson,
          docs: r.docs,
        })),
        null,
        2,
      ) + '\n'
    );
  }
  const width = Math.max(...RULES.map((r) => r.id.length)) + 2;
  return (
    RULES.map((r) => `${r.id.padEnd(width)}${r.defaultSeverity.padEnd(9)}${presetOf(r).padEnd(13)}${r.title}`).join(
      '\n',
    ) + '\n'
  );
}

type Outcome = { report: FileReport } | { error: string };

function lintOutcome(
  input: Input,
  files: ProjectFiles,
  explicitConfig: ProjectConfig | null,
  fix: Options['fix'],
  preset: PresetName | null,
): Outcome {
  try {
    return { report: lintFile(input, files, explicitConfig, null, fix, preset) };
  } catch (e) {
    return failedOutcome(input, e);
  }
}

/** `lintOutcome` with ShellCheck: the file's scripts are asked for with every other file's (see `ShellcheckRunner.check`). */
async function lintOutcomeBatched(
  input: Input,
  files: ProjectFiles,
  explicitConfig: ProjectConfig | null,
  shellcheck: ShellcheckRunner,
  fix: Options['fix'],
  preset: PresetName | null,
): Promise<Outcome> {
  try {
    return { report: await lintFileBatched(input, files, explicitConfig, shellcheck, fix, preset) };
  } catch (e) {
    return failedOutcome(input, e);
  }
}

function failedOutcome(input: Input, e: unknown): Outcome {
  const code = (e as NodeJS.ErrnoException).code;
  return { error: `cannot lint ${input.file}: ${code ? code : (e as Error).message}` };
}

/**
 * Files a thread may hold while their scripts wait for ShellCheck, taking the next file meanwhile: enough
 * to fill batches while the running ones finish, few enough to keep the memory of their models small.
 */
const FILES_WAITING_PER_THREAD = 128;

/**
 * ShellCheck processes at a time: one per CPU the lint threads leave (up to 8), at least one per thread.
 * A thread that only waits for ShellCheck's answers leaves its CPU (`idle`). On 2 CPUs with one thread,
 * a second process while the thread lints raised the CPU time over the corpus (11 s to 13 s) without
 * shortening the run: one lint thread already keeps about 1.7 CPUs busy.
 */
function shellcheckProcesses(jobs: number, idle: number, cpus: number): number {
  return Math.max(jobs, Math.min(cpus - (jobs - idle), 8));
}

/**
 * A free ShellCheck process starts on this many waiting scripts without waiting for a full batch: so
 * ShellCheck runs beside the lint from the first files on. Starting a process costs about as much as
 * checking a few scripts, so fewer would spend the CPU on starts.
 */
const SCRIPTS_TO_START_A_FREE_PROCESS = 25;

/** What a thread asks the main thread: ShellCheck's comments on these scripts (the answer, in order). */
type ScriptsAsk = Ask<ShellScript[], ShellcheckComment[][]>;

/** A thread's ShellCheck runner, which asks the main thread (created at the thread's first file). */
function askingRunner(executable: string): (ask: ScriptsAsk) => ShellcheckRunner {
  let runner: ShellcheckRunner | null = null;
  return (ask) => (runner ??= new ShellcheckRunner(executable, { checker: ask }));
}

/** What a worker thread needs to lint like the main thread. */
interface WorkerSetup {
  dockerCoachWorker: true;
  config: string | null;
  shellcheck: string | null;
  fix: Options['fix'];
  preset: PresetName | null;
}

function format(options: Options, reports: FileReport[], isTty: boolean): string {
  switch (options.format) {
    case 'json':
      return jsonReport(reports);
    case 'sarif':
      return sarifReport(
        reports,
        { name: 'docker-coach', version: packageVersion() ?? undefined, informationUri: INFORMATION_URI },
        DOCS_DIR,
        options.preset ?? DEFAULT_SETTINGS.preset,
      );
    case 'github':
      return githubReport(reports);
    case 'checkstyle':
      return checkstyleReport(reports);
    case 'gitlab':
      return gitlabReport(reports);
    default:
      return textReport(reports, isTty);
  }
}

export async function main(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  isTty: boolean,
): Promise<number> {
  if (argv[0] === 'compose-config') return composeConfigCommand(argv.slice(1), out, err, USAGE);
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    err(`docker-coach: ${(e as Error).message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (options.command === 'help') {
    out(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (options.command === 'version') {
    const version = packageVersion();
    if (version === null) {
      err(`docker-coach: cannot tell the version: no package.json of docker-coach above ${__dirname}\n`);
      return EXIT_USAGE;
    }
    out(`${version}\n`);
    return EXIT_OK;
  }
  if (options.command === 'rules') {
    out(rulesReport(options.format === 'json' ? 'json' : 'text'));
    return EXIT_OK;
  }
  const errors: string[] = [];
  const files = new ProjectFiles();
  let explicitConfig: ProjectConfig | null = null;
  if (options.config !== null) {
    const why = unreadableReason(fileKindOf(options.config), MAX_CONFIG_BYTES);
    if (why !== null) {
      err(`docker-coach: cannot read the configuration file ${options.config}: ${why}\n`);
      return EXIT_USAGE;
    }
    explicitConfig = files.configAt(options.config);
    if (!explicitConfig) {
      err(`docker-coach: cannot read the configuration file ${options.config}\n`);
      return EXIT_USAGE;
    }
  }
  let shellcheckFound = false;
  if (options.shellcheck !== null) {
    shellcheckFound = new ShellcheckRunner(options.shellcheck).availableSync();
    if (!shellcheckFound) {
      err(
        `docker-coach: note: ShellCheck ("${options.shellcheck}") was not found, so SCxxxx checks are off. Install it (apt-get install shellcheck), give --shellcheck PATH, or pass --no-shellcheck.\n`,
      );
    }
  }
  const notes: string[] = [];
  const inputs = discover(
    options.paths.length ? options.paths : ['.'],
    { language: options.language, ignore: options.ignore },
    errors,
    notes,
  );
  for (const note of notes) err(`docker-coach: note: ${note}\n`);
  // One slot per output entry, in input order: a configuration file's problems come just
  // before the first file that uses it, then the file's own report.
  const slots: (FileReport | { input: number })[] = [];
  const configsSeen = new Set<ProjectConfig>();
  const reportConfig = (config: ProjectConfig | null) => {
    if (!config || configsSeen.has(config)) return;
    configsSeen.add(config);
    if (config.problems.length === 0) return;
    slots.push({
      file: path.relative(process.cwd(), config.path) || config.path,
      diagnostics: config.problems.map((p) => ({
        kind: 'notice',
        rule: null,
        equivalents: [],
        severity: p.severity,
        message: p.message,
        range: p.range,
        fix: null,
        lineText: '',
      })),
      fixed: 0,
      diff: null,
    });
  };
  reportConfig(explicitConfig);
  inputs.forEach((input, i) => {
    if (!explicitConfig && input.file !== '-') reportConfig(files.configFor(input.file));
    slots.push({ input: i });
  });
  const jobs = inputs.some((i) => i.file === '-')
    ? 1
    : (options.jobs ?? defaultJobs(inputs.map((i) => (i.pathBytes ? Buffer.from(i.pathBytes) : i.file))));
  const setup: WorkerSetup = {
    dockerCoachWorker: true,
    config: options.config,
    shellcheck: shellcheckFound ? options.shellcheck : null,
    fix: options.fix,
    preset: options.preset,
  };
  let outcomes: Outcome[];
  if (setup.shellcheck !== null) {
    // One set of ShellCheck processes runs the scripts of every thread's files (shellcheckProcesses: how many).
    const cpus = cpuCount();
    const shellcheck = new ShellcheckRunner(setup.shellcheck, {
      processes: shellcheckProcesses(jobs, 0, cpus),
      startWhenFree: SCRIPTS_TO_START_A_FREE_PROCESS,
      onNote: (message) => err(`docker-coach: note: ${message}\n`),
    });
    const executable = setup.shellcheck;
    const lintAll = (threads: number) => {
      // A runner per pool: the main thread's asks the pool that runs it.
      const runnerOf = askingRunner(executable);
      return runPool<Input, Outcome, ShellScript[], ShellcheckComment[][]>(
        __filename,
        setup,
        threads,
        inputs,
        (input, ask) => lintOutcomeBatched(input, files, explicitConfig, runnerOf(ask), options.fix, options.preset),
        {
          tasksPerThread: FILES_WAITING_PER_THREAD,
          answer: (scripts) => shellcheck.results(scripts),
          onIdle: (idle) => {
            shellcheck.setProcesses(shellcheckProcesses(threads, idle, cpus));
            if (idle > 0) shellcheck.flush();
          },
        },
      );
    };
    try {
      outcomes = await lintAll(jobs);
    } catch (e) {
      if (jobs === 1) throw e;
      err(`docker-coach: the worker threads failed (${(e as Error).message}); linting in one thread\n`);
      outcomes = await lintAll(1);
    }
  } else if (jobs > 1) {
    try {
      outcomes = await runPool<Input, Outcome>(__filename, setup, jobs, inputs, (input) =>
        lintOutcome(input, files, explicitConfig, options.fix, options.preset),
      );
    } catch (e) {
      err(`docker-coach: the worker threads failed (${(e as Error).message}); linting in one thread\n`);
      outcomes = inputs.map((input) => lintOutcome(input, files, explicitConfig, options.fix, options.preset));
    }
  } else {
    outcomes = inputs.map((input) => lintOutcome(input, files, explicitConfig, options.fix, options.preset));
  }
  // The lint's code is compiled now: what the launcher's code cache should keep.
  if (inputs.length > 0) codeCacheReady();
  const reports: FileReport[] = [];
  for (const slot of slots) {
    if (!('input' in slot)) {
      reports.push(slot);
      continue;
    }
    const outcome = outcomes[slot.input];
    if ('report' in outcome) reports.push(outcome.report);
    else errors.push(outcome.error);
  }
  if (errors.length && reports.length === 0) {
    // Nothing was linted: no report at all (an empty one would read as "no problems", and an empty
    // SARIF or Code Quality file uploaded from it would clear the findings of the last good run).
  } else if (options.fix === 'dry-run') {
    out(reports.map((r) => r.diff ?? '').join(''));
  } else {
    out(format(options, reports, isTty));
  }
  for (const message of errors) err(`docker-coach: ${message}\n`);
  if (errors.length) return EXIT_USAGE;
  if (options.noFail) return EXIT_OK;
  const all = reports.flatMap((r) => r.diagnostics);
  if (options.maxWarnings !== null) {
    const warnings = all.filter((d) => d.severity === 'warning').length;
    if (warnings > options.maxWarnings) {
      err(`docker-coach: ${counted(warnings, 'warning')}, more than --max-warnings ${options.maxWarnings}\n`);
      return EXIT_PROBLEMS;
    }
  }
  const threshold =
    options.failureThreshold ??
    (explicitConfig ?? files.configFor(path.join(process.cwd(), '-')))?.failureThreshold ??
    'error';
  if (threshold === 'none') return EXIT_OK;
  const atLeast = (severity: string) =>
    SEVERITY_RANK[severity as SeverityName] !== undefined &&
    SEVERITY_RANK[severity as SeverityName] <= SEVERITY_RANK[threshold];
  const failed = all.some((d) => atLeast(d.severity) || (d.kind === 'notice' && d.severity === 'error'));
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

if (!isMainThread && (workerData as WorkerSetup | undefined)?.dockerCoachWorker) {
  const setup = workerData as WorkerSetup;
  const files = new ProjectFiles();
  const explicitConfig = setup.config !== null ? files.configAt(setup.config) : null;
  const executable = setup.shellcheck;
  if (executable !== null) {
    const runnerOf = askingRunner(executable);
    serveWorker<Input, Outcome, ShellScript[], ShellcheckComment[][]>((input, ask) =>
      lintOutcomeBatched(input, files, explicitConfig, runnerOf(ask), setup.fix, setup.preset),
    );
  } else {
    serveWorker<Input, Outcome>((input) => lintOutcome(input, files, explicitConfig, setup.fix, setup.preset));
  }
} else if (require.main === module) {
  // The report cannot be written: a closed pipe (`docker-coach lint . | head -1`) ends quietly, a full
  // disk or another failure with one line; both with EXIT_OUTPUT, so a script knows the report is cut short.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') {
      const why = e.code === 'ENOSPC' ? 'no space left on the device (ENOSPC)' : (e.code ?? e.message);
      process.stderr.write(`docker-coach: cannot write the output: ${why}\n`);
    }
    process.exit(EXIT_OUTPUT);
  });
  // Nowhere to say it when standard error fails too: only the exit code tells.
  process.stderr.on('error', () => process.exit(EXIT_OUTPUT));
  void main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
    Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  ).then((code) => {
    process.exitCode = code;
  });
}
