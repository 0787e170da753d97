/**
 * ShellCheck on every RUN script, when a `shellcheck` executable is available
 * (Debian's `shellcheck` package). Each script is checked as the shell receives
 * it (continuations blanked out, so offsets map 1:1 back to the Dockerfile),
 * with the shell the RUN really uses: the stage's SHELL, a heredoc's `#!`
 * line, or a `# hadolint shell=bash` comment. Results are cached by
 * (shell, script text), so while someone types only the edited RUN is checked
 * again.
 *
 * Starting ShellCheck costs about 40 ms and checking a typical script a few, so
 * scripts are checked in batches: one process per dialect (`--shell`) for up to
 * BATCH_SCRIPTS scripts or BATCH_BYTES, written to files of a private temporary
 * folder (removed afterwards) whose names json1 gives back in each comment's
 * `file`. A lone script goes through standard input. A batch whose process fails
 * or times out is checked again one script at a time, with a note (and when
 * ShellCheck refuses the command line, every later script too). Whether the
 * scripts are checked one by one or in a batch, ShellCheck says the same about
 * each (it checks the files of one call independently; the unit tests compare).
 *
 * The editor batches one document's uncached scripts (`fill`) and publishes them
 * when they arrive, after the rest of the lint. The CLI asks for every file's
 * scripts (`check`), from all its threads, and starts a batch when one is full,
 * when a process is free and `startWhenFree` scripts wait, or when a thread has
 * nothing left to do but wait (`flush`), running `processes` batches at a time.
 */
