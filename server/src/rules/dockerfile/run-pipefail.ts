import { Instruction, Run } from 'dockerfile-ast';
import { Position, TextEdit } from 'vscode-languageserver-types';
import { runInstructions } from '../../dockerfile/commands';
import { eol, insertLinesBefore, keywordInDocumentCase } from '../../dockerfile/edits';
import { DockerfileModel, Scope } from '../../dockerfile/model';
import { distroFamily } from '../../dockerfile/users';
import { ImageReference, imageBaseName } from '../../dockerfile/image';
import { commandName, effectiveWords, ShellCommand, ShellScript } from '../../shell/shell';
import { defineDockerfileRule, FixProposal } from '../types';

const BASH_PIPEFAIL = '["/bin/bash", "-o", "pipefail", "-c"]';
/** BusyBox ash (/bin/sh and /bin/ash on Alpine and busybox images) supports pipefail; bash is usually not installed there. */
const ASH_PIPEFAIL = '["/bin/ash", "-o", "pipefail", "-c"]';
/** Shells whose `set -o pipefail` is known to work. */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'busybox', 'ksh', 'mksh']);
/** Producers whose failure pipefail would not reveal (`yes` even fails the pipeline on purpose when the reader stops). */
const HARMLESS_PRODUCERS = new Set(['echo', 'printf', 'yes']);

/** `-o pipefail` among a shell's arguments (also in clusters such as `-euo pipefail`). */
function enablesPipefail(args: readonly (string | null)[]): boolean {
  return args.some((arg, i) => arg === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(args[i - 1] ?? ''));
}

/**
 * Consumers that fail by themselves when what they read is empty or cut short, so a failing
 * producer (a download that breaks off) fails the pipe anyway: extracting a compressed tar
 * archive, decompressors, importing an OpenPGP key, checking checksums, and `grep` used as a
 * check (its output not redirected), which fails when no line matches.
 */
function checksItsInput(command: ShellCommand): boolean {
  const words = effectiveWords(command);
  const name = commandName(words);
  const args = words.slice(1).map((w) => w.value);
  const long = new Set(
    args.filter((a): a is string => a !== null && a.startsWith('--')).map((a) => a.replace(/=.*/, '')),
  );
  const letters = args
    .filter(
      (a, i): a is string =>
        a !== null && !a.startsWith('--') && (a.startsWith('-') || (i === 0 && /^[A-Za-z]+$/.test(a))),
    )
    .join('');
  switch (name) {
    case 'tar': {
      const extract = letters.includes('x') || long.has('--extract') || long.has('--get');
      const compressed =
        /[zJjZ]/.test(letters) ||
        ['--gzip', '--gunzip', '--ungzip', '--xz', '--bzip2', '--lzma', '--compress', '--uncompress'].some((o) =>
          long.has(o),
        );
      return extract && compressed;
    }
    case 'gunzip':
    case 'zcat':
    case 'unxz':
    case 'xzcat':
    case 'bunzip2':
    case 'bzcat':
      return true;
    case 'gzip':
    case 'xz':
    case 'bzip2':
      return letters.includes('d') || long.has('--decompress');
    case 'gpg':
    case 'gpg2':
      return long.has('--import') || long.has('--dearmor') || long.has('--dearmour');
    case 'grep':
    case 'egrep':
    case 'fgrep':
      return command.redirects === 0;
    case 'apt-key':
      return args[0] === 'add';
    case 'md5sum':
    case 'sha1sum':
    case 'sha224sum':
    case 'sha256sum':
    case 'sha384sum':
    case 'sha512sum':
      return letters.includes('c') || long.has('--check');
    default:
      return false;
  }
}

/** True when every command that the pipe into `commands[i]` feeds further (`a | gpg --dearmor | apt-key add -`) also fails on empty input. */
function restChecksInput(commands: readonly ShellCommand[], i: number): boolean {
  for (let j = i + 1; j < commands.length && (commands[j].join === '|' || commands[j].join === '|&'); j++) {
    if (
      commands[j].pipeProducerStart !== commands[j - 1].start ||
      !commands[j].pipeConsumerSimple ||
      !checksItsInput(commands[j])
    )
      return false;
  }
  return true;
}

/**
 * The first pipe of a script that pipefail would make a difference for, and that no earlier
 * `set -o pipefail` covers. Pipes are found wherever they are nested (if, loops, subshells,
 * blocks, && lists).
 */
/** Programs that fetch over the network: their failures (an outage, a 404 with `-f`) are routine, not rare. */
const DOWNLOADERS = new Set(['curl', 'wget']);

/**
 * The pipe to report in a script: the first one fed by a download if there is one (a failed
 * download gives the consumer empty input, and `curl -f … | sh` then installs nothing and
 * succeeds), else the first unprotected pipe.
 */
