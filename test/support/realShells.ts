/**
 * The shells' own parsers as judges of RUN scripts, for the fix soundness
 * checks: `bash -n` for RUNs that bash runs (a `SHELL ["/bin/bash", …]`, a
 * `#!/bin/bash` heredoc, `RUN bash <<EOF`), `sh -n` for the default `/bin/sh`
 * (dash on Debian). mvdan/sh is more lenient in places, and the shell is what
 * actually runs the script.
 *
 * Scripts are taken as BuildKit hands them to the shell: continuation lines
 * joined (escape and line break removed, comment and empty lines inside the
 * continuation dropped), CRs of CRLF line ends removed, and for `RUN <<EOF`
 * the heredoc body. Verdicts are cached by (shell, script) and fetched in
 * batches: one process runs `<shell> -n` on every script of a batch, two at a
 * time, each script fed on stdin.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DockerfileModel } from '../../server/src/dockerfile/model';

export type RealShell = 'bash' | 'sh';

/** The real shells, and the binary each is run as. */
const BINARIES: Record<RealShell, string> = { bash: 'bash', sh: '/bin/sh' };

export interface RunScript {
  shell: RealShell;
  /** The script as the shell receives it. */
  text: string;
  /** The RUN's first line (1-based). */
  line: number;
}

export interface ShellVerdict {
  ok: boolean;
  /** The shell's complaint (stderr), when it rejects the script. */
  message: string;
}

/** Which real shell runs a POSIX-like shell name: bash for bash, dash (`/bin/sh`) for the sh family, none for others. */
function realShellOf(name: string): RealShell | null {
  if (name === 'bash') return 'bash';
  if (name === 'sh' || name === 'dash' || name === 'ash' || name === 'busybox') return 'sh';
  return null;
}

/** An escape character at the end of a line, trailing blanks allowed (as BuildKit reads continuations). */
function continuation(escapeChar: string): RegExp {
  return new RegExp(`${escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*$`);
}

/**
 * The command line of a shell-form RUN as BuildKit joins it: each escape at a
 * line end and its line break are removed, comment lines and empty lines
 * inside the continuation are dropped. What follows the first line that does
 * not continue (heredoc bodies) is kept as it is.
 */
export function joinContinuations(raw: string, escapeChar: string): string {
  const lines = raw.split(/\r?\n/);
  const pattern = continuation(escapeChar);
  let joined = '';
  let continued = false;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const last = i === lines.length - 1;
    if (continued && !last && (/^[ \t]*#/.test(line) || /^[ \t]*$/.test(line))) continue;
    const m = pattern.exec(line);
    if (m && !last) {
      joined += line.slice(0, m.index);
      continued = true;
      continue;
    }
    joined += line;
    i++;
    break;
  }
  return i < lines.length ? `${joined}\n${lines.slice(i).join('\n')}` : joined;
}

/**
 * The scripts of every RUN of a Dockerfile that a real shell here can judge,
 * and how many shell scripts were left out (zsh, ksh… RUNs). Exec-form RUNs
 * and RUNs under non-POSIX shells have no script.
 */
export function runScriptsOf(model: DockerfileModel): { scripts: RunScript[]; otherShell: number } {
  const scripts: RunScript[] = [];
  let otherShell = 0;
  for (const instruction of model.ast.getInstructions()) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const sources = model.shellSources(instruction);
    if (!sources?.length) continue;
    const line = instruction.getRange().start.line + 1;
    const args = instruction.getArguments();
    const commandStart = args.length ? model.offsetAt(args[0].getRange().start) : -1;
    for (const source of sources) {
      // Sources keep their length: the raw text is the same slice of the document.
      const raw = model.text.slice(source.offset, source.offset + source.text.length);
      const isCommandLine = source.offset === commandStart && source.shebang === null;
      const body = raw.replace(/\r\n/g, '\n');
      const text = isCommandLine ? joinContinuations(raw, model.escapeChar) : body.endsWith('\n') ? body : `${body}\n`;
      const shell = realShellOf(source.shebang ?? model.shellOf(instruction));
      if (shell) scripts.push({ shell, text, line });
      else otherShell++;
    }
  }
  return { scripts, otherShell };
}

