import { DockerfileModel } from '../../dockerfile/model';
import { renameStageEdits } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

const RESERVED = new Set(['scratch', 'context']);

export default defineDockerfileRule({
  id: 'reserved-stage-name',
  title: 'Do not name a stage scratch or context',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3063' },
    { tool: 'buildkit', id: 'ReservedStageName' },
  ],
  lesson: 'multi-stage-builds',
  fix: 'unsafe',
  messages: {
    reserved: '"{name}" is a reserved name ({meaning}): give the stage another name.',
  },
  docs: {
    flags: `A \`FROM … AS scratch\` or \`FROM … AS context\` (in any case).`,
    why: `\`scratch\` is the empty base image and \`context\` is the name BuildKit gives the build context. A
      stage with one of those names makes \`FROM scratch\` or \`COPY --from=context\` ambiguous: the reader cannot
      tell which one is meant, and named build contexts (\`--build-context\`) stop working as expected. The quick
      fix renames the stage (\`scratch-stage\`, \`context-stage\`) and every \`FROM\`, \`COPY --from=\` and \`RUN
      --mount=from=\` that refers to it; it is not applied automatically, because a \`docker build --target\` or a
      CI script may use the old name.`,
    bad: [
      {
        code: `FROM alpine:3.20 AS scratch
RUN echo hi > /hello
FROM alpine:3.20
COPY --from=scratch /hello /hello
USER nobody
`,
        fixed: `FROM alpine:3.20 AS scratch-stage
RUN echo hi > /hello
FROM alpine:3.20
COPY --from=scratch-stage /hello /hello
USER nobody
`,
        expect: [{ messageId: 'reserved', line: 1, column: 21, text: 'scratch' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20 AS greeting
RUN echo hi > /hello
FROM alpine:3.20
COPY --from=greeting /hello /hello
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const name = stage.name?.toLowerCase();
      const range = stage.from.getBuildStageRange();
      if (!name || !range || !RESERVED.has(name)) continue;
      const meaning = name === 'scratch' ? 'the empty base image' : 'the build context';
      report({
        messageId: 'reserved',
        data: { name: stage.name!, meaning },
        range,
        fixes: () => {
          const newName = freeStageName(model, `${name}-stage`);
          return [
            {
              title: `Rename the stage to ${newName} (and its references)`,
              safe: false,
              edits: renameStageEdits(model, stage.index, newName),
            },
          ];
        },
      });
    }
  },
});

/** `wanted`, or `wanted-2`, `wanted-3`… when another stage already has that name. */
function freeStageName(model: DockerfileModel, wanted: string): string {
  const taken = new Set(model.stages.map((s) => s.name?.toLowerCase()).filter((n) => n));
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted}-${n}`;
  return name;
}
