import { Copy } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { argumentsText, DockerfileModel, parseJsonStringArray } from '../../dockerfile/model';
import { stageLineage } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

/** The destination of a COPY as written (quotes removed) and where it is. */
export function copyDestination(model: DockerfileModel, copy: Copy): { value: string; range: Range } | null {
  const args = copy.getArguments();
  if (args.length === 0) return null;
  if (model.isExecForm(copy)) {
    const list = parseJsonStringArray(argumentsText(model, copy));
    if (!list || list.length < 2) return null;
    const last = args[args.length - 1];
    return { value: list[list.length - 1], range: last.getRange() };
  }
  // With heredocs, the destination is the last word of the instruction's first line.
  const firstLine = copy.getRange().start.line;
  const onFirstLine = copy.getHeredocs().length > 0 ? args.filter((a) => a.getRange().start.line === firstLine) : args;
  if (onFirstLine.length < 2) return null;
  const dest = onFirstLine[onFirstLine.length - 1];
  return { value: dest.getValue().replace(/^["']|["']$/g, ''), range: dest.getRange() };
}

function isAbsoluteOrDynamic(dest: string): boolean {
  return dest.startsWith('/') || dest.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dest);
}

export default defineDockerfileRule({
  id: 'copy-relative-without-workdir',
  title: 'Set WORKDIR before copying to a relative path',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3045' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    relative: 'The destination "{dest}" is relative, but this stage sets no WORKDIR: it lands wherever the base image\'s working directory is. Set WORKDIR first or use an absolute path.',
  },
  docs: {
    flags: 'A `COPY` to a relative destination in a stage with no `WORKDIR` before it, neither in the stage itself nor in a stage it is built `FROM`. Destinations starting with a variable are not checked.',
    why: 'A relative destination is resolved against the current working directory, which, without a `WORKDIR` of your own, is whatever the base image chose (often `/`, sometimes not). The files then land somewhere that changes when the base image does. An explicit `WORKDIR` (or an absolute destination) makes the layout of the image obvious and stable.',
    bad: [{ code: 'FROM node:20-alpine\nCOPY package.json ./\nUSER node\n' }],
    good: [
      { code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nUSER node\n' },
      { caption: 'WORKDIR inherited from a parent stage', code: 'FROM node:20-alpine AS base\nWORKDIR /app\nFROM base\nCOPY package.json ./\nUSER node\n' },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const ancestorsSetWorkdir = stageLineage(stage)
        .slice(1)
        .some((s) => s.instructions.some((i) => i.getKeyword() === 'WORKDIR'));
      let workdir = ancestorsSetWorkdir;
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() === 'WORKDIR') workdir = true;
        if (workdir || !(instruction instanceof Copy)) continue;
        const dest = copyDestination(model, instruction);
        if (!dest || isAbsoluteOrDynamic(dest.value)) continue;
        report({ messageId: 'relative', data: { dest: dest.value }, range: dest.range });
      }
    }
  },
});
