#!/usr/bin/env node
/**
 * `docker-coach`: the same rules as the editor, for CI.
 *   docker-coach lint [paths…] [--format text|json] [--language dockerfile|compose]
 *   docker-coach rules [--format text|json]
 * Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMPOSE_LANGUAGE_ID, DEFAULT_SETTINGS, DOCKERFILE_LANGUAGE_ID, DOCKERIGNORE_LANGUAGE_ID, SeverityName } from '../protocol';
import { RULES } from '../rules/registry';
import { FailureThreshold, ProjectConfig, withProjectConfig } from '../service/hadolintConfig';
import { fixAllText } from '../service/fixes';
import { lint, LintEnvironment, RuleFinding } from '../service/lint';
import { createTwoFilesPatch } from 'diff';
import { ProjectFiles } from '../service/projectFiles';
import { DockerfileModel } from '../dockerfile/model';
import { ShellcheckFinding, ShellcheckRunner } from '../shellcheck/shellcheck';

const VERSION = '0.1.0';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

const USAGE = `Usage:
  docker-coach lint [paths...] [options]
      Lint Dockerfiles and compose files. Folders are searched recursively;
      "-" reads one document from standard input (give --language).
      --format text|json          output format (default text)
      --language dockerfile|compose|dockerignore  the language of "-" or of files with other names
      --config FILE               a hadolint-style configuration (default: the nearest
                                  .hadolint.yaml / .hadolint.yml above each file)
      --failure-threshold LEVEL   exit 1 when a problem is at least this severe:
                                  error (default), warning, info, style, none
      --fix                       apply the safe fixes to the files (repeated until nothing
                                  changes), then report what is left
      --fix-dry-run               print the safe fixes as a unified diff; change nothing
      --no-fail                   always exit 0 unless the input cannot be read
      --shellcheck PATH           the ShellCheck executable for RUN scripts (default:
                                  "shellcheck" on the PATH; off with a note when absent)
      --no-shellcheck             do not run ShellCheck
  docker-coach rules [--format text|json]
      List every rule with its metadata.
  docker-coach --version | --help

Exit codes: 0 no problem at or above the failure threshold, 1 problems found,
2 usage error, unreadable input or an unusable configuration file.`;

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'dist', 'out']);

export function languageOf(file: string): string | null {
  const name = path.basename(file);
  if (/^(docker-)?compose(\.[^/]*)?\.ya?ml$/i.test(name)) return COMPOSE_LANGUAGE_ID;
  if (name === '.dockerignore' || /\.(dockerignore|containerignore)$/i.test(name) || name === '.containerignore') return DOCKERIGNORE_LANGUAGE_ID;
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name)) return DOCKERFILE_LANGUAGE_ID;
  return null;
}

interface Options {
  command: 'lint' | 'rules' | 'help' | 'version';
  format: 'text' | 'json';
  language: string | null;
  paths: string[];
  config: string | null;
  failureThreshold: FailureThreshold | null;
  noFail: boolean;
  /** The ShellCheck executable, or null for none. */
  shellcheck: string | null;
  /** `--fix` writes safe fixes to the files; `--fix-dry-run` prints them as a diff. */
  fix: 'none' | 'write' | 'dry-run';
}

const THRESHOLDS: Record<string, FailureThreshold> = { error: 'error', warning: 'warning', info: 'info', style: 'hint', hint: 'hint', none: 'none' };

