import { TextEdit } from 'vscode-languageserver-types';
import { copyFromFlag } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'copy-multiple-sources-dir',
  title: 'With several sources, the COPY destination must end with /',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3021' },
    { tool: 'trivy', id: 'DS011' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    slash: 'This {keyword} has several sources, so its destination "{dest}" must be a folder written with a trailing "/".',
  },
  docs: {
    flags: 'A `COPY` or `ADD` with more than one source whose destination does not end with `/`.',
    why: 'When several files are copied, Docker needs the destination to be a directory and requires it to be written with a trailing slash; otherwise the build fails with "When using COPY with more than one source file, the destination must be a directory and end with a /". The slash also tells the reader at a glance that the files land inside a folder.',
    bad: [
      {
        code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json /app\nUSER node\n',
        fixed: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json /app/\nUSER node\n',
      },
    ],
    good: [{ code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nUSER node\n' }],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const args = instruction.getArguments();
      if (args.length < 3 || args[0].getValue().startsWith('[') || args.some((a) => a.getValue().startsWith('<<'))) continue;
      // `COPY --from build /a /b`: the build stops at the flag, and "build" is not a source (copy-from-unknown-stage says so).
      if (copyFromFlag(instruction)?.getValue() === null) continue;
      const dest = args[args.length - 1];
      const value = dest.getValue().replace(/^["']|["']$/g, '');
      if (value.endsWith('/') || value.endsWith('\\') || value.includes('$')) continue;
      const range = dest.getRange();
      report({
        messageId: 'slash',
        data: { keyword, dest: value },
        range,
        fixes: () => {
          const raw = dest.getValue();
          const quoted = /^(["'])(.*)\1$/.exec(raw);
          const fixed = quoted ? `${quoted[1]}${quoted[2]}/${quoted[1]}` : `${raw}/`;
          return [{ title: `Write the destination as ${fixed}`, safe: true, edits: [TextEdit.replace(range, fixed)] }];
        },
      });
    }
  },
});