function unprotectedPipe(script: ShellScript): { pipe: ShellCommand; download: boolean } | null {
  let first: ShellCommand | null = null;
  for (const { pipe, producer } of unprotectedPipes(script)) {
    if (producer.some((c) => DOWNLOADERS.has(basename(commandName(effectiveWords(c)) ?? ''))))
      return { pipe, download: true };
    first ??= pipe;
  }
  return first ? { pipe: first, download: false } : null;
}

function* unprotectedPipes(script: ShellScript): Generator<{ pipe: ShellCommand; producer: ShellCommand[] }> {
  const commands = script.commands;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i];
    const words = effectiveWords(command);
    if (commandName(words) === 'set' && enablesPipefail(words.map((w) => w.value))) return;
    if (i === 0 || (command.join !== '|' && command.join !== '|&') || command.pipeProducerStart === undefined) continue;
    // A condition tests the pipe's status on purpose: pipefail would change the branch, not fail the RUN.
    if (command.pipeTested) continue;
    const producer = commands.slice(0, i).filter((c) => c.start >= command.pipeProducerStart!);
    if (producer.length > 0 && producer.every((c) => HARMLESS_PRODUCERS.has(commandName(effectiveWords(c)) ?? '')))
      continue;
    if (command.pipeConsumerSimple && checksItsInput(command) && restChecksInput(commands, i)) continue;
    yield { pipe: command, producer };
  }
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
  return (
    head
      .replace(/\\\s*\n/g, ' ')
      .replace(/<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g, '')
      .trim() === ''
  );
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
function setPipefailEdit(
  model: DockerfileModel,
  run: Instruction,
  pipeOffset: number,
): { edit: TextEdit; shebang: boolean } | null {
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
    pipe: 'Only the last command of this pipe decides whether the RUN fails: set pipefail ({remedy}).',
  },
  docs: {
    flags: `A \`RUN\` with a pipe (\`|\`) while pipefail is off: the \`SHELL\` in effect (set in the stage or
      inherited from the stage it builds on) has no \`-o pipefail\`, and no \`set -o pipefail\` comes earlier in the
      same script. Pipes are found wherever they are nested: in \`if\`, loops, subshells, \`{ …; }\` blocks and \`&&\`
      lists. Not flagged, because pipefail would change nothing for them: a pipe fed only by \`echo\`, \`printf\` or
      \`yes\` (also a block of them, \`{ echo a; echo b; } | tee f\`); a pipe into commands that fail by themselves
      when their input is empty or cut short (extracting a compressed archive with \`tar -xz\`/\`-xJ\`/\`-xj\`,
      \`gunzip\`, \`xz -d\`, \`gpg --import\`/\`--dearmor\`, \`apt-key add\`, \`sha256sum -c\`, and \`grep\` as a check, its
      output not redirected, which fails when nothing matches); a pipe whose status is tested by \`if\`, \`while\`,
      \`until\` or \`!\`. Exec-form \`RUN\` and non-POSIX shells are not checked. A pipe fed by a download (\`curl\`,
      \`wget\`) is a warning, since downloads fail routinely and the failure then passes unseen; other pipes are
      information.`,
    why: `A shell reports the exit status of the last command of a pipe only. In \`RUN curl -fsSL
      https://example.com/install.sh | sh\`, a failed download feeds \`sh\` an empty script that succeeds, the step
      passes, and the image silently lacks what it should contain; in \`RUN make test | tee /log\`, failing tests
      pass the step. With pipefail, any failing command of the pipe fails the step. \`/bin/sh\` on Debian and
      Ubuntu is dash, which rejects \`set -o pipefail\`, so there the fix switches \`RUN\` to bash with \`SHELL
      ["/bin/bash", "-o", "pipefail", "-c"]\`. On Alpine and busybox images, \`/bin/sh\` is BusyBox ash, which
      supports pipefail while bash is usually not installed: the fixes there are \`set -o pipefail\` at the start
      of the script or \`SHELL ["/bin/ash", "-o", "pipefail", "-c"]\`. The fixes are offered for review, never
      applied automatically.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN curl -fsSL https://example.com/install.sh | sh
USER nobody
`,
        fixed: `FROM debian:12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/install.sh | sh
USER nobody
`,
        expect: [{ messageId: 'pipe', line: 2, column: 47, text: '|' }],
      },
      {
        code: `FROM alpine:3.20
RUN wget -qO- https://example.com/install.sh | sh
USER nobody
`,
        fixed: `FROM alpine:3.20
RUN set -o pipefail && wget -qO- https://example.com/install.sh | sh
USER nobody
`,
        expect: [{ messageId: 'pipe', line: 2, column: 46, text: '|' }],
      },
      {
        caption: 'A nested pipe: failing tests would pass the step',
        code: `FROM debian:12-slim
RUN if [ -f Makefile ]; then make test | tee /tmp/test.log; fi
USER nobody
`,
        expect: [{ messageId: 'pipe', line: 2, column: 40, text: '|' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/install.sh | sh
USER nobody
`,
      },
      {
        code: `FROM alpine:3.20
RUN set -eo pipefail; wget -qO- https://example.com/install.sh | sh
USER nobody
`,
      },
      {
        caption: 'echo cannot fail in a way pipefail would reveal',
        code: `FROM debian:12-slim
RUN echo "hello" | tee /greeting
USER nobody
`,
      },
      {
        caption: 'tar fails by itself on an empty or cut-off compressed archive',
        code: `FROM debian:12-slim
RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const { run, stage } of runInstructions(model)) {
      const scripts = model.shellScripts(run);
      if (!scripts) continue;
      const shell = model.shellAt(run);
      const shellPipefail = shell !== null && enablesPipefail(shell);
      let found: { pipe: ShellCommand; download: boolean; shebang: string | null } | null = null;
      for (const script of scripts) {
        const shebang = script.commands.length ? shebangOf(model, run, script.commands[0].start) : null;
        if (shebang === null ? shellPipefail : /(^|\s)-[A-Za-z]*o\s+pipefail\b/.test(shebang)) continue;
        const candidate = unprotectedPipe(script);
        if (candidate && (!found || (candidate.download && !found.download))) found = { ...candidate, shebang };
        if (found?.download) break;
      }
      if (!found) continue;
      const { pipe, shebang } = found;
      const bar = model.text.lastIndexOf('|', pipe.start);
      const range =
        bar >= 0 && model.text[bar - 1] !== '|'
          ? model.rangeOf(bar, pipe.join === '|&' ? bar + 2 : bar + 1)
          : model.rangeOf(pipe.start, pipe.end);
      const pipeStart = pipe.start;
      // A heredoc with a shebang runs under its own interpreter: SHELL would not reach it.
      const kinds = shebang !== null ? (['set'] as const) : remedies(model, stage, shell);
      report({
        messageId: 'pipe',
        data: { remedy: kinds.map((k) => REMEDY_TEXT[k]).join(', or ') },
        range,
        // A download that fails is routine; other producers fail rarely, and mostly loudly later on.
        milder: !found.download,
        fixes: () => {
          const setEdit = setPipefailEdit(model, run, pipeStart);
          const fixes: FixProposal[] = [];
          for (const kind of kinds) {
            if (kind === 'set') {
              if (setEdit)
                fixes.push({
                  title: 'Start the script with "set -o pipefail" (needs a shell that supports it)',
                  safe: false,
                  edits: [setEdit.edit],
                });
            } else {
              const args = kind === 'bash' ? BASH_PIPEFAIL : ASH_PIPEFAIL;
              const title =
                kind === 'bash'
                  ? 'Run RUN under bash with pipefail (SHELL before this RUN; needs bash in the image)'
                  : 'Run RUN under BusyBox ash with pipefail (SHELL before this RUN)';
              fixes.push({
                title,
                safe: false,
                edits: [insertLinesBefore(model, run, [`${keywordInDocumentCase(model, 'SHELL')} ${args}`])],
              });
            }
          }
          return fixes;
        },
      });
    }
  },
});

