import { Onbuild } from 'dockerfile-ast';
import { defineDockerfileRule } from '../types';

const FORBIDDEN = new Set(['FROM', 'MAINTAINER', 'ONBUILD']);

export default defineDockerfileRule({
  id: 'onbuild-trigger',
  title: 'ONBUILD cannot trigger FROM, MAINTAINER or ONBUILD',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'hadolint', id: 'DL3043' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    forbidden: '{trigger} is not allowed as an ONBUILD trigger: the build fails.',
  },
  docs: {
    flags: `An \`ONBUILD\` whose trigger instruction is \`FROM\`, \`MAINTAINER\` or another \`ONBUILD\`.`,
    why: `\`ONBUILD\` stores an instruction that runs later, when another Dockerfile builds \`FROM\` this image.
      Docker refuses \`FROM\` and \`MAINTAINER\` as triggers, and chaining \`ONBUILD ONBUILD\` is not allowed either:
      the build stops with an error.`,
    bad: [
      {
        code: `FROM node:20-alpine
ONBUILD FROM node:20-alpine
USER node
`,
        expect: [{ messageId: 'forbidden', line: 2, column: 9, text: 'FROM' }],
      },
    ],
    good: [
      {
        code: `FROM node:20-alpine
WORKDIR /app
ONBUILD COPY package.json ./
USER node
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (!(instruction instanceof Onbuild)) continue;
      const trigger = instruction.getTrigger()?.toUpperCase();
      const range = instruction.getTriggerRange();
      if (trigger && range && FORBIDDEN.has(trigger)) report({ messageId: 'forbidden', data: { trigger }, range });
    }
  },
});
