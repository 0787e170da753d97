import { Copy } from 'dockerfile-ast';
import { copyFromFlag } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

function unquote(text: string): string {
  return text.replace(/^["']+|["']+$/g, '');
}

export default defineDockerfileRule({
  id: 'copy-entire-filesystem',
  title: 'Do not copy a whole filesystem from another stage',
  defaultSeverity: 'warning',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3067' }],
  lesson: 'multi-stage-builds',
  fix: 'none',
  messages: {
    root: 'This copies the entire filesystem of "{from}" over this one: copy only the files the image needs.',
  },
  docs: {
    flags: 'A `COPY --from=…` whose source is `/` and whose destination is `/`.',
    why: 'Copying `/` from another stage drags its whole filesystem into the image: package caches, compilers, shells and everything else the multi-stage build was meant to leave behind. It also overwrites files of the current stage, such as `/etc/passwd`. Copy the build output (a binary, a folder) instead.',
    bad: [{ code: 'FROM golang:1.22 AS build\nWORKDIR /src\nRUN go version > /version.txt\nFROM alpine:3.20\nCOPY --from=build / /\nUSER nobody\n' }],
    good: [{ code: 'FROM golang:1.22 AS build\nWORKDIR /src\nRUN go version > /version.txt\nFROM alpine:3.20\nCOPY --from=build /version.txt /version.txt\nUSER nobody\n' }],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (!(instruction instanceof Copy)) continue;
      const from = copyFromFlag(instruction)?.getValue();
      if (!from || model.isExecForm(instruction)) continue;
      const args = instruction.getArguments();
      if (args.length < 2 || unquote(args[args.length - 1].getValue()) !== '/') continue;
      const root = args.slice(0, -1).find((a) => unquote(a.getValue()) === '/');
      if (root) report({ messageId: 'root', data: { from }, range: root.getRange() });
    }
  },
});
