import { TextEdit } from 'vscode-languageserver-types';
import { runCommands } from '../../dockerfile/commands';
import { DockerfileModel } from '../../dockerfile/model';
import { ShellCommand } from '../../shell/shell';
import { defineDockerfileRule, FixProposal } from '../types';

/** sudo options that change neither the user nor how the command is run: dropping them with sudo keeps the command. */
const HARMLESS_OPTIONS =
  /^(-[EHnSkAP]+|--preserve-env(=.*)?|--non-interactive|--stdin|--set-home|--reset-timestamp|--askpass)$/;

export default defineDockerfileRule({
  id: 'no-sudo',
  title: 'Do not use sudo in RUN',
  defaultSeverity: 'error',
  category: 'security',
  equivalents: [
    { tool: 'hadolint', id: 'DL3004' },
    { tool: 'trivy', id: 'DS010' },
  ],
  lesson: 'security',
  fix: 'unsafe',
  messages: {
    sudo: '"sudo" in a build: switch users with USER instead (RUN steps before a USER line already run as root).',
  },
  docs: {
    flags: `A \`sudo\` command anywhere in a \`RUN\` (including inside \`&&\` chains and subshells).`,
    why: `Build steps run as the user set by the last \`USER\` instruction, root by default, so \`sudo\` is
      unnecessary for root work. Installing and configuring \`sudo\` in an image also lets any process in the
      container become root again, which undoes a non-root \`USER\`. Its TTY and signal handling also behave oddly
      as PID 1. The quick fix removes the \`sudo\` word (and options such as \`-E\`); it is not applied
      automatically, because after a non-root \`USER\` the command then runs without root rights, and \`sudo -u
      other\` (which switches to another user) gets no fix. Do the privileged steps before switching \`USER\`; at
      run time, use a tool like \`gosu\` or \`su-exec\` in an entrypoint script if a process really must drop
      privileges itself.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN sudo mkdir /data
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN mkdir /data
USER nobody
`,
        expect: [{ messageId: 'sudo', line: 2, column: 5, text: 'sudo' }],
      },
      {
        caption: 'After a non-root USER, removing sudo is not enough: move the step before the USER line',
        code: `FROM debian:12-slim
USER nobody
RUN sudo mkdir /data
`,
        expect: [{ messageId: 'sudo', line: 3, column: 5, text: 'sudo' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN mkdir /data && chown nobody /data
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      const first = rc.command.words[0];
      if (!first?.value?.endsWith('sudo') || first.value.replace(/^.*\//, '') !== 'sudo') continue;
      report({
        messageId: 'sudo',
        range: model.rangeOf(first.start, first.end),
        fixes: () => removeSudoFixes(model, rc.command),
      });
    }
  },
});

/** Deletes `sudo` and its harmless options, up to the command it runs. */
function removeSudoFixes(model: DockerfileModel, command: ShellCommand): FixProposal[] {
  const words = command.words;
  let i = 1;
  while (i < words.length && words[i].value !== null && words[i].value!.startsWith('-')) {
    if (words[i].value === '--') {
      i++;
      break;
    }
    if (!HARMLESS_OPTIONS.test(words[i].value!)) return [];
    i++;
  }
  if (i >= words.length) return [];
  return [
    {
      title: 'Remove sudo (the command then runs as the current USER: root unless a USER line comes before)',
      safe: false,
      edits: [TextEdit.del(model.rangeOf(words[0].start, words[i].start))],
    },
  ];
}
