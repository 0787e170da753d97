import { posix } from 'path';
import { TextEdit } from 'vscode-languageserver-types';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'absolute-workdir',
  title: 'Use an absolute WORKDIR',
  defaultSeverity: 'error',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3000' },
    { tool: 'buildkit', id: 'WorkdirRelativePath' },
    { tool: 'trivy', id: 'DS009' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    relative: 'WORKDIR "{path}" is relative: it resolves against whatever the previous working directory was, which may come from the base image. Use an absolute path.',
  },
  docs: {
    flags: 'A `WORKDIR` whose path does not start with `/` (or a Windows drive letter), unless it starts with a variable.',
    why: 'A relative `WORKDIR` is resolved against the current working directory, which can be set by an earlier `WORKDIR` or silently by the base image. When the base image changes its working directory, your files end up somewhere else. An absolute path says exactly where the application lives.',
    bad: [
      {
        code: 'FROM alpine:3.20\nWORKDIR /srv\nWORKDIR app\nUSER nobody\n',
        fixed: 'FROM alpine:3.20\nWORKDIR /srv\nWORKDIR /srv/app\nUSER nobody\n',
      },
      { code: 'FROM alpine:3.20\nWORKDIR app\nUSER nobody\n', fixed: 'FROM alpine:3.20\nWORKDIR /app\nUSER nobody\n' },
    ],
    good: [
      { code: 'FROM alpine:3.20\nWORKDIR /app\nUSER nobody\n' },
      { code: 'FROM alpine:3.20\nARG APP_HOME=/app\nWORKDIR $APP_HOME\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      let current: string | null = null;
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') continue;
        const args = instruction.getArguments();
        if (args.length === 0) continue;
        const path = args.map((a) => a.getValue()).join(' ').replace(/^(["'])(.*)\1$/, '$2');
        if (path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\')) {
          current = path.startsWith('$') ? null : path;
          continue;
        }
        const previous: string | null = current;
        const absolute = posix.join(previous ?? '/', path);
        current = previous ? absolute : null;
        const range = instruction.getArgumentsRange()!;
        report({
          messageId: 'relative',
          data: { path },
          range,
          fixes: () => [
            {
              title: `Use the absolute path ${absolute}`,
              // Without an earlier WORKDIR in this stage the base image's directory is unknown.
              safe: previous !== null,
              edits: [TextEdit.replace(range, absolute)],
            },
          ],
        });
      }
    }
  },
});