const verdicts = new Map<string, ShellVerdict>();
const available = new Map<RealShell, boolean>();

function keyOf(script: RunScript): string {
  return `${script.shell}\0${script.text}`;
}

/** Whether the shell can be run here (`<shell> -n` on an empty script). */
export function shellAvailable(shell: RealShell): boolean {
  let known = available.get(shell);
  if (known === undefined) {
    const probe = spawnSync(BINARIES[shell], ['-n'], { input: '', stdio: ['pipe', 'ignore', 'ignore'] });
    known = probe.error === undefined && probe.status === 0;
    available.set(shell, known);
  }
  return known;
}

/** How many distinct scripts each shell has judged so far (in this process). */
export const judged: Record<RealShell, number> = { bash: 0, sh: 0 };

/**
 * Judges every script not judged yet, in one batch: the scripts are written
 * to a temporary folder and one shell process feeds each to `<shell> -n` on
 * stdin, in two parallel workers per shell. Scripts of a shell that is not installed are
 * left unjudged.
 */
export function prefetch(scripts: Iterable<RunScript>): void {
  const pending = new Map<string, RunScript>();
  for (const script of scripts) {
    const key = keyOf(script);
    if (!verdicts.has(key) && !pending.has(key) && shellAvailable(script.shell)) pending.set(key, script);
  }
  if (pending.size === 0) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-shells-'));
  try {
    const files: { key: string; file: string }[] = [];
    const lists = new Map<string, string[]>();
    let n = 0;
    for (const [key, script] of pending) {
      const file = path.join(dir, String(n++));
      fs.writeFileSync(file, script.text);
      files.push({ key, file });
      // Two workers per shell, alternating, so both CPUs are busy on a large batch.
      const list = `${script.shell}.${n % 2}`;
      if (!lists.has(list)) lists.set(list, []);
      lists.get(list)!.push(file);
    }
    const workers: string[] = [];
    for (const [list, entries] of lists) {
      const listFile = path.join(dir, `${list}.list`);
      fs.writeFileSync(listFile, entries.join('\n') + '\n');
      workers.push(`check '${BINARIES[list.split('.')[0] as RealShell]}' '${listFile}' &`);
    }
    const driver = `check() { while IFS= read -r f; do "$1" -n <"$f" 2>"$f.err" >/dev/null || echo "$f"; done <"$2"; }\n${workers.join('\n')}\nwait\n`;
    const run = spawnSync(BINARIES[shellAvailable('sh') ? 'sh' : 'bash'], ['-c', driver], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error || run.status !== 0) throw new Error(`running the shells failed: ${run.error ?? run.stderr}`);
    const rejected = new Set(run.stdout.split('\n').filter(Boolean));
    for (const { key, file } of files) {
      const ok = !rejected.has(file);
      const message = ok ? '' : fs.readFileSync(`${file}.err`, 'utf8').trim();
      verdicts.set(key, { ok, message });
      judged[pending.get(key)!.shell]++;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The shell's verdict on a script (judged now if needed), or null when that shell is not installed. */
export function verdictOf(script: RunScript): ShellVerdict | null {
  if (!shellAvailable(script.shell)) return null;
  let verdict = verdicts.get(keyOf(script));
  if (!verdict) {
    prefetch([script]);
    verdict = verdicts.get(keyOf(script))!;
  }
  return verdict;
}

/** The scripts of `after` that are not in `before` (as a multiset), and those of `before` that are gone. */
export function changedScripts(before: RunScript[], after: RunScript[]): { gone: RunScript[]; added: RunScript[] } {
  const left = new Map<string, number>();
  for (const s of before) left.set(keyOf(s), (left.get(keyOf(s)) ?? 0) + 1);
  const added: RunScript[] = [];
  for (const s of after) {
    const count = left.get(keyOf(s)) ?? 0;
    if (count > 0) left.set(keyOf(s), count - 1);
    else added.push(s);
  }
  const gone: RunScript[] = [];
  for (const s of before) {
    const count = left.get(keyOf(s)) ?? 0;
    if (count > 0) {
      left.set(keyOf(s), count - 1);
      gone.push(s);
    }
  }
  return { gone, added };
}