import { ChildProcess, execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver-types';
import { Arg, Env, Instruction } from 'dockerfile-ast';
import { DockerfileModel } from '../dockerfile/model';
import { argDeclarations, PLATFORM_ARGS } from '../dockerfile/variables';
import { DockerCoachSettings, SeverityName, SeveritySetting } from '../protocol';
import { Suppressions } from '../engine/pragmas';
import { SizedCache } from '../util/sizedCache';

export const SHELLCHECK_SOURCE = 'shellcheck';

/** One entry of `shellcheck --format=json1`. Lines and columns are 1-based; a tab counts as one column. */
export interface ShellcheckComment {
  /** The file as named on the command line (`-` for standard input). */
  file?: string;
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
type Comment = ShellcheckComment;

/** A script as ShellCheck checks it: its results are cached under these two. */
export interface ShellScript {
  text: string;
  /** The `-s` dialect. */
  dialect: 'sh' | 'bash' | 'dash' | 'ksh';
}

export interface ShellcheckJob extends ShellScript {
  run: Instruction;
  offset: number;
}

/**
 * Where the results of scripts not cached come from, in the order asked, when not from processes of the
 * runner's own (a CLI worker thread asks the main thread, which runs them with every other thread's).
 */
export type ScriptChecker = (scripts: ShellScript[]) => Promise<ShellcheckComment[][]>;

export interface ShellcheckRunnerOptions {
  /** ShellCheck processes at a time (default 2). */
  processes?: number;
  /** Told when a batch failed and its scripts are checked one at a time. */
  onNote?: (message: string) => void;
  /** Instead of processes of its own (see ScriptChecker). */
  checker?: ScriptChecker;
  /** The bounds of a batch (default BATCH_SCRIPTS and BATCH_BYTES). */
  batchLimits?: { scripts: number; bytes: number };
  /**
   * A free process starts a batch as soon as this many scripts of a dialect wait, without waiting for a full
   * batch or `flush()` (default: never). For a caller that keeps asking while the first batches run.
   */
  startWhenFree?: number;
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
const DIALECTS: Record<string, ShellScript['dialect']> = {
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
/**
 * A batch: at most this many scripts, of at most this many bytes together (one script larger than that
 * is a batch of its own), so command lines, the output and ShellCheck's memory stay bounded. Starting a process costs
 * about 40 ms, checking a script a few, and spawning from a large process (the CLI) tens of milliseconds.
 */
const BATCH_SCRIPTS = 100;
const BATCH_BYTES = 512 * 1024;
/** One script's time limit, as before batches; a batch has the time of a few. */
const SCRIPT_TIMEOUT_MS = 30000;
const BATCH_TIMEOUT_MS = 60000;
const SCRIPT_OUTPUT_BYTES = 16 * 1024 * 1024;
const BATCH_OUTPUT_BYTES = 64 * 1024 * 1024;

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
  private readonly batches: BatchQueue | null;
  private readonly checker: ScriptChecker;
  private disposed = false;
  /** Set when ShellCheck refused a batch's command line: every script is then checked alone. */
  private batchesRefused = false;

  constructor(
    readonly executable: string,
    private readonly options: ShellcheckRunnerOptions = {},
  ) {
    this.batches = options.checker
      ? null
      : new BatchQueue(
          options.processes ?? 2,
          options.batchLimits ?? { scripts: BATCH_SCRIPTS, bytes: BATCH_BYTES },
          options.startWhenFree ?? Infinity,
          (scripts) => this.runBatch(scripts),
          (script, comments) => this.cache.set(cacheKey(script), comments),
        );
    this.checker = options.checker ?? ((scripts) => this.batches!.results(scripts));
  }

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

  /** Checks every script synchronously, one process per script (for callers that cannot wait). */
  checkSync(model: DockerfileModel, settings: DockerCoachSettings, suppressions: Suppressions): ShellcheckFinding[] {
    const { missing } = this.cached(model, settings, suppressions);
    for (const job of missing) {
      if (this.cache.get(cacheKey(job))) continue; // The same script earlier in the document.
      const result = spawnSync(this.executable, args(job), {
        input: job.text,
        encoding: 'utf8',
        timeout: SCRIPT_TIMEOUT_MS,
        maxBuffer: SCRIPT_OUTPUT_BYTES,
      });
      this.remember(job, parseOutput(result.stdout));
    }
    return this.cached(model, settings, suppressions).findings;
  }

  /**
   * Findings of every script (the CLI): the scripts not cached wait for a batch, with what other files
   * ask for meanwhile, until one is full or `flush()` is called.
   */
  async check(
    model: DockerfileModel,
    settings: DockerCoachSettings,
    suppressions: Suppressions,
  ): Promise<ShellcheckFinding[]> {
    const jobs = shellcheckJobs(model);
    const comments = await this.results(jobs);
    const declared = declaredNames(model);
    return jobs.flatMap((job, i) => toFindings(model, job, comments[i], settings, suppressions, declared));
  }

  /** ShellCheck's comments on each script, in order: cached, or from batches (identical scripts checked once). */
  async results(scripts: ShellScript[]): Promise<Comment[][]> {
    const keys = scripts.map(cacheKey);
    const known = new Map<string, Comment[]>();
    const missing = new Map<string, ShellScript>();
    keys.forEach((key, i) => {
      if (known.has(key) || missing.has(key)) return;
      const comments = this.cache.get(key);
      if (comments) known.set(key, comments);
      else missing.set(key, { dialect: scripts[i].dialect, text: scripts[i].text });
    });
    if (missing.size > 0) {
      const answers = await this.checker([...missing.values()]);
      [...missing.keys()].forEach((key, i) => {
        known.set(key, answers[i]);
        this.cache.set(key, answers[i]);
      });
    }
    return keys.map((key) => known.get(key)!);
  }

  /**
   * Runs ShellCheck on the scripts that are not cached yet (one document's): batched, started at once,
   * spread over the processes.
   */
  async fill(jobs: ShellcheckJob[]): Promise<void> {
    // Writing the files and starting the processes takes a while: first let what the caller just sent go out.
    await new Promise((resolve) => setImmediate(resolve));
    const done = this.results(jobs);
    this.flush();
    await done;
  }

  /** Starts the scripts that wait for a fuller batch now. */
  flush(): void {
    this.batches?.flush();
  }

  /**
   * How many ShellCheck processes may run at once from now on (at least one). Raising it starts waiting
   * batches at once; lowering it lets the running ones finish.
   */
  setProcesses(processes: number): void {
    this.batches?.setProcesses(processes);
  }

  dispose(): void {
    this.disposed = true;
    for (const child of this.running) child.kill();
    this.running.clear();
  }

  /** One batch, of one dialect: in files, or on standard input when it is one script. */
  private async runBatch(scripts: ShellScript[]): Promise<Comment[][]> {
    if (scripts.length === 1 || this.batchesRefused) return this.oneByOne(scripts);
    let folder: string | null = null;
    const names = scripts.map((_, i) => String(i));
    let failure: string;
    try {
      // Written synchronously: a few hundred kilobytes at most, and far fewer calls than with promises.
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-shellcheck-'));
      const files = names.map((name) => path.join(folder!, name));
      for (const [i, script] of scripts.entries()) fs.writeFileSync(files[i], script.text);
      // ShellCheck looks for a .shellcheckrc from each file's folder up; for standard input, from the
      // working folder up. The one standard input would find, copied beside the files, is found first.
      const rc = shellcheckrcOfStandardInput();
      if (rc !== null) fs.writeFileSync(path.join(folder, RC_FILE), rc);
      const job = { dialect: scripts[0].dialect, files, norc: rc === null };
      const run = await this.executeBatch(job);
      const comments = run.failure ? null : splitByFile(run.stdout, files);
      if (comments) return comments;
      failure = run.failure ?? 'its output could not be read';
    } catch (e) {
      failure = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    } finally {
      if (folder) removeFolder(folder, [...names, RC_FILE]);
    }
    if (this.disposed) return scripts.map(() => []);
    // ShellCheck's exit codes 3 and 4 mean it refused the command line (an older ShellCheck without --norc,
    // a stand-in): the next batches would fail the same way.
    if (failure === 'exit code 3' || failure === 'exit code 4') {
      if (this.batchesRefused) return this.oneByOne(scripts);
      this.batchesRefused = true;
      this.options.onNote?.(
        `ShellCheck ("${this.executable}") refused a batch of ${scripts.length} scripts (${failure}); checking every script one at a time from now on.`,
      );
    } else {
      this.options.onNote?.(
        `ShellCheck ("${this.executable}") failed on a batch of ${scripts.length} scripts (${failure}); checking them one at a time.`,
      );
    }
    return this.oneByOne(scripts);
  }

  /** As before batches: one process per script, on standard input. */
  private async oneByOne(scripts: ShellScript[]): Promise<Comment[][]> {
    const answers: Comment[][] = [];
    for (const script of scripts) answers.push(parseOutput(await this.execute(script)));
    return answers;
  }

  private execute(job: ShellScript): Promise<string> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve('');
      const child = execFile(
        this.executable,
        args(job),
        { timeout: SCRIPT_TIMEOUT_MS, maxBuffer: SCRIPT_OUTPUT_BYTES },
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

  /** Runs ShellCheck on the files of a batch; `failure` says why its output cannot be trusted. */
  private executeBatch(job: BatchJob): Promise<{ stdout: string; failure: string | null }> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve({ stdout: '', failure: 'stopped' });
      const child = execFile(
        this.executable,
        args(job),
        // In the working folder, as for standard input: that is where relative `source` paths start.
        { timeout: BATCH_TIMEOUT_MS, maxBuffer: BATCH_OUTPUT_BYTES },
        (error, stdout) => {
          this.running.delete(child);
          resolve({ stdout: typeof stdout === 'string' ? stdout : '', failure: batchFailure(error) });
        },
      );
      this.running.add(child);
      child.stdin?.on('error', () => undefined);
      child.stdin?.end();
    });
  }

  private remember(job: ShellcheckJob, comments: Comment[]): void {
    this.cache.set(cacheKey(job), comments);
  }
}

/** A batch's ShellCheck run: its files (absolute paths), and `--norc` when standard input would find no .shellcheckrc. */
interface BatchJob {
  dialect: ShellScript['dialect'];
  files: string[];
  norc: boolean;
}

const RC_FILE = '.shellcheckrc';

/**
 * The contents of the .shellcheckrc that ShellCheck reads when it checks standard input, or null: as
 * ShellCheck 0.9 looks for it (its getConfig), `.shellcheckrc` or `shellcheckrc` in the working folder or the nearest parent,
 * else in the user's folders (`~/.shellcheckrc`, then the XDG or, on Windows, the application data one).
 */
function shellcheckrcOfStandardInput(): Buffer | null {
  const candidates: string[] = [];
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, RC_FILE), path.join(dir, 'shellcheckrc'));
    if (path.dirname(dir) === dir) break;
  }
  const home = os.homedir();
  if (process.platform === 'win32') {
    const appData = process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
    candidates.push(path.join(appData, 'shellcheckrc'));
  } else {
    const xdg = process.env.XDG_CONFIG_HOME;
    candidates.push(
      path.join(home, RC_FILE),
      path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config'), 'shellcheckrc'),
    );
  }
  for (const candidate of candidates) {
    let isFile = false;
    try {
      isFile = fs.statSync(candidate).isFile();
    } catch {
      continue; // Missing, or in a folder that cannot be read: ShellCheck passes over it too.
    }
    if (!isFile) continue;
    try {
      return fs.readFileSync(candidate);
    } catch {
      return Buffer.alloc(0); // ShellCheck reads one it cannot open as empty.
    }
  }
  return null;
}

