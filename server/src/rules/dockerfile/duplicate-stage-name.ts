import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'duplicate-stage-name',
  title: 'Build stage names must be unique',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3024' },
    { tool: 'buildkit', id: 'DuplicateStageName' },
    { tool: 'trivy', id: 'DS012' },
  ],
  lesson: 'multi-stage-builds',
  fix: 'none',
  messages: {
    duplicate: 'Stage name "{name}" is already used on line {line}: the build fails with a duplicate stage name error.',
  },
  docs: {
    flags: `A \`FROM … AS name\` whose name, compared without regard to case, was already given to an earlier
      stage.`,
    why: `Stage names are how \`COPY --from=\`, \`FROM <stage>\` and \`docker build --target\` find a stage.
      BuildKit rejects a Dockerfile that names two stages alike (names are case-insensitive), so the build stops
      before it starts.`,
    bad: [
      {
        code: `FROM golang:1.22 AS build
RUN go version
FROM node:20-alpine AS BUILD
RUN node --version
FROM alpine:3.20
COPY --from=build /etc/os-release /
USER nobody
`,
        expect: [{ messageId: 'duplicate', line: 3, column: 24, text: 'BUILD' }],
      },
    ],
    good: [
      {
        code: `FROM golang:1.22 AS build-go
RUN go version
FROM node:20-alpine AS build-web
RUN node --version
FROM alpine:3.20
COPY --from=build-go /etc/os-release /
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const seen = new Map<string, number>();
    for (const stage of model.stages) {
      if (!stage.name) continue;
      const key = stage.name.toLowerCase();
      const range = stage.from.getBuildStageRange();
      const first = seen.get(key);
      if (first !== undefined && range)
        report({ messageId: 'duplicate', data: { name: stage.name, line: first + 1 }, range });
      else if (first === undefined) seen.set(key, stage.from.getRange().start.line);
    }
  },
});
