import { TextEdit } from 'vscode-languageserver-types';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'from-as-casing',
  title: 'Write AS in the same case as FROM',
  defaultSeverity: 'warning',
  category: 'style',
  equivalents: [{ tool: 'buildkit', id: 'FromAsCasing' }],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    casing: '"{as}" does not match the case of "{from}": write "{expected}".',
  },
  docs: {
    flags: `A \`FROM image AS name\` where the \`AS\` keyword is not written in the same case as \`FROM\` (for
      example \`FROM … as …\`).`,
    why: `Keywords are case-insensitive, so this builds, but mixed case makes the stage name harder to spot
      and BuildKit reports it as the FromAsCasing build check. Upper-case keywords are the convention that
      separates instructions from their arguments.`,
    bad: [
      {
        code: `FROM golang:1.22 as build
RUN go version
FROM alpine:3.20
COPY --from=build /etc/os-release /
USER nobody
`,
        fixed: `FROM golang:1.22 AS build
RUN go version
FROM alpine:3.20
COPY --from=build /etc/os-release /
USER nobody
`,
        expect: [{ messageId: 'casing', line: 1, column: 18, text: 'as' }],
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
      const args = stage.from.getArguments();
      const asArg = args.find((a, i) => i > 0 && a.getValue().toLowerCase() === 'as' && i === args.length - 2);
      if (!asArg) continue;
      const from = stage.from.getInstruction();
      const as = asArg.getValue();
      const upper = from === from.toUpperCase();
      const lower = from === from.toLowerCase();
      const expected = upper ? 'AS' : lower ? 'as' : null;
      if (expected === null || as === expected) continue;
      report({
        messageId: 'casing',
        data: { as, from, expected },
        range: asArg.getRange(),
        fixes: () => [
          { title: `Write ${expected}`, safe: true, edits: [TextEdit.replace(asArg.getRange(), expected)] },
        ],
      });
    }
  },
});
