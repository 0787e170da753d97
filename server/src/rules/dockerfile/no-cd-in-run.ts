import { posix } from 'path';
import { TextEdit } from 'vscode-languageserver-types';
import { RunCommand, runCommands } from '../../dockerfile/commands';
import { deleteInstructionLines, keywordInDocumentCase } from '../../dockerfile/edits';
import { DockerfileModel } from '../../dockerfile/model';
import { workdirBefore } from '../../dockerfile/workdir';
import { defineDockerfileRule, FixProposal } from '../types';
import { workdirProblem } from './workdir-system-dir';

export default defineDockerfileRule({
  id: 'no-cd-in-run',
  title: 'A cd that nothing after it uses',
  defaultSeverity: 'warning',
  category: 'maintainability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3003' },
    { tool: 'trivy', id: 'DS013' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    cd: 'Nothing runs after this "cd" in the RUN, and the next instruction starts again in the WORKDIR directory: use WORKDIR if the instructions that follow should run there, or remove it.',
  },
  docs: {
    flags: `A \`cd\` that is the last command of a \`RUN\` (of its script, or of a heredoc body), at the top level
      of the script: \`RUN cd /app\` on its own, or \`RUN make install && cd /\`. A \`cd\` that later commands of the
      same \`RUN\` use (\`RUN cd /usr/src/app && make && make install\`) is not flagged: that is the usual way to
      build in a directory that the following instructions should not inherit. A \`cd\` inside a loop, a function
      or a subshell is not flagged either.`,
    why: `Each \`RUN\` starts a new shell in the directory set by \`WORKDIR\`, so a \`cd\` lasts only until its
      \`RUN\` ends. A \`cd\` with no command after it changes nothing: it usually means the author expected the
      following instructions to run in that directory, which they do not. \`WORKDIR\` sets the directory for every
      following \`RUN\`, \`COPY\`, \`CMD\` and \`ENTRYPOINT\` (and creates it). Hadolint's DL3003 flags every \`cd\`; this
      rule leaves alone the ones the rest of their \`RUN\` relies on, since replacing those with \`WORKDIR\` would
      also move every later instruction. The quick fixes (never applied automatically) replace a \`RUN\` that is
      only a \`cd\` with \`WORKDIR\`, or remove the \`cd\`; either changes what happens when the directory does not
      exist (\`cd\` fails the step, \`WORKDIR\` creates it).`,
    bad: [
      {
        code: `FROM alpine:3.20
RUN cd /usr/src
RUN tar xzf app.tgz
USER nobody
`,
        fixed: `FROM alpine:3.20
WORKDIR /usr/src
RUN tar xzf app.tgz
USER nobody
`,
        expect: [{ messageId: 'cd', line: 2, column: 5, text: 'cd' }],
      },
      {
        code: `FROM alpine:3.20
RUN tar xzf /tmp/app.tgz -C /opt && cd /opt/app
USER nobody
`,
        fixed: `FROM alpine:3.20
RUN tar xzf /tmp/app.tgz -C /opt
USER nobody
`,
        expect: [{ messageId: 'cd', line: 2, column: 37, text: 'cd' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
WORKDIR /usr/src
RUN tar xzf app.tgz
USER nobody
`,
      },
      {
        caption: 'The cd serves the commands after it in the same RUN',
        code: `FROM alpine:3.20
RUN mkdir -p /usr/src/app && cd /usr/src/app && tar xzf /tmp/app.tgz && make install
USER nobody
`,
      },
      {
        caption: 'A subshell keeps the change local on purpose',
        code: `FROM alpine:3.20
RUN (cd /usr/src && tar xzf app.tgz)
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      if (rc.name !== 'cd' || rc.command.nested) continue;
      const commands = rc.script.commands;
      if (commands[commands.length - 1] !== rc.command) continue;
      report({
        messageId: 'cd',
        range: model.rangeOf(rc.words[0].start, rc.words[0].end),
        fixes: () => cdFixes(model, rc),
      });
    }
  },
});

/**
 * A RUN that is only `cd dir`: replace it with `WORKDIR dir` (when the directory is a literal,
 * and a relative one only when the current WORKDIR is known), or remove it.
 * A `cd` at the end of a chain: remove it with the `&&` or `;` before it.
 */
function cdFixes(model: DockerfileModel, rc: RunCommand): FixProposal[] {
  const scripts = model.shellScripts(rc.run);
  if (!scripts || scripts.length !== 1 || scripts[0] !== rc.script || rc.script.error) return [];
  const commands = rc.script.commands;
  const dir = rc.command.words.length === 2 ? rc.command.words[1].value : null;
  const label = `cd${dir === null ? '' : ` ${dir}`}`;
  if (commands.length === 1) {
    if (rc.script.hasComments) return [];
    const fixes: FixProposal[] = [];
    const target =
      dir === null || rc.command.redirects > 0 || rc.command.assignments > 0 ? null : workdirTarget(model, rc, dir);
    if (target !== null) {
      const workdir = `${keywordInDocumentCase(model, 'WORKDIR')} ${target}`;
      fixes.push({
        title: `Replace this RUN with ${workdir} (it also applies to the instructions that follow)`,
        safe: false,
        edits: [TextEdit.replace(rc.run.getRange(), workdir)],
      });
    }
    fixes.push({
      title: `Remove this RUN ("${label}" has no effect)`,
      safe: false,
      edits: [deleteInstructionLines(model, rc.run)],
    });
    return fixes;
  }
  const previous = commands[commands.length - 2];
  if (previous.nested || (rc.command.join !== '&&' && rc.command.join !== ';' && rc.command.join !== 'newline'))
    return [];
  // Only blanks, the `&&` or `;` and line continuations between the two commands: no comment, heredoc body or other operator.
  const between = model.text.slice(previous.end, rc.command.start);
  if (!/^[\s;&\\`]*$/.test(between)) return [];
  return [
    {
      title: `Remove "${label}" (it has no effect)`,
      safe: false,
      edits: [TextEdit.del(model.rangeOf(previous.end, rc.command.end))],
    },
  ];
}

/** The absolute directory a WORKDIR should name for `cd dir`, or null when it is not a plain literal path. */
function workdirTarget(model: DockerfileModel, rc: RunCommand, dir: string): string | null {
  if (!dir || dir === '-' || /^[~-]|[\s"'$`\\]/.test(dir)) return null;
  let target = dir;
  if (!dir.startsWith('/')) {
    const current = workdirBefore(model, rc.stage, rc.run);
    if (current === null) return null;
    target = posix.resolve(current, dir);
  }
  // `cd /` would become a WORKDIR that workdir-system-dir rightly flags.
  return workdirProblem(target) ? null : target;
}
