import { posix } from 'path';
import { TextEdit } from 'vscode-languageserver-types';
import { RunCommand, runCommands } from '../../dockerfile/commands';
import { insertLinesBefore, keywordInDocumentCase } from '../../dockerfile/edits';
import { DockerfileModel } from '../../dockerfile/model';
import { workdirBefore } from '../../dockerfile/workdir';
import { defineDockerfileRule, FixProposal } from '../types';
import { workdirProblem } from './workdir-system-dir';

export default defineDockerfileRule({
  id: 'no-cd-in-run',
  title: 'Use WORKDIR instead of cd',
  defaultSeverity: 'warning',
  category: 'maintainability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3003' },
    { tool: 'trivy', id: 'DS013' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    cd: '"cd" only lasts until the end of this RUN: use WORKDIR to change directory for the instructions that follow.',
  },
  docs: {
    flags: 'A `cd` command at the top level of a `RUN` (not inside a subshell such as `(cd dir && make)`).',
    why: 'Each `RUN` starts a new shell in the working directory set by `WORKDIR`; a `cd` is forgotten as soon as the `RUN` ends. Chains of `cd` hide where files end up and make later instructions depend on a directory that is not visible in the Dockerfile. `WORKDIR` sets the directory for every following `RUN`, `COPY`, `CMD` and `ENTRYPOINT`, and creates it if needed. The quick fix turns a leading `cd dir &&` into a `WORKDIR` line; it is not applied automatically, because the new directory also applies to the instructions that follow (and `WORKDIR` creates a directory that `cd` would have failed on).',
    bad: [
      {
        code: 'FROM alpine:3.20\nRUN cd /usr/src && tar xzf app.tgz\nUSER nobody\n',
        fixed: 'FROM alpine:3.20\nWORKDIR /usr/src\nRUN tar xzf app.tgz\nUSER nobody\n',
      },
    ],
    good: [
      { code: 'FROM alpine:3.20\nWORKDIR /usr/src\nRUN tar xzf app.tgz\nUSER nobody\n' },
      { caption: 'A subshell keeps the change local on purpose', code: 'FROM alpine:3.20\nRUN (cd /usr/src && tar xzf app.tgz)\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      if (rc.name !== 'cd' || rc.command.nested) continue;
      report({ messageId: 'cd', range: model.rangeOf(rc.words[0].start, rc.words[0].end), fixes: () => workdirFixes(model, rc) });
    }
  },
});

/**
 * `RUN cd /dir && rest` → `WORKDIR /dir` + `RUN rest`, only when the cd
 * starts the RUN's `&&` chain and names a literal directory (a relative one
 * only when the current WORKDIR is known). A cd later in the chain gets no
 * fix: what runs before it would move to the new directory too.
 */
function workdirFixes(model: DockerfileModel, rc: RunCommand): FixProposal[] {
  const scripts = model.shellScripts(rc.run);
  if (!scripts || scripts.length !== 1 || scripts[0] !== rc.script || rc.script.error) return [];
  const commands = rc.script.commands;
  const next = commands[1];
  if (commands[0] !== rc.command || !next || next.join !== '&&' || next.nested) return [];
  if (rc.command.words.length !== 2 || rc.command.redirects > 0 || rc.command.assignments > 0) return [];
  const dir = rc.command.words[1].value;
  if (!dir || dir === '-' || /^[~-]|[\s"'$`\\]/.test(dir)) return [];
  let target = dir;
  if (!dir.startsWith('/')) {
    const current = workdirBefore(model, rc.stage, rc.run);
    if (current === null) return [];
    target = posix.resolve(current, dir);
  }
  // `cd / && …` would become a WORKDIR that workdir-system-dir rightly flags.
  if (workdirProblem(target) || model.text.slice(rc.command.end, next.start).includes('#')) return [];
  const workdir = `${keywordInDocumentCase(model, 'WORKDIR')} ${target}`;
  return [
    {
      title: `Replace "cd ${dir}" with ${workdir} (it also applies to the instructions that follow)`,
      safe: false,
      edits: [insertLinesBefore(model, rc.run, [workdir]), TextEdit.del(model.rangeOf(rc.command.start, next.start))],
    },
  ];
}