export function parseArgs(argv: string[]): Options {
  const options: Options = { command: 'help', format: 'text', language: null, paths: [], config: null, failureThreshold: null, noFail: false, shellcheck: 'shellcheck', fix: 'none' };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return options;
  if (command === '--version' || command === '-v') return { ...options, command: 'version' };
  if (command !== 'lint' && command !== 'rules') throw new UsageError(`unknown command "${command}"`);
  options.command = command;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format' || flag === '-f') {
      const format = value();
      if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (use text or json)`);
      options.format = format;
    } else if (flag === '--language') {
      const language = value();
      const ids: Record<string, string> = { dockerfile: DOCKERFILE_LANGUAGE_ID, compose: COMPOSE_LANGUAGE_ID, dockerignore: DOCKERIGNORE_LANGUAGE_ID };
      if (!ids[language]) throw new UsageError(`unknown language "${language}" (use dockerfile, compose or dockerignore)`);
      options.language = ids[language];
    } else if (flag === '--config' || flag === '-c') {
      options.config = value();
    } else if (flag === '--failure-threshold' || flag === '-t') {
      const level = value();
      if (!THRESHOLDS[level]) throw new UsageError(`unknown failure threshold "${level}" (use error, warning, info, style or none)`);
      options.failureThreshold = THRESHOLDS[level];
    } else if (flag === '--shellcheck') {
      options.shellcheck = value();
    } else if (flag === '--no-shellcheck') {
      options.shellcheck = null;
    } else if (flag === '--fix') {
      options.fix = 'write';
    } else if (flag === '--fix-dry-run') {
      options.fix = 'dry-run';
    } else if (flag === '--no-fail') {
      options.noFail = true;
    } else if (flag === '--help' || flag === '-h') {
      options.command = 'help';
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option "${arg}"`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.command === 'rules' && options.paths.length) throw new UsageError('"rules" takes no paths');
  if (options.fix === 'write' && options.paths.includes('-')) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run to see the changes');
  return options;
}

interface Input {
  file: string;
  language: string;
}