/** Removes a batch's folder: the files it should hold, or whatever it holds. */
function removeFolder(folder: string, files: string[]): void {
  try {
    for (const file of files) fs.unlinkSync(path.join(folder, file));
    fs.rmdirSync(folder);
  } catch {
    try {
      fs.rmSync(folder, { recursive: true, force: true });
    } catch {
      // Nothing more to do: the system's temporary folder is cleaned in time.
    }
  }
}

/** Why a batch's process did not end as ShellCheck ends (0: no comments, 1: comments), or null. */
function batchFailure(error: (Error & { code?: unknown; killed?: boolean; signal?: unknown }) | null): string | null {
  if (!error || error.code === 1) return null;
  if (error.killed || error.signal) return `stopped after ${BATCH_TIMEOUT_MS / 1000} s or killed`;
  if (typeof error.code === 'number') return `exit code ${error.code}`;
  return typeof error.code === 'string' ? error.code : error.message;
}

/** A batch's json1 output, split by file in the order given; null when it is not what ShellCheck writes. */
function splitByFile(stdout: string, files: string[]): Comment[][] | null {
  let parsed: { comments?: unknown };
  try {
    parsed = JSON.parse(stdout) as { comments?: unknown };
  } catch {
    return null;
  }
  if (!Array.isArray(parsed.comments)) return null;
  const index = new Map(files.map((file, i) => [file, i]));
  const byFile = files.map((): Comment[] => []);
  for (const comment of parsed.comments as Comment[]) {
    const i = index.get(comment?.file ?? '');
    if (i === undefined) return null;
    byFile[i].push(comment);
  }
  return byFile;
}

