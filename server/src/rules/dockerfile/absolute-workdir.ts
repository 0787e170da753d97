import { posix } from 'path';
import { TextEdit } from 'vscode-languageserver-types';
import { stageLineage } from '../../dockerfile/stageRefs';
import { isWindowsAbsolute } from '../../dockerfile/workdir';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'absolute-workdir',
  title: 'Use an absolute WORKDIR',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3000' },
    { tool: 'buildkit', id: 'WorkdirRelativePath' },
    { tool: 'trivy', id: 'DS009' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    relative:
      'WORKDIR "{path}" is relative and no WORKDIR before it sets the directory: it resolves against the base image\'s working directory. Use an absolute path.',
  },
  docs: {
    flags: `The first \`WORKDIR\` of a stage (or of its \`ONBUILD\` triggers), counting the stages it is built on
      in this file (\`FROM <stage>\`), and not in a file part without \`FROM\`, whose earlier \`WORKDIR\` is out of
      sight, when its path does not start with \`/\` (or a Windows drive letter) or a variable. A relative
      \`WORKDIR\` after another \`WORKDIR\` is not reported: the directory it resolves against is set in this
      Dockerfile, and BuildKit's WorkdirRelativePath check does the same (it only checks a stage until a
      \`WORKDIR\` has been set in it or in its base stage).`,
    why: `A relative \`WORKDIR\` is resolved against the current working directory, which can be set by an
      earlier \`WORKDIR\` or silently by the base image. When the base image changes its working directory, your
      files end up somewhere else. An absolute path says exactly where the application lives.`,
    bad: [
      {
        code: `FROM alpine:3.20
WORKDIR app
USER nobody
`,
        fixed: `FROM alpine:3.20
WORKDIR /app
USER nobody
`,
        expect: [{ messageId: 'relative', line: 2, column: 9, text: 'app' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
WORKDIR /app
USER nobody
`,
      },
      {
        caption: 'Relative to a WORKDIR of this Dockerfile, here inherited from the base stage',
        code: `FROM alpine:3.20 AS base
WORKDIR /src
FROM base
WORKDIR tools/gopls
USER nobody
`,
      },
      {
        code: `FROM alpine:3.20
ARG APP_HOME=/app
WORKDIR $APP_HOME
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.scopes) {
      // A file part without FROM (an included file, a snippet) comes after a WORKDIR we cannot see, or none.
      if (stageLineage(stage).some((s) => s.kind === 'fragment')) continue;
      // BuildKit's condition: only the first WORKDIR of the stage and of the stages it is built on
      // in this file is checked. After any WORKDIR the directory is the Dockerfile's own (a relative
      // one after it is well defined, and fixing the first relative one fixes those after it).
      const inherited = stageLineage(stage)
        .slice(1)
        .some((s) => s.instructions.some((i) => i.getKeyword() === 'WORKDIR'));
      if (inherited) continue;
      const first = stage.instructions.find((i) => i.getKeyword() === 'WORKDIR');
      const args = first?.getArguments() ?? [];
      if (!first || args.length === 0) continue;
      const path = args
        .map((a) => a.getValue())
        .join(' ')
        .replace(/^(["'])(.*)\1$/, '$2');
      const range = first.getArgumentsRange()!;
      if (
        path.startsWith('/') ||
        path.startsWith('$') ||
        isWindowsAbsolute(model.text.slice(model.offsetAt(range.start), model.offsetAt(range.end))) ||
        path.startsWith('\\')
      )
        continue;
      const absolute = posix.join('/', path);
      report({
        messageId: 'relative',
        data: { path },
        range,
        // The base image's working directory is unknown: `/` + path is a guess to review.
        fixes: () => [
          { title: `Use the absolute path ${absolute}`, safe: false, edits: [TextEdit.replace(range, absolute)] },
        ],
      });
    }
  },
});
