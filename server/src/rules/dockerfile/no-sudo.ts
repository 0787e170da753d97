import { runCommands } from '../../dockerfile/commands';
import { defineDockerfileRule } from '../types';

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
  fix: 'none',
  messages: {
    sudo: '"sudo" in a build: switch users with USER instead (RUN steps before a USER line already run as root).',
  },
  docs: {
    flags: 'A `sudo` command anywhere in a `RUN` (including inside `&&` chains and subshells).',
    why: 'Build steps run as the user set by the last `USER` instruction, root by default, so `sudo` is unnecessary for root work. Installing and configuring `sudo` in an image also lets any process in the container become root again, which undoes a non-root `USER`. Its TTY and signal handling also behave oddly as PID 1. Do the privileged steps before switching `USER`; at run time, use a tool like `gosu` or `su-exec` in an entrypoint script if a process really must drop privileges itself.',
    bad: [{ code: 'FROM debian:12-slim\nUSER nobody\nRUN sudo mkdir /data\n' }],
    good: [{ code: 'FROM debian:12-slim\nRUN mkdir /data && chown nobody /data\nUSER nobody\n' }],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      const first = rc.command.words[0];
      if (!first || first.value === null || first.value.replace(/^.*\//, '') !== 'sudo') continue;
      report({ messageId: 'sudo', range: model.rangeOf(first.start, first.end) });
    }
  },
});
