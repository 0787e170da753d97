import { runCommands } from '../../dockerfile/commands';
import { defineDockerfileRule } from '../types';

const LN_OPTIONS_WITH_VALUE = new Set(['-S', '--suffix', '-t', '--target-directory']);
const SYSTEM_SHELLS = new Set(['/bin/sh', '/usr/bin/sh']);

export default defineDockerfileRule({
  id: 'no-replace-bin-sh',
  title: 'Use SHELL instead of replacing /bin/sh',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'hadolint', id: 'DL4005' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    replaced:
      'Linking over {path} changes the shell of every program in the image: use a SHELL instruction (for example SHELL ["/bin/bash", "-c"]) to change the shell of RUN.',
  },
  docs: {
    flags: `An \`ln\` whose link name is \`/bin/sh\` (or \`/usr/bin/sh\`), as in \`ln -sf /bin/bash /bin/sh\`. Links
      that only point to \`/bin/sh\` are not flagged.`,
    why: `Replacing \`/bin/sh\` is a way to make \`RUN\` use another shell, but it changes far more than the
      build: every script, \`system()\` call and package maintainer script in the image then runs under the new
      shell, and a later package update can silently put the original link back. The \`SHELL\` instruction changes
      the shell of the following \`RUN\`, \`CMD\` and \`ENTRYPOINT\` shell forms, is visible in the Dockerfile, and
      leaves the system alone.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN ln -sf /bin/bash /bin/sh
USER nobody
`,
        expect: [{ messageId: 'replaced', line: 2, column: 22, text: '/bin/sh' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN echo "$BASH_VERSION" | tee /version
USER nobody
`,
      },
      {
        caption: 'A link that points to /bin/sh',
        code: `FROM debian:12-slim
RUN ln -s /bin/sh /usr/local/bin/posix-sh
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      if (rc.name !== 'ln') continue;
      const operands = [];
      let targetDirectory = false;
      for (let i = 1; i < rc.words.length; i++) {
        const value = rc.words[i].value;
        if (value !== null && value.startsWith('-') && value !== '-') {
          if (value === '-t' || value.startsWith('--target-directory')) targetDirectory = true;
          if (LN_OPTIONS_WITH_VALUE.has(value)) i++;
          continue;
        }
        operands.push(rc.words[i]);
      }
      const link = operands[operands.length - 1];
      if (targetDirectory || operands.length < 2 || !link || link.value === null) continue;
      const path = link.value.replace(/\/+$/, '');
      if (!SYSTEM_SHELLS.has(path)) continue;
      report({ messageId: 'replaced', data: { path }, range: model.rangeOf(link.start, link.end) });
    }
  },
});
