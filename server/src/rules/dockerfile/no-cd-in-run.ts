import { runCommands } from '../../dockerfile/commands';
import { defineDockerfileRule } from '../types';

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
  fix: 'none',
  messages: {
    cd: '"cd" only lasts until the end of this RUN: use WORKDIR to change directory for the instructions that follow.',
  },
  docs: {
    flags: 'A `cd` command at the top level of a `RUN` (not inside a subshell such as `(cd dir && make)`).',
    why: 'Each `RUN` starts a new shell in the working directory set by `WORKDIR`; a `cd` is forgotten as soon as the `RUN` ends. Chains of `cd` hide where files end up and make later instructions depend on a directory that is not visible in the Dockerfile. `WORKDIR` sets the directory for every following `RUN`, `COPY`, `CMD` and `ENTRYPOINT`, and creates it if needed.',
    bad: [{ code: 'FROM alpine:3.20\nRUN cd /usr/src && tar xzf app.tgz\nUSER nobody\n' }],
    good: [
      { code: 'FROM alpine:3.20\nWORKDIR /usr/src\nRUN tar xzf app.tgz\nUSER nobody\n' },
      { caption: 'A subshell keeps the change local on purpose', code: 'FROM alpine:3.20\nRUN (cd /usr/src && tar xzf app.tgz)\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      if (rc.name !== 'cd' || rc.command.nested) continue;
      report({ messageId: 'cd', range: model.rangeOf(rc.words[0].start, rc.words[0].end) });
    }
  },
});
