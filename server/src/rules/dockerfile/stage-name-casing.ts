import { renameStageEdits } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'stage-name-casing',
  title: 'Write build stage names in lower case',
  defaultSeverity: 'warning',
  category: 'style',
  equivalents: [{ tool: 'buildkit', id: 'StageNameCasing' }],
  lesson: 'multi-stage-builds',
  fix: 'safe',
  messages: {
    casing: 'Stage name "{name}" should be lower case: write "{expected}".',
  },
  docs: {
    flags: `A \`FROM … AS name\` whose stage name contains upper-case letters.`,
    why: `Stage names are case-insensitive: BuildKit lower-cases them, so \`COPY --from=Build\` and \`--target
      build\` find the same stage. Writing them in lower case, like image names, keeps references consistent with
      what the builder shows. The fix renames the stage and every \`FROM\`, \`COPY --from=\` and \`RUN --mount=from=\`
      that refers to it.`,
    bad: [
      {
        code: `FROM golang:1.22 AS Build
RUN go version
FROM alpine:3.20
COPY --from=Build /etc/os-release /
USER nobody
`,
        fixed: `FROM golang:1.22 AS build
RUN go version
FROM alpine:3.20
COPY --from=build /etc/os-release /
USER nobody
`,
        expect: [{ messageId: 'casing', line: 1, column: 21, text: 'Build' }],
      },
    ],
    good: [
      {
        code: `FROM golang:1.22 AS build
RUN go version
FROM alpine:3.20
COPY --from=build /etc/os-release /
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const name = stage.name;
      const range = stage.from.getBuildStageRange();
      if (!name || !range || name === name.toLowerCase()) continue;
      const expected = name.toLowerCase();
      report({
        messageId: 'casing',
        data: { name, expected },
        range,
        fixes: () => [
          {
            title: `Rename the stage to ${expected}`,
            safe: true,
            edits: renameStageEdits(model, stage.index, expected),
          },
        ],
      });
    }
  },
});
