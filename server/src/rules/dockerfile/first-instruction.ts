import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'first-instruction',
  title: 'A Dockerfile must begin with FROM or ARG',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'hadolint', id: 'DL3061' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    beforeFrom: '{keyword} comes before the first FROM: only ARG, comments and parser directives may precede it.',
  },
  docs: {
    flags: 'Any instruction other than `ARG` before the first `FROM` (comments and parser directives are fine). A file with no `FROM` at all is taken for a fragment (a template part or snippet) and not checked.',
    why: 'Every build instruction works on a stage, and a stage starts with `FROM`. Only `ARG` may come earlier, to declare values used in `FROM` lines. Docker rejects anything else before the first `FROM` and the build does not start.',
    bad: [{ code: 'LABEL org.opencontainers.image.title="demo"\nFROM alpine:3.20\nUSER nobody\n' }],
    good: [{ code: '# syntax=docker/dockerfile:1\nARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\nLABEL org.opencontainers.image.title="demo"\nUSER nobody\n' }],
  },
  check(model, report) {
    const first = model.stages[0]?.from;
    // A file without any FROM is a fragment (a template part, a snippet), not a Dockerfile to build.
    if (!first) return;
    const firstLine = first.getRange().start.line;
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getRange().start.line >= firstLine) break;
      const keyword = instruction.getKeyword();
      if (keyword !== 'ARG') report({ messageId: 'beforeFrom', data: { keyword }, range: instruction.getInstructionRange() });
    }
  },
});
