import { Instruction, Run } from 'dockerfile-ast';
import { Position, TextEdit } from 'vscode-languageserver-types';
import { runInstructions } from '../../dockerfile/commands';
import { eol, insertLinesBefore, keywordInDocumentCase } from '../../dockerfile/edits';
import { argumentsText, DockerfileModel, parseJsonStringArray, Stage } from '../../dockerfile/model';
import { distroFamily } from '../../dockerfile/users';
import { commandName, effectiveWords, ShellCommand, ShellScript } from '../../shell/shell';
import { defineDockerfileRule, FixProposal } from '../types';

const PIPEFAIL_SHELL_ARGS = '["/bin/bash", "-o", "pipefail", "-c"]';
/** Shells whose `set -o pipefail` is known to work. */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'busybox', 'ksh', 'mksh']);
/** Producers whose failure pipefail would not reveal (`yes` even fails the pipeline on purpose when the reader stops). */
const HARMLESS_PRODUCERS = new Set(['echo', 'printf', 'yes']);

/** The SHELL in effect for an instruction: the last SHELL before it in its stage, or inherited from the stage it builds on. */
function shellAt(model: DockerfileModel, stage: Stage, line: number): readonly string[] | null {
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.fromStage) {
    seen.add(s);
    const shells = model.shellInstructions(s).filter((i) => s !== stage || i.getRange().start.line < line);
    const last = shells[shells.length - 1];
    if (last) return parseJsonStringArray(argumentsText(model, last));
  }
  return null;
}

/** `-o pipefail` among a shell's arguments (also in clusters such as `-euo pipefail`). */
function enablesPipefail(args: readonly (string | null)[]): boolean {
  return args.some((arg, i) => arg === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(args[i - 1] ?? ''));
}

/** The first pipe of a script that pipefail would make a difference for, and that no earlier `set -o pipefail` covers. */
function unprotectedPipe(script: ShellScript): ShellCommand | null {
  const commands = script.commands;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i];
    const words = effectiveWords(command);
    if (commandName(words) === 'set' && enablesPipefail(words.map((w) => w.value))) return null;
    if (i === 0 || (command.join !== '|' && command.join !== '|&')) continue;
    const producer = commands[i - 1];
    const name = commandName(effectiveWords(producer));
    if (!producer.nested && name !== null && HARMLESS_PRODUCERS.has(name)) continue;
    return command;
  }
  return null;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when the RUN is `RUN <<EOF`: its heredoc bodies are the scripts. */
function isBareHeredoc(model: DockerfileModel, run: Instruction): boolean {
  if (!(run instanceof Run) || run.getHeredocs().length === 0) return false;
  const first = run.getHeredocs()[0].getContentRange();
  const args = run.getArguments();
  if (!first || args.length === 0) return false;
  const head = model.text.slice(model.offsetAt(args[0].getRange().start), model.offsetAt(first.start));
  return head.replace(/\\\s*\n/g, ' ').replace(/<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g, '').trim() === '';
}

/** The shebang line of the `RUN <<EOF` body holding `offset`, or null: such a body runs under its own interpreter, not SHELL. */
function shebangOf(model: DockerfileModel, run: Instruction, offset: number): string | null {
  if (!isBareHeredoc(model, run)) return null;
  for (const heredoc of (run as Run).getHeredocs()) {
    const body = heredoc.getContentRange();
    if (!body || offset < model.offsetAt(body.start) || offset > model.offsetAt(body.end)) continue;
    const first = model.lineText(body.start.line).slice(body.start.character);
    return first.startsWith('#!') ? first : null;
  }
  return null;
}

/**
 * Where `set -o pipefail` goes: before the RUN's command line, or at the top of the heredoc
 * body holding the pipe (after its shebang). `shebang` tells that the body names its own
 * interpreter, so SHELL does not apply to it.
 */
function setPipefailEdit(model: DockerfileModel, run: Instruction, pipeOffset: number): { edit: TextEdit; shebang: boolean } | null {
  if (!isBareHeredoc(model, run)) {
    const start = run.getArguments()[0].getRange().start;
    return { edit: TextEdit.insert(start, 'set -o pipefail && '), shebang: false };
  }
  for (const heredoc of (run as Run).getHeredocs()) {
    const body = heredoc.getContentRange();
    if (!body) continue;
    const start = model.offsetAt(body.start);
    if (pipeOffset < start || pipeOffset > model.offsetAt(body.end)) continue;
    const text = model.text.slice(start);
    const shebang = text.startsWith('#!');
    let at: Position = body.start;
    if (shebang) {
      if (text.indexOf('\n') < 0) return null;
      at = { line: body.start.line + 1, character: 0 };
    }
    return { edit: TextEdit.insert(at, `set -o pipefail${eol(model)}`), shebang };
  }
  return null;
}