/** Expands folders into the Dockerfiles and compose files they contain, in a stable order. */
export function discover(paths: string[], language: string | null, errors: string[]): Input[] {
  const inputs: Input[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      errors.push(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile()) {
        const lang = languageOf(entry.name);
        if (lang) inputs.push({ file: full, language: language ?? lang });
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      inputs.push({ file: '-', language: language ?? DOCKERFILE_LANGUAGE_ID });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      errors.push(`no such file or folder: ${p}`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = inputs.length;
      walk(p);
      if (inputs.length === before) errors.push(`no Dockerfile or compose file found in ${p}`);
    } else {
      inputs.push({ file: p, language: language ?? languageOf(p) ?? (/\.ya?ml$/i.test(p) ? COMPOSE_LANGUAGE_ID : DOCKERFILE_LANGUAGE_ID) });
    }
  }
  return inputs;
}

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le';

/** Reads a file as text, remembering its encoding so `--fix` writes it back the same way; throws a readable message for binary content. */
export function readDocument(file: string): { text: string; encoding: Encoding } {
  const buffer = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf8-bom' };
  if (buffer.subarray(0, 8192).includes(0)) throw new Error('it is a binary file, not a Dockerfile or compose file');
  return { text: buffer.toString('utf8'), encoding: 'utf8' };
}

export function readText(file: string): string {
  return readDocument(file).text;
}

function writeDocument(file: string, text: string, encoding: Encoding): void {
  const body = Buffer.from(text, encoding === 'utf16le' ? 'utf16le' : 'utf8');
  const bom = encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : encoding === 'utf8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  // Write next to the file and rename, so an interrupted run never leaves half a Dockerfile.
  const temporary = `${file}.docker-coach-${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat([bom, body]), { mode: fs.statSync(file).mode });
  fs.renameSync(temporary, file);
}

/** What compose rules may read from the disk. */
function composeDisk(maxFileSize: number): LintEnvironment {
  return {
    fileExists: (absolutePath) => fs.existsSync(absolutePath),
    readFile: (absolutePath) => {
      try {
        if (fs.statSync(absolutePath).size > maxFileSize) return null;
        return readText(absolutePath);
      } catch {
        return null;
      }
    },
  };
}

interface FileReport {
  file: string;
  /** With --fix / --fix-dry-run: the safe fixes applied (or that would be). */
  fixed: number;
  /** With --fix-dry-run: the unified diff of the changes. */
  diff: string | null;
  /** ShellCheck's findings in RUN scripts. */
  shellcheck: ShellcheckFinding[];
  findings: RuleFinding[];
  notices: { message: string; severity: string; range: RuleFinding['range'] }[];
}

const NOTICE_SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function lintFile(input: Input, files: ProjectFiles, explicitConfig: ProjectConfig | null, shellcheck: ShellcheckRunner | null, fix: Options['fix']): FileReport {
  const { text: original, encoding } = readDocument(input.file);
  const onDisk = input.file !== '-';
  const name = onDisk ? input.file : '<stdin>';
  const uri = onDisk ? pathToFileURL(path.resolve(input.file)).toString() : 'untitled:stdin';
  const config = explicitConfig ?? files.configFor(onDisk ? input.file : path.join(process.cwd(), '-'));
  const settings = withProjectConfig(DEFAULT_SETTINGS, config);
  const environment: LintEnvironment = !onDisk
    ? {}
    : input.language === DOCKERFILE_LANGUAGE_ID
      ? { dockerignore: files.dockerignoreFor(path.resolve(input.file)) }
      : input.language === COMPOSE_LANGUAGE_ID
        ? composeDisk(settings.maxFileSize)
        : {};
  let text = original;
  let fixed = 0;
  let diff: string | null = null;
  if (fix !== 'none') {
    const result = fixAllText(TextDocument.create(uri, input.language, 1, original), settings, undefined, environment);
    fixed = result.applied;
    if (result.text !== original) {
      if (fix === 'write') writeDocument(input.file, result.text, encoding);
      else diff = createTwoFilesPatch(`a/${name}`, `b/${name}`, original, result.text, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
      text = result.text;
    }
  }
  const document = TextDocument.create(uri, input.language, 1, text);
  const result = lint(document, settings, undefined, environment);
  const scripts = shellcheck && result.model instanceof DockerfileModel ? shellcheck.checkSync(result.model, settings, result.suppressions) : [];
  return {
    file: name,
    fixed,
    diff,
    findings: result.findings,
    notices: result.notices.map((n) => ({ message: n.message, severity: NOTICE_SEVERITY[n.severity ?? 1], range: n.range })),
    shellcheck: scripts,
  };
}

const SEVERITY_RANK: Record<SeverityName, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function jsonReport(reports: FileReport[]): unknown {
  return reports.map((r) => ({
    file: r.file,
    ...(r.fixed ? { fixed: r.fixed } : {}),
    diagnostics: [
      ...r.notices.map((n) => ({ rule: null, equivalents: [], severity: n.severity, message: n.message, range: n.range, fixable: false })),
      ...r.shellcheck.map((f) => ({ rule: f.code, equivalents: [], severity: f.severity, message: f.message, range: f.range, fixable: false })),
      ...r.findings.map((f) => ({
        rule: f.rule.id,
        equivalents: f.rule.equivalents,
        severity: f.severity,
        message: f.message,
        range: f.range,
        fixable: Boolean(f.fixes?.().some((fix) => fix.safe)),
      })),
    ],
  }));
}

function textReport(reports: FileReport[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const severityColor: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const lines: string[] = [];
  let total = 0;
  for (const report of reports) {
    const rows = [
      ...report.notices.map((n) => ({ range: n.range, severity: n.severity, message: n.message, rule: '' })),
      ...report.shellcheck.map((f) => ({ range: f.range, severity: f.severity, message: f.message, rule: f.code })),
      ...report.findings.map((f) => ({ range: f.range, severity: f.severity, message: f.message, rule: f.rule.id })),
    ];
    if (rows.length === 0) continue;
    rows.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    lines.push(paint('4', report.file));
    for (const row of rows) {
      const where = `${row.range.start.line + 1}:${row.range.start.character + 1}`.padEnd(8);
      lines.push(`  ${where}${paint(severityColor[row.severity] ?? '0', row.severity.padEnd(8))}${row.message}  ${paint('2', row.rule)}`);
    }
    lines.push('');
    total += rows.length;
  }
  const fixedTotal = reports.reduce((sum, r) => sum + r.fixed, 0);
  if (fixedTotal) lines.push(`Fixed ${fixedTotal} problem(s) in ${reports.filter((r) => r.fixed).length} file(s).`);
  lines.push(total === 0 ? `No problems in ${reports.length} file(s).` : `${total} problem(s) in ${reports.length} file(s).`);
  return lines.join('\n') + '\n';
}

function rulesReport(format: 'text' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(
      RULES.map((r) => ({
        id: r.id,
        title: r.title,
        language: r.language,
        defaultSeverity: r.defaultSeverity,
        category: r.category,
        equivalents: r.equivalents,
        fix: r.fix,
        lesson: r.lesson,
        docs: r.docs,
      })),
      null,
      2,
    ) + '\n';
  }
  return RULES.map((r) => `${r.id.padEnd(28)}${r.defaultSeverity.padEnd(9)}${r.title}`).join('\n') + '\n';
}

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void, isTty: boolean): number {
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
    out(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (options.command === 'rules') {
    out(rulesReport(options.format));
    return EXIT_OK;
  }
  const errors: string[] = [];
  const files = new ProjectFiles();
  let explicitConfig: ProjectConfig | null = null;
  if (options.config !== null) {
    explicitConfig = files.configAt(options.config);
    if (!explicitConfig) {
      err(`docker-coach: cannot read the configuration file ${options.config}\n`);
      return EXIT_USAGE;
    }
  }
  let shellcheck: ShellcheckRunner | null = null;
  if (options.shellcheck !== null) {
    shellcheck = new ShellcheckRunner(options.shellcheck);
    if (!shellcheck.availableSync()) {
      shellcheck = null;
      err(`docker-coach: note: ShellCheck ("${options.shellcheck}") was not found, so SCxxxx checks are off. Install it (apt-get install shellcheck), give --shellcheck PATH, or pass --no-shellcheck.\n`);
    }
  }
  const inputs = discover(options.paths.length ? options.paths : ['.'], options.language, errors);
  const reports: FileReport[] = [];
  const configsSeen = new Set<ProjectConfig>();
  const reportConfig = (config: ProjectConfig | null) => {
    if (!config || configsSeen.has(config)) return;
    configsSeen.add(config);
    if (config.problems.length === 0) return;
    reports.push({
      file: path.relative(process.cwd(), config.path) || config.path,
      findings: [],
      notices: config.problems.map((p) => ({ message: p.message, severity: p.severity, range: p.range })),
      shellcheck: [],
      fixed: 0,
      diff: null,
    });
  };
  reportConfig(explicitConfig);
  for (const input of inputs) {
    try {
      if (!explicitConfig && input.file !== '-') reportConfig(files.configFor(input.file));
      reports.push(lintFile(input, files, explicitConfig, shellcheck, options.fix));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(`cannot lint ${input.file}: ${code ? code : (e as Error).message}`);
    }
  }
  if (options.fix === 'dry-run') {
    out(reports.map((r) => r.diff ?? '').join(''));
  } else {
    out(options.format === 'json' ? JSON.stringify(jsonReport(reports), null, 2) + '\n' : textReport(reports, isTty));
  }
  for (const message of errors) err(`docker-coach: ${message}\n`);
  if (errors.length) return EXIT_USAGE;
  if (options.noFail) return EXIT_OK;
  const threshold = options.failureThreshold ?? (explicitConfig ?? files.configFor(path.join(process.cwd(), '-')))?.failureThreshold ?? 'error';
  if (threshold === 'none') return EXIT_OK;
  const atLeast = (severity: string) => SEVERITY_RANK[severity as SeverityName] !== undefined && SEVERITY_RANK[severity as SeverityName] <= SEVERITY_RANK[threshold];
  const failed = reports.some((r) => r.findings.some((f) => atLeast(f.severity)) || r.shellcheck.some((f) => atLeast(f.severity)) || r.notices.some((n) => n.severity === 'error' || atLeast(n.severity)));
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

if (require.main === module) {
  const code = main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s), Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  process.exitCode = code;
}
