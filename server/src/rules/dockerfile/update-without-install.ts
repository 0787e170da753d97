import { Instruction } from 'dockerfile-ast';
import { commandsOf, RunCommand, runInstructions } from '../../dockerfile/commands';
import { DockerfileModel, Scope } from '../../dockerfile/model';
import { packageCommand, PackageCommand, packageCommands } from '../../dockerfile/packages';
import { joinRunsEdit } from '../../dockerfile/runMerge';
import { defineDockerfileRule, FixProposal } from '../types';

const INDEX_USERS: Record<'apt' | 'apk', RegExp> = {
  apt: /^(apt|apt-get|apt-cache|aptitude|apt-fast|add-apt-repository|install[-_]packages)$|^(apt|apt-get|aptitude) /,
  apk: /^apk$|^apk /,
};

/** Commands whose effect cannot be seen from the Dockerfile: scripts, shells, variables. */
const OPAQUE = new Set([
  'sh',
  'bash',
  'dash',
  'ash',
  'zsh',
  'ksh',
  'source',
  '.',
  'eval',
  'xargs',
  'make',
  'ansible-playbook',
  'chroot',
]);

function isOpaque(rc: RunCommand): boolean {
  const head = rc.words[0]?.value;
  return (
    rc.name === null ||
    OPAQUE.has(rc.name) ||
    (head !== null && head !== undefined && head.includes('/') && !/^(\/usr)?\/s?bin\//.test(head))
  );
}

/** True when a command other than the update reads the package index of `manager`. */
function usesIndex(rc: RunCommand, manager: 'apt' | 'apk'): boolean {
  const command = packageCommand(rc);
  if (command?.manager === manager) return command.subcommand?.value !== 'update';
  if (isOpaque(rc)) return true;
  // `xargs apt-get install`, `env … apt-get`, `timeout 60 apk add …`
  return rc.words.some((w) => w.value !== null && INDEX_USERS[manager].test(w.value));
}

function isIndexUpdate(command: PackageCommand | null): command is PackageCommand & { manager: 'apt' | 'apk' } {
  return (command?.manager === 'apt' || command?.manager === 'apk') && command.subcommand?.value === 'update';
}

export default defineDockerfileRule({
  id: 'update-without-install',
  title: 'Update the package index in the RUN that installs',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'trivy', id: 'DS017' }],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    alone:
      '"{command} update" runs without an install in the same RUN: its cached layer keeps an old package index. Run it in the RUN that installs ("{command} update && {command} install …").',
  },
  docs: {
    flags: `\`apt-get update\` (or \`apt update\`, \`apk update\`) in a \`RUN\` where no other command uses the
      package index: no install, upgrade or other package-manager command, and no script that could run one.`,
    why: `Docker caches each \`RUN\` as a layer keyed by its text. \`RUN apt-get update\` never changes, so
      after the first build it is never run again and its layer keeps the index of that day. When you later add
      a package to a separate \`RUN apt-get install\`, only that line runs again, against the old index: it
      installs outdated versions or fails because the mirror has removed them. Updating and installing in one
      \`RUN\` refreshes the index whenever the package list changes. On its own the update also just adds the
      index files to the image. When the next instruction is a \`RUN\` that installs with the same package
      manager, the fix merges the two with \`&&\` (as [merge-run-layers](merge-run-layers.md) does).`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN apt-get update && \\
    apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'alone', line: 2, column: 13, text: 'update' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const { run, stage } of runInstructions(model)) {
      const commands = commandsOf(model, run);
      for (const rc of commands) {
        const command = packageCommand(rc);
        if (!isIndexUpdate(command)) continue;
        if (commands.some((other) => other !== rc && usesIndex(other, command.manager))) continue;
        const word = command.subcommand!;
        report({
          messageId: 'alone',
          data: { command: command.name ?? command.manager },
          range: model.rangeOf(word.start, word.end),
          fixes: () => mergeWithInstallFixes(model, stage, run, command.manager),
        });
      }
    }
  },
});

const INSTALLS: Record<'apt' | 'apk', string[]> = { apt: ['install'], apk: ['add'] };

/** Merges the update into the RUN right after it, when that RUN installs with the same manager. */
function mergeWithInstallFixes(
  model: DockerfileModel,
  stage: Scope,
  run: Instruction,
  manager: 'apt' | 'apk',
): FixProposal[] {
  const next = stage.instructions[stage.instructions.indexOf(run) + 1];
  if (!next || next.getKeyword() !== 'RUN') return [];
  const installs = [...packageCommands(commandsOf(model, next))].some(
    (c) => c.manager === manager && INSTALLS[manager].includes(c.subcommand?.value ?? ''),
  );
  const edit = installs ? joinRunsEdit(model, run, next) : null;
  return edit
    ? [{ title: 'Merge the update into the RUN that installs', safe: true, preferred: true, edits: [edit] }]
    : [];
}