export default defineDockerfileRule({
  id: 'run-pipefail',
  title: 'Set pipefail before using pipes in RUN',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL4006' }],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    pipe: 'Only the last command of this pipe decides whether the RUN fails: set pipefail (SHELL ["/bin/bash", "-o", "pipefail", "-c"], or "set -o pipefail" first).',
  },
  docs: {
    flags: 'A `RUN` with a pipe (`|`) while pipefail is off: the `SHELL` in effect (set in the stage or inherited from the stage it builds on) has no `-o pipefail`, and no `set -o pipefail` comes earlier in the same script. Pipes fed by `echo`, `printf` or `yes` are not flagged, since pipefail changes nothing for them (or, for `yes`, makes them fail). Exec-form `RUN` and non-POSIX shells are not checked.',
    why: 'A shell reports the exit status of the last command of a pipe only. In `RUN curl -fsSL https://example.com/install.sh | sh`, a failed download feeds `sh` an empty script that succeeds, the step passes, and the image silently lacks what it should contain. With pipefail, any failing command of the pipe fails the step. `/bin/sh` on Debian and Ubuntu is dash, which may not support `set -o pipefail`, so there the fix switches `RUN` to bash with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`; on Alpine, BusyBox `sh` supports `set -o pipefail`, while bash is usually not installed. Both fixes are offered for review, never applied automatically.',
    bad: [
      {
        code: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER nobody\n',
        fixed: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER nobody\n',
      },
      {
        code: 'FROM alpine:3.20\nRUN wget -qO- https://example.com/install.sh | sh\nUSER nobody\n',
        fixed: 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/install.sh | sh\nUSER nobody\n',
      },
    ],
    good: [
      { code: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER nobody\n' },
      { code: 'FROM alpine:3.20\nRUN set -eo pipefail; wget -qO- https://example.com/install.sh | sh\nUSER nobody\n' },
      { caption: 'echo cannot fail in a way pipefail would reveal', code: 'FROM debian:12-slim\nRUN echo "hello" | tee /greeting\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    for (const { run, stage } of runInstructions(model)) {
      const scripts = model.shellScripts(run);
      if (!scripts) continue;
      const shell = shellAt(model, stage, run.getRange().start.line);
      const shellPipefail = shell !== null && enablesPipefail(shell);
      let pipe: ShellCommand | null = null;
      for (const script of scripts) {
        const shebang = script.commands.length ? shebangOf(model, run, script.commands[0].start) : null;
        if (shebang === null ? shellPipefail : /(^|\s)-[A-Za-z]*o\s+pipefail\b/.test(shebang)) continue;
        pipe = unprotectedPipe(script);
        if (pipe) break;
      }
      if (!pipe) continue;
      const bar = model.text.lastIndexOf('|', pipe.start);
      const range = bar >= 0 && model.text[bar - 1] !== '|' ? model.rangeOf(bar, pipe.join === '|&' ? bar + 2 : bar + 1) : model.rangeOf(pipe.start, pipe.end);
      const pipeStart = pipe.start;
      report({
        messageId: 'pipe',
        range,
        fixes: () => {
          const shellFix: FixProposal = { title: 'Run RUN under bash with pipefail (SHELL before this RUN; needs bash in the image)', safe: false, edits: [insertLinesBefore(model, run, [`${keywordInDocumentCase(model, 'SHELL')} ${PIPEFAIL_SHELL_ARGS}`])] };
          const setEdit = setPipefailEdit(model, run, pipeStart);
          const setFix: FixProposal | null = setEdit && { title: 'Start the script with "set -o pipefail" (needs a shell that supports it)', safe: false, edits: [setEdit.edit] };
          // A heredoc with a shebang runs under its own interpreter: SHELL would not reach it.
          if (setEdit?.shebang) return [setFix!];
          if (shell) {
            const name = basename(shell[0] ?? '');
            return PIPEFAIL_SHELLS.has(name) && setFix ? [setFix, shellFix] : [shellFix];
          }
          switch (distroFamily(model, stage)) {
            case 'alpine':
              return setFix ? [setFix] : [];
            case 'debian':
              return [shellFix];
            default:
              return setFix ? [shellFix, setFix] : [shellFix];
          }
        },
      });
    }
  },
});
