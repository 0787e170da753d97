/**
 * ShellCheck on every RUN script, when a `shellcheck` executable is available
 * (Debian's `shellcheck` package). Each script is sent as the shell receives
 * it (continuations blanked out, so offsets map 1:1 back to the Dockerfile),
 * with the shell the RUN really uses: the stage's SHELL, a heredoc's `#!`
 * line, or a `# hadolint shell=bash` comment. Results are cached by
 * (shell, script text), so while someone types only the edited RUN is checked
 * again. The editor runs it asynchronously; the CLI synchronously.
 */
import { ChildProcess, execFile, spawnSync } from 'child_process';
import { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver-types';
import { Arg, Env, Instruction } from 'dockerfile-ast';
import { DockerfileModel } from '../dockerfile/model';
import { argDeclarations, PLATFORM_ARGS } from '../dockerfile/variables';
import { DockerCoachSettings, SeverityName, SeveritySetting } from '../protocol';
import { Suppressions } from '../engine/pragmas';
import { SizedCache } from '../util/sizedCache';

export const SHELLCHECK_SOURCE = 'shellcheck';

/** One entry of `shellcheck --format=json1`. Lines and columns are 1-based; a tab counts as one column. */
interface Comment {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
  fix: {
    replacements: { line: number; column: number; endLine: number; endColumn: number; replacement: string }[];
  } | null;
}

export interface ShellcheckJob {
  run: Instruction;
  text: string;
  offset: number;
  /** The `-s` dialect. */
  dialect: 'sh' | 'bash' | 'dash' | 'ksh';
}

export interface ShellcheckFinding {
  code: string;
  severity: SeverityName;
  message: string;
  range: Range;
  /** ShellCheck's own suggested edit, when it has one. */
  fix: TextEdit[] | null;
}

const LEVELS: Record<Comment['level'], SeverityName> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'hint',
};
/** Sourced files cannot be followed from standard input. */
const EXCLUDED = ['SC1090', 'SC1091'];
const DIALECTS: Record<string, ShellcheckJob['dialect']> = {
  sh: 'sh',
  ash: 'sh',
  busybox: 'sh',
  dash: 'dash',
  bash: 'bash',
  ksh: 'ksh',
  mksh: 'ksh',
};
const SHELL_PRAGMA = /^\s*#\s*(?:hadolint|docker-coach)\s+shell\s*=\s*([^\s#]+)\s*(?:#.*)?$/;
/**
 * Results kept, by script text: bounded by size (the script texts are the keys), not by
 * count, so a large script checked at every keystroke does not pile up. A comment is
 * estimated at 400 bytes with its message and fix.
 */
const CACHE_BUDGET = 8 * 1024 * 1024;
const resultSize = (key: string, comments: Comment[]) => key.length + 400 * comments.length;