type Remedy = 'set' | 'bash' | 'ash';

const REMEDY_TEXT: Record<Remedy, string> = {
  set: '"set -o pipefail" first',
  bash: `SHELL ${BASH_PIPEFAIL}`,
  ash: `SHELL ${ASH_PIPEFAIL}`,
};

/** What can turn pipefail on for a RUN of `stage`, best first. */
function remedies(model: DockerfileModel, stage: Scope, shell: readonly string[] | null): readonly Remedy[] {
  if (shell) {
    const name = basename(shell[0] ?? '');
    if (name === 'ash' || name === 'busybox') return ['set', 'ash'];
    return PIPEFAIL_SHELLS.has(name) ? ['set', 'bash'] : ['bash'];
  }
  const image = rootImage(stage);
  if (distroFamily(model, stage) === 'alpine' || (image !== null && imageBaseName(image) === 'busybox'))
    return ['set', 'ash'];
  // dash, /bin/sh on Debian and Ubuntu, rejects `set -o pipefail` (0.5.12 in Debian 12).
  if (distroFamily(model, stage) === 'debian') return ['bash'];
  return ['bash', 'set'];
}

/** The external image a stage is built on, through `FROM <stage>`. */
function rootImage(stage: Scope): ImageReference | null {
  const seen = new Set<Scope>();
  let current = stage;
  while (current.fromStage && !seen.has(current)) {
    seen.add(current);
    current = current.fromStage;
  }
  return current.image;
}
