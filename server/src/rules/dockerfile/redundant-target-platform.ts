import { deleteFlag } from '../../dockerfile/edits';
import { expandVariables, variableReferences, variableScopes } from '../../dockerfile/variables';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'redundant-target-platform',
  title: 'FROM --platform=$TARGETPLATFORM is the default',
  defaultSeverity: 'warning',
  category: 'style',
  equivalents: [
    { tool: 'buildkit', id: 'RedundantTargetPlatform' },
    { tool: 'hadolint', id: 'DL3065' },
  ],
  lesson: 'multi-stage-builds',
  fix: 'safe',
  messages: {
    redundant: '--platform={value} is what FROM does anyway: remove the flag.',
  },
  docs: {
    flags: `A \`FROM --platform=$TARGETPLATFORM\` (or \`\${TARGETPLATFORM}\`, quoted or not). Not flagged when a
      global \`ARG TARGETPLATFORM=…\` gives it another default.`,
    why: `Every stage is built for the target platform unless told otherwise, so the flag changes nothing
      and suggests that something special happens. \`--platform\` is useful with \`$BUILDPLATFORM\`, for stages that
      run build tools natively and cross-compile.`,
    bad: [
      {
        code: `FROM --platform=$TARGETPLATFORM alpine:3.20
USER nobody
`,
        fixed: `FROM alpine:3.20
USER nobody
`,
        expect: [{ messageId: 'redundant', line: 1, column: 6, text: '--platform=$TARGETPLATFORM' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
USER nobody
`,
      },
      {
        caption: 'Cross-compiling on the build platform',
        code: `FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS
ARG TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go version
FROM alpine:3.20
COPY --from=build /etc/os-release /
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const globalDefault = variableScopes(model).globals.get('TARGETPLATFORM');
    if (globalDefault && globalDefault.value !== null) return;
    for (const stage of model.stages) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue();
      const valueRange = flag?.getValueRange();
      if (!flag || !value || !valueRange) continue;
      const refs = variableReferences(value, 0, model.escapeChar);
      if (refs.length !== 1 || refs[0].name !== 'TARGETPLATFORM') continue;
      if (expandVariables(value, new Map([['TARGETPLATFORM', 'linux/amd64']]), model.escapeChar) !== 'linux/amd64')
        continue;
      report({
        messageId: 'redundant',
        data: { value },
        range: flag.getRange(),
        fixes: () => [{ title: 'Remove --platform', safe: true, edits: [deleteFlag(model, flag)] }],
      });
    }
  },
});
