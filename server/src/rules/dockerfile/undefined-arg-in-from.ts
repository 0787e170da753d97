import { TextEdit } from 'vscode-languageserver-types';
import { PLATFORM_ARGS, suggestName, variableReferences, variableScopes } from '../../dockerfile/variables';
import { defineDockerfileRule, FixProposal } from '../types';

export default defineDockerfileRule({
  id: 'undefined-arg-in-from',
  title: 'FROM may only use ARGs declared before the first FROM',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'buildkit', id: 'UndefinedArgInFrom' }],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    undefined:
      'FROM uses ${name}, which no ARG before the first FROM declares: it expands to an empty string and --build-arg cannot set it.',
    suggest: 'FROM uses ${name}, which no ARG before the first FROM declares (did you mean ${suggestion}?).',
  },
  docs: {
    flags: `A variable in a \`FROM\` image or \`--platform\` value that is neither declared by an \`ARG\` before the
      first \`FROM\` nor one of the predefined platform arguments (\`TARGETPLATFORM\`, \`BUILDPLATFORM\`,
      \`TARGETARCH\`, …). Like BuildKit, a close match is suggested. An \`ARG\` declared inside a stage does not
      count: FROM only sees the global ones.`,
    why: `FROM is evaluated in the global scope, before any stage exists. An undeclared variable expands to
      an empty string, so \`FROM node:\${NODE_VERSON}\` becomes \`FROM node:\` and fails, and \`--build-arg\` values
      for it are ignored because build arguments only reach declared ARGs. A typo in the name is the usual
      cause.`,
    bad: [
      {
        code: `ARG NODE_VERSION=20.14
FROM node:\${NODE_VERSON}-alpine
USER node
`,
        fixed: `ARG NODE_VERSION=20.14
FROM node:\${NODE_VERSION}-alpine
USER node
`,
        expect: [{ messageId: 'suggest', line: 2, column: 13, text: 'NODE_VERSON' }],
      },
      {
        caption: 'An ARG inside a stage is not visible to a later FROM',
        code: `FROM alpine:3.20 AS base
ARG VARIANT=slim
FROM python:3.12-\${VARIANT}
USER nobody
`,
        expect: [{ messageId: 'undefined', line: 3, column: 20, text: 'VARIANT' }],
      },
    ],
    good: [
      {
        code: `ARG NODE_VERSION=20.14
FROM node:\${NODE_VERSION}-alpine
USER node
`,
      },
      {
        code: `FROM --platform=$BUILDPLATFORM alpine:3.20
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const scopes = variableScopes(model);
    const known = new Set(scopes.fromScopeNames());
    const options = [...scopes.globals.keys(), ...PLATFORM_ARGS];
    for (const stage of model.stages) {
      const from = stage.from;
      const texts: [string, number][] = [];
      const imageRange = from.getImageRange();
      if (imageRange)
        texts.push([
          model.text.slice(model.offsetAt(imageRange.start), model.offsetAt(imageRange.end)),
          model.offsetAt(imageRange.start),
        ]);
      const platformRange = from.getPlatformFlag()?.getValueRange();
      if (platformRange)
        texts.push([
          model.text.slice(model.offsetAt(platformRange.start), model.offsetAt(platformRange.end)),
          model.offsetAt(platformRange.start),
        ]);
      for (const [text, offset] of texts) {
        for (const ref of variableReferences(text, offset, model.escapeChar)) {
          if (known.has(ref.name)) continue;
          const suggestion = suggestName(ref.name, options);
          const range = model.rangeOf(ref.nameStart, ref.nameEnd);
          const fixes = (): FixProposal[] =>
            suggestion
              ? [{ title: `Use ${suggestion}`, safe: false, edits: [TextEdit.replace(range, suggestion)] }]
              : [];
          report(
            suggestion
              ? { messageId: 'suggest', data: { name: ref.name, suggestion }, range, fixes }
              : { messageId: 'undefined', data: { name: ref.name }, range },
          );
        }
      }
    }
  },
});
