import { instructionFlagWords } from '../../dockerfile/flags';
import { imageReferenceProblem } from '../../dockerfile/image';
import { expandVariables, variableReferences, variableScopes } from '../../dockerfile/variables';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'invalid-image-reference',
  title: 'Image references BuildKit cannot parse',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    invalid: '"{image}" is not a valid image reference: {reason}.',
    blank:
      '"{image}" is always empty here ({names} not declared by an ARG before the first FROM): BuildKit stops with "base name should not be blank".',
    copyFrom: '--from={image} is neither a build stage nor a valid image reference: {reason}.',
  },
  docs: {
    flags: `A \`FROM\` image, or a \`COPY --from=\` that names no build stage, that is not
      \`[registry/]repository[:tag][@digest]\` as the image reference grammar allows: an empty tag (\`alpine:\`),
      upper-case letters in the repository, a tag with other characters, a digest that is not \`sha256:\` with 64
      hexadecimal digits. Also a \`FROM\` that is always empty because its variables are not declared by any ARG
      before the first FROM. References that use a declared ARG are left to
      [invalid-default-arg-in-from](invalid-default-arg-in-from.md): a \`--build-arg\` may give them any value.`,
    why: `BuildKit parses every base image before it builds, so the build stops at once with "invalid
      reference format". An editor can say where and why.`,
    bad: [
      {
        code: `FROM alpine:
USER nobody
`,
        expect: [{ messageId: 'invalid', line: 1, column: 6, text: 'alpine:' }],
      },
      {
        code: `FROM Alpine:3.20
USER nobody
`,
        expect: [{ messageId: 'invalid', line: 1, column: 6, text: 'Alpine' }],
      },
      {
        code: `FROM \${BASE}
USER nobody
`,
        expect: [{ messageId: 'blank', line: 1, column: 6, text: '${BASE}' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
USER nobody
`,
      },
      {
        code: `ARG BASE=alpine:3.20
FROM \${BASE}
USER nobody
`,
      },
      {
        code: `FROM registry.example.com:5000/team/app:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const stageNames = new Set(model.stages.map((s) => s.name?.toLowerCase()).filter((n): n is string => !!n));
    let known: Set<string> | null = null;
    for (const stage of model.stages) {
      const image = stage.from.getImage();
      const range = stage.from.getImageRange();
      if (image === null || !range) continue;
      let resolved = image;
      if (image.includes('$')) {
        const refs = variableReferences(image, 0, model.escapeChar);
        known ??= new Set(variableScopes(model).fromScopeNames());
        if (refs.length === 0 || refs.some((r) => known!.has(r.name))) continue;
        // None of its variables can be set: they expand to nothing (or to their `:-` defaults).
        const expanded = expandVariables(image, new Map(), model.escapeChar);
        if (expanded === null) continue;
        if (expanded === '') {
          const names = [...new Set(refs.map((r) => r.name))].join(', ');
          report({ messageId: 'blank', data: { image, names }, range });
          continue;
        }
        resolved = expanded;
      }
      if (stageNames.has(resolved.toLowerCase()) || resolved.toLowerCase() === 'scratch') continue;
      const problem = imageReferenceProblem(resolved);
      if (!problem) continue;
      const start = model.offsetAt(range.start);
      const exact = resolved === image && model.text.slice(start, start + image.length) === image;
      report({
        messageId: 'invalid',
        data: { image: resolved, reason: problem.reason },
        range: exact && problem.end > problem.start ? model.rangeOf(start + problem.start, start + problem.end) : range,
      });
    }
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword().toUpperCase() !== 'COPY') continue;
      for (const word of instructionFlagWords(model, instruction)) {
        const value = word.value;
        if (
          word.name !== 'from' ||
          !value ||
          value.includes('$') ||
          /^[0-9]+$/.test(value) ||
          stageNames.has(value.toLowerCase())
        )
          continue;
        const problem = imageReferenceProblem(value);
        if (problem)
          report({
            messageId: 'copyFrom',
            data: { image: value, reason: problem.reason },
            range: model.rangeOf(word.valueStart, word.end),
          });
      }
    }
  },
});
