import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'first-instruction',
  title: 'A Dockerfile must have a FROM, with only ARG before it',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'hadolint', id: 'DL3061' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    beforeFrom: '{keyword} comes before the first FROM: only ARG, comments and parser directives may precede it.',
    noFrom: 'This file has no FROM: {keyword} needs a build stage, and a stage starts with FROM <image>.',
    onlyArgs: 'This file has no FROM: ARG alone builds nothing; a build stage starts with FROM <image>.',
    empty: 'This Dockerfile has no instructions: Docker refuses an empty file. Start it with FROM <image>.',
  },
  docs: {
    flags: `Any instruction other than \`ARG\` before the first \`FROM\` (comments and parser directives are
      fine), each one. A file with no \`FROM\` at all gets one finding, on its first instruction other than \`ARG\`;
      a file with no instruction at all (empty, or only comments) gets one on its first line.`,
    why: `Every build instruction works on a stage, and a stage starts with \`FROM\`. Only \`ARG\` may come
      earlier, to declare values used in \`FROM\` lines. Docker rejects anything else before the first \`FROM\` ("no
      build stage in current context") and the build does not start; a file without any instruction is refused
      too ("file with no instructions").`,
    bad: [
      {
        code: `LABEL org.opencontainers.image.title="demo"
FROM alpine:3.20
USER nobody
`,
        expect: [{ messageId: 'beforeFrom', line: 1, column: 1, text: 'LABEL' }],
      },
      {
        caption: 'No FROM at all',
        code: `EXPOSE 8080
CMD ["./server"]
`,
        expect: [{ messageId: 'noFrom', line: 1, column: 1, text: 'EXPOSE' }],
      },
      {
        caption: 'Nothing but comments',
        code: '# TODO: write the Dockerfile\n',
        expect: [{ messageId: 'empty', line: 1, column: 1, text: '' }],
      },
    ],
    good: [
      {
        code: `# syntax=docker/dockerfile:1
ARG ALPINE_VERSION=3.20
FROM alpine:\${ALPINE_VERSION}
LABEL org.opencontainers.image.title="demo"
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const first = model.stages[0]?.from;
    const instructions = model.ast.getInstructions();
    if (!first) {
      // Reported once: BuildKit stops at the first instruction that has no stage to go to.
      const culprit = instructions.find((i) => i.getKeyword() !== 'ARG');
      if (culprit)
        report({ messageId: 'noFrom', data: { keyword: culprit.getKeyword() }, range: culprit.getInstructionRange() });
      else if (instructions.length > 0) report({ messageId: 'onlyArgs', range: instructions[0].getInstructionRange() });
      else report({ messageId: 'empty', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
      return;
    }
    const firstLine = first.getRange().start.line;
    for (const instruction of instructions) {
      if (instruction.getRange().start.line >= firstLine) break;
      const keyword = instruction.getKeyword();
      if (keyword !== 'ARG')
        report({ messageId: 'beforeFrom', data: { keyword }, range: instruction.getInstructionRange() });
    }
  },
});