/** The RUN scripts of a Dockerfile that ShellCheck can check, with their dialect. */
export function shellcheckJobs(model: DockerfileModel): ShellcheckJob[] {
  let pragmaShell: string | null = null;
  for (const line of model.text.split('\n')) {
    const match = SHELL_PRAGMA.exec(line);
    if (match) pragmaShell = match[1].replace(/^.*\//, '');
  }
  const jobs: ShellcheckJob[] = [];
  // Every scope: the RUNs of a file part without FROM and of ONBUILD triggers are scripts too.
  for (const stage of model.scopes) {
    for (const run of stage.instructions) {
      if (run.getKeyword() !== 'RUN') continue;
      const sources = model.shellSources(run);
      if (!sources) continue;
      const shell = pragmaShell ?? model.shellOf(run);
      for (const source of sources) {
        const dialect = DIALECTS[source.shebang ?? shell];
        if (dialect && source.text.trim() !== '') jobs.push({ run, text: source.text, offset: source.offset, dialect });
      }
    }
  }
  return jobs;
}

/** Names declared by ARG or ENV anywhere: ShellCheck cannot know they are set in the environment. */
function declaredNames(model: DockerfileModel): Set<string> {
  const names = new Set<string>(PLATFORM_ARGS);
  const triggers = model.scopes.filter((s) => s.kind === 'onbuild').flatMap((s) => s.instructions);
  for (const instruction of [...model.ast.getInstructions(), ...triggers]) {
    if (instruction instanceof Arg) {
      for (const declared of argDeclarations(model, instruction)) names.add(declared.name);
    } else if (instruction instanceof Env) {
      for (const property of instruction.getProperties()) names.add(property.getName());
    }
  }
  return names;
}

export type ShellcheckStatus = 'ok' | 'missing' | 'failed';

export class ShellcheckRunner {
  private readonly cache = new SizedCache<string, Comment[]>(CACHE_BUDGET, resultSize);
  private status: ShellcheckStatus | null = null;
  private running = new Set<ChildProcess>();

  constructor(readonly executable: string) {}

  /** Whether the executable answers; checked once. */
  availableSync(): boolean {
    if (this.status === null) {
      const probe = spawnSync(this.executable, ['--version'], { encoding: 'utf8', timeout: 10000 });
      this.status = probe.error ? 'missing' : probe.status === 0 ? 'ok' : 'failed';
    }
    return this.status === 'ok';
  }

  /** Findings of the scripts already checked, and the jobs that still need a run. */
  cached(
    model: DockerfileModel,
    settings: DockerCoachSettings,
    suppressions: Suppressions,
  ): { findings: ShellcheckFinding[]; missing: ShellcheckJob[] } {
    const findings: ShellcheckFinding[] = [];
    const missing: ShellcheckJob[] = [];
    const declared = declaredNames(model);
    for (const job of shellcheckJobs(model)) {
      const comments = this.cache.get(cacheKey(job));
      if (comments) findings.push(...toFindings(model, job, comments, settings, suppressions, declared));
      else missing.push(job);
    }
    return { findings, missing };
  }

  /** Checks every script synchronously (the CLI). */
  checkSync(model: DockerfileModel, settings: DockerCoachSettings, suppressions: Suppressions): ShellcheckFinding[] {
    const { missing } = this.cached(model, settings, suppressions);
    for (const job of missing) {
      const result = spawnSync(this.executable, args(job), {
        input: job.text,
        encoding: 'utf8',
        timeout: 30000,
        maxBuffer: 16 * 1024 * 1024,
      });
      this.remember(job, parseOutput(result.stdout));
    }
    return this.cached(model, settings, suppressions).findings;
  }

  /** Runs ShellCheck on the scripts that are not cached yet, at most two at a time. */
  async fill(jobs: ShellcheckJob[]): Promise<void> {
    const queue = [...new Map(jobs.map((j) => [cacheKey(j), j])).values()];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const stdout = await this.execute(job);
        this.remember(job, parseOutput(stdout));
      }
    };
    await Promise.all([worker(), worker()]);
  }

  dispose(): void {
    for (const child of this.running) child.kill();
    this.running.clear();
  }

  private execute(job: ShellcheckJob): Promise<string> {
    return new Promise((resolve) => {
      const child = execFile(
        this.executable,
        args(job),
        { timeout: 30000, maxBuffer: 16 * 1024 * 1024 },
        (_error, stdout) => {
          this.running.delete(child);
          // ShellCheck exits 1 when it has comments; the output is what matters.
          resolve(typeof stdout === 'string' ? stdout : '');
        },
      );
      this.running.add(child);
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(job.text);
    });
  }

  private remember(job: ShellcheckJob, comments: Comment[]): void {
    this.cache.set(cacheKey(job), comments);
  }
}

function args(job: ShellcheckJob): string[] {
  return ['--format=json1', `--shell=${job.dialect}`, `--exclude=${EXCLUDED.join(',')}`, '-'];
}

function cacheKey(job: ShellcheckJob): string {
  return `${job.dialect}\u0000${job.text}`;
}

function parseOutput(stdout: string): Comment[] {
  try {
    const parsed = JSON.parse(stdout) as { comments?: Comment[] };
    return Array.isArray(parsed.comments) ? parsed.comments : [];
  } catch {
    return [];
  }
}

function toFindings(
  model: DockerfileModel,
  job: ShellcheckJob,
  comments: Comment[],
  settings: DockerCoachSettings,
  suppressions: Suppressions,
  declared: Set<string>,
): ShellcheckFinding[] {
  const lineStarts = [0];
  for (let i = 0; i < job.text.length; i++) if (job.text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offsetOf = (line: number, column: number) =>
    job.offset + Math.min((lineStarts[line - 1] ?? job.text.length) + column - 1, job.text.length);
  const runStart = job.run.getRange().start.line;
  const findings: ShellcheckFinding[] = [];
  for (const comment of comments) {
    const code = `SC${comment.code}`;
    if (code === 'SC2154' && declared.has(comment.message.split(' ')[0])) continue;
    const configured: SeveritySetting | undefined = settings.rules[code];
    const severity = configured ?? LEVELS[comment.level] ?? 'info';
    if (severity === 'off') continue;
    if (suppressions.isCodeSuppressed(code, runStart)) continue;
    const start = offsetOf(comment.line, comment.column);
    const end = Math.max(start, offsetOf(comment.endLine, comment.endColumn));
    if (model.template?.hides(model.rangeOf(start, end))) continue;
    let fix = comment.fix?.replacements.length
      ? comment.fix.replacements.map((r) =>
          TextEdit.replace(model.rangeOf(offsetOf(r.line, r.column), offsetOf(r.endLine, r.endColumn)), r.replacement),
        )
      : null;
    if (fix && model.template && fix.some((edit) => model.template!.touches(edit.range))) fix = null;
    findings.push({ code, severity, message: comment.message, range: model.rangeOf(start, end), fix });
  }
  return findings;
}

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function shellcheckDiagnostic(finding: ShellcheckFinding): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SHELLCHECK_SOURCE,
    code: finding.code,
    codeDescription: { href: `https://www.shellcheck.net/wiki/${finding.code}` },
    message: finding.message,
    data: finding.fix ? { shellcheckFix: finding.fix } : undefined,
  };
}
