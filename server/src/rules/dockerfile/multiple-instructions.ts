import { deleteInstructionLines } from '../../dockerfile/edits';
import { defineDockerfileRule } from '../types';

const SINGLE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'] as const;

export default defineDockerfileRule({
  id: 'multiple-instructions',
  title: 'Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage count',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL4003' },
    { tool: 'hadolint', id: 'DL4004' },
    { tool: 'hadolint', id: 'DL3012' },
    { tool: 'buildkit', id: 'MultipleInstructionsDisallowed' },
    { tool: 'trivy', id: 'DS016' },
    { tool: 'trivy', id: 'DS007' },
    { tool: 'trivy', id: 'DS023' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    overridden: 'This {keyword} has no effect: a later {keyword} in the same stage (line {line}) replaces it.',
  },
  docs: {
    flags: `Every \`CMD\`, \`ENTRYPOINT\` or \`HEALTHCHECK\` in a build stage that a later one of the same kind
      overrides.`,
    why: `An image has one default command, one entrypoint and one health check. When a stage sets one
      twice, only the last one is used and the earlier ones are dead code that misleads the reader; often the
      author expected both commands to run. To run several processes, use a script or a process manager, or
      better, one container per process.`,
    bad: [
      {
        code: `FROM alpine:3.20
USER nobody
CMD ["echo", "one"]
CMD ["echo", "two"]
`,
        fixed: `FROM alpine:3.20
USER nobody
CMD ["echo", "two"]
`,
        expect: [{ messageId: 'overridden', line: 3, column: 1, text: 'CMD ["echo", "one"]' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
USER nobody
CMD ["echo", "two"]
`,
      },
      {
        caption: 'One per stage',
        code: `FROM alpine:3.20 AS test
CMD ["echo", "test"]
FROM alpine:3.20
USER nobody
CMD ["echo", "run"]
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      for (const keyword of SINGLE) {
        const all = stage.instructions.filter((i) => i.getKeyword() === keyword);
        const last = all[all.length - 1];
        for (const instruction of all.slice(0, -1)) {
          report({
            messageId: 'overridden',
            data: { keyword, line: last.getRange().start.line + 1 },
            range: instruction.getRange(),
            tags: ['unnecessary'],
            hadolintCode: keyword === 'CMD' ? 'DL4003' : keyword === 'ENTRYPOINT' ? 'DL4004' : 'DL3012',
            fixes: () => [
              {
                title: `Remove the overridden ${keyword}`,
                safe: true,
                edits: [deleteInstructionLines(model, instruction)],
              },
            ],
          });
        }
      }
    }
  },
});