/**
 * Scripts waiting for ShellCheck, grouped by dialect into batches, `processes` batches at a time. A batch
 * starts when it is full, when a process is free and `startWhenFree` scripts wait (all of them, up to a
 * full batch), or at once after `flush()` (spread over the free processes). An identical script
 * asked for again while it waits or runs shares that run.
 */
class BatchQueue {
  private readonly waiting = new Map<
    ShellScript['dialect'],
    { script: ShellScript; resolve: (c: Comment[]) => void }[]
  >();
  private readonly pending = new Map<string, Promise<Comment[]>>();
  private running = 0;
  private flushing = false;

  constructor(
    private processes: number,
    private readonly limits: { scripts: number; bytes: number },
    private readonly startWhenFree: number,
    private readonly run: (scripts: ShellScript[]) => Promise<Comment[][]>,
    private readonly remember: (script: ShellScript, comments: Comment[]) => void,
  ) {}

  results(scripts: ShellScript[]): Promise<Comment[][]> {
    const answers = Promise.all(
      scripts.map((script) => {
        const key = cacheKey(script);
        let answer = this.pending.get(key);
        if (!answer) {
          answer = new Promise<Comment[]>((resolve) => {
            const list = this.waiting.get(script.dialect) ?? [];
            list.push({ script, resolve });
            this.waiting.set(script.dialect, list);
          });
          this.pending.set(key, answer);
        }
        return answer;
      }),
    );
    this.start();
    return answers;
  }

  flush(): void {
    this.flushing = true;
    this.start();
  }

  setProcesses(processes: number): void {
    this.processes = Math.max(1, processes);
    this.start();
  }

  private start(): void {
    while (this.running < this.processes) {
      const batch = this.next();
      if (!batch) return;
      this.running++;
      void this.run(batch.map((w) => w.script))
        .catch(() => batch.map((): Comment[] => []))
        .then((answers) => {
          batch.forEach((w, i) => {
            this.remember(w.script, answers[i]);
            this.pending.delete(cacheKey(w.script));
            w.resolve(answers[i]);
          });
        })
        .finally(() => {
          this.running--;
          this.start();
        });
    }
  }

  /** The next batch to start (taken from the waiting scripts), or null. */
  private next(): { script: ShellScript; resolve: (c: Comment[]) => void }[] | null {
    for (const [dialect, list] of this.waiting) {
      let count = 0;
      let bytes = 0;
      while (
        count < list.length &&
        count < this.limits.scripts &&
        (count === 0 || bytes + list[count].script.text.length <= this.limits.bytes)
      ) {
        bytes += list[count].script.text.length;
        count++;
      }
      const full = count < list.length || count === this.limits.scripts;
      if (!full && !this.flushing && list.length < this.startWhenFree) continue;
      // Flushed: the waiting scripts spread over the free processes, so that they finish together.
      if (!full && this.flushing) count = Math.ceil(list.length / Math.max(1, this.processes - this.running));
      const batch = list.splice(0, count);
      if (list.length === 0) this.waiting.delete(dialect);
      return batch;
    }
    this.flushing = false;
    return null;
  }
}

/** Standard input, or the files of a batch. */
function args(job: ShellScript | BatchJob): string[] {
  const common = ['--format=json1', `--shell=${job.dialect}`, `--exclude=${EXCLUDED.join(',')}`];
  return 'files' in job ? [...common, ...(job.norc ? ['--norc'] : []), ...job.files] : [...common, '-'];
}

function cacheKey(job: ShellScript): string {
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
