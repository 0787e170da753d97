import { TextEdit } from 'vscode-languageserver-types';
import { copyFromFlag, fromReferences, resolveStageRef } from '../../dockerfile/stageRefs';
import { closestMatch } from '../../util/distance';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'copy-from-unknown-stage',
  title: 'COPY --from should name an earlier build stage',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3022' },
    { tool: 'trivy', id: 'DS018' },
  ],
  lesson: 'multi-stage-builds',
  fix: 'unsafe',
  messages: {
    unknown:
      'No earlier stage is named "{name}", so Docker would pull an image called "{name}": name an earlier stage, or write the image with its tag.',
    typo: 'No earlier stage is named "{name}"; did you mean "{suggestion}"?',
    later: 'Stage "{name}" is defined after this COPY: a stage can only copy from stages above it.',
    index: 'There is no earlier stage number {name}: stages are counted from 0 in the order of their FROM lines.',
    noValue:
      '--from has no value, so BuildKit stops with "missing a value on flag: --from" (the word after it is not read as its value): write --from=<stage>.',
  },
  docs: {
    flags: `\`COPY --from\` without \`=<value>\` (\`COPY --from build /out /out\`: BuildKit reads a flag only as
      \`--name=value\`, so the build stops), and \`COPY --from=<name>\` where the name is no earlier stage (\`FROM …
      AS name\`) and does not look like an image reference either (no tag, digest or registry path), and
      \`--from=<n>\` where no earlier stage has that index. Values built from variables are not checked.`,
    why: `When \`--from\` does not match a stage, Docker does not fail: it takes the value as an image name
      and pulls it from a registry, so a typo in a stage name silently copies files from some public image (or
      fails later with a confusing pull error). Stages can only copy from stages defined above them. Images
      given on purpose are clearer with a tag (\`--from=nginx:1.27\`).`,
    bad: [
      {
        caption: 'A typo in the stage name',
        code: `FROM golang:1.22 AS builder
WORKDIR /src
RUN go version > /version.txt
FROM alpine:3.20
COPY --from=bulder /version.txt /version.txt
USER nobody
`,
        fixed: `FROM golang:1.22 AS builder
WORKDIR /src
RUN go version > /version.txt
FROM alpine:3.20
COPY --from=builder /version.txt /version.txt
USER nobody
`,
        expect: [{ messageId: 'typo', line: 5, column: 13, text: 'bulder' }],
      },
      {
        caption: 'The value must follow an equals sign',
        code: `FROM golang:1.22 AS builder
RUN go version > /version.txt
FROM alpine:3.20
COPY --from builder /version.txt /version.txt
USER nobody
`,
        fixed: `FROM golang:1.22 AS builder
RUN go version > /version.txt
FROM alpine:3.20
COPY --from=builder /version.txt /version.txt
USER nobody
`,
        expect: [{ messageId: 'noValue', line: 4, column: 6, text: '--from' }],
      },
      {
        caption: 'A stage index that does not exist yet',
        code: `FROM alpine:3.20
COPY --from=1 /etc/os-release /os-release
USER nobody
`,
        expect: [{ messageId: 'index', line: 2, column: 13, text: '1' }],
      },
    ],
    good: [
      {
        code: `FROM golang:1.22 AS builder
WORKDIR /src
RUN go version > /version.txt
FROM alpine:3.20
COPY --from=builder /version.txt /version.txt
USER nobody
`,
      },
      {
        caption: 'An image with its tag',
        code: `FROM alpine:3.20
COPY --from=nginx:1.27-alpine /etc/nginx/nginx.conf /etc/nginx/nginx.conf
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const flag = copyFromFlag(instruction);
        if (!flag || flag.getValue() !== null) continue;
        // `--from build /a /b`: joining the flag and the next word gives what was meant, if a source and
        // the destination remain after it.
        const args = instruction.getArguments();
        const next = args[0];
        const sameLine = next && next.getRange().start.line === flag.getRange().end.line;
        report({
          messageId: 'noValue',
          range: flag.getRange(),
          fixes:
            next && sameLine && args.length >= 3 && !next.getValue().startsWith('[')
              ? () => [
                  {
                    title: `Write --from=${next.getValue()}`,
                    safe: false,
                    edits: [TextEdit.replace({ start: flag.getRange().end, end: next.getRange().start }, '=')],
                  },
                ]
              : undefined,
        });
      }
    }
    for (const ref of fromReferences(model)) {
      if (ref.via !== 'copy') continue;
      const target = resolveStageRef(model, ref.name, ref.stage);
      const data = { name: ref.name };
      if (target.kind === 'later') {
        report({ messageId: 'later', data, range: ref.range });
      } else if (target.kind === 'index-out-of-range') {
        report({ messageId: 'index', data, range: ref.range });
      } else if (target.kind === 'unknown') {
        const earlier = model.stages.filter((s) => s.index < ref.stage.index && s.name).map((s) => s.name!);
        const suggestion = closestMatch(ref.name, earlier);
        if (suggestion === null) {
          report({ messageId: 'unknown', data, range: ref.range });
        } else {
          report({
            messageId: 'typo',
            data: { ...data, suggestion },
            range: ref.range,
            fixes: () => [
              {
                title: `Copy from stage "${suggestion}"`,
                safe: false,
                edits: [TextEdit.replace(ref.range, suggestion)],
              },
            ],
          });
        }
      }
    }
  },
});
