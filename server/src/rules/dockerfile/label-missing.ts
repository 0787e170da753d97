import { labelPairs } from '../../dockerfile/labels';
import { Scope } from '../../dockerfile/model';
import { leafStages, stageLineage } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'label-missing',
  title: 'Images should carry the labels of the label schema',
  defaultSeverity: 'info',
  category: 'maintainability',
  equivalents: [{ tool: 'hadolint', id: 'DL3049' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    missing: 'Label "{label}" is missing: the label schema (dockerCoach.labelSchema) requires it.',
  },
  docs: {
    flags: `With \`dockerCoach.labelSchema\` set: a stage that is an image of its own (no later stage builds on
      it or copies from it) and lacks a label of the schema, neither setting it nor inheriting it from a stage
      it is built \`FROM\`. The finding sits on the stage's \`FROM\`.`,
    why: `Labels are how registries, scanners and people find out where an image comes from, who owns it and
      under which licence it ships. A label schema makes a team's required labels explicit; build stages that
      only feed other stages never become images, so they need none.`,
    bad: [
      {
        code: `FROM alpine:3.20
LABEL org.opencontainers.image.title="demo"
USER nobody
`,
        settings: {
          labelSchema: { 'org.opencontainers.image.title': 'text', 'org.opencontainers.image.licenses': 'spdx' },
        },
        expect: [{ messageId: 'missing', line: 1, column: 6, text: 'alpine:3.20' }],
      },
    ],
    good: [
      {
        code: `FROM golang:1.22 AS build
WORKDIR /src
RUN go version > /version.txt
FROM alpine:3.20
LABEL org.opencontainers.image.title="demo" org.opencontainers.image.licenses="MIT"
COPY --from=build /version.txt /version.txt
USER nobody
`,
        settings: {
          labelSchema: { 'org.opencontainers.image.title': 'text', 'org.opencontainers.image.licenses': 'spdx' },
        },
      },
    ],
  },
  check(model, report, context) {
    const required = Object.keys(context.settings.labelSchema ?? {});
    if (required.length === 0) return;
    const keysByStage = new Map<Scope, Set<string>>();
    for (const pair of labelPairs(model)) {
      const keys = keysByStage.get(pair.stage) ?? new Set<string>();
      keys.add(pair.key);
      keysByStage.set(pair.stage, keys);
    }
    for (const stage of leafStages(model)) {
      const lineage = stageLineage(stage);
      const range = stage.from.getImageRange() ?? stage.from.getRange();
      for (const label of required) {
        if (!lineage.some((s) => keysByStage.get(s)?.has(label)))
          report({ messageId: 'missing', data: { label }, range });
      }
    }
  },
});
