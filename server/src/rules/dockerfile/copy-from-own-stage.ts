import { fromReferences, resolveStageRef } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'copy-from-own-stage',
  title: 'COPY --from cannot name its own stage',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3023' },
    { tool: 'trivy', id: 'DS006' },
  ],
  lesson: 'multi-stage-builds',
  fix: 'none',
  messages: {
    self: '"{name}" is the stage this COPY is in: copy from an earlier stage, or use COPY without --from for the build context.',
  },
  docs: {
    flags: `A \`COPY --from=\` that names the stage it is written in, by name or by index.`,
    why: `A stage cannot read files from itself through \`--from\`: its filesystem is still being built.
      BuildKit rejects such a build with a circular dependency error. To move files around inside a stage, use
      \`RUN cp\`; to take them from the build context, drop \`--from\`.`,
    bad: [
      {
        code: `FROM alpine:3.20 AS app
COPY --from=app /etc/os-release /os-release
USER nobody
`,
        expect: [{ messageId: 'self', line: 2, column: 13, text: 'app' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20 AS base
RUN cp /etc/os-release /os-release
FROM alpine:3.20 AS app
COPY --from=base /os-release /os-release
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const ref of fromReferences(model)) {
      if (ref.via !== 'copy') continue;
      if (resolveStageRef(model, ref.name, ref.stage).kind === 'self')
        report({ messageId: 'self', data: { name: ref.name }, range: ref.range });
    }
  },
});
