import { expandVariables, isValidImageReference, variableReferences, variableScopes } from '../../dockerfile/variables';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'invalid-default-arg-in-from',
  title: 'Default ARG values must give FROM a valid image',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'buildkit', id: 'InvalidDefaultArgInFrom' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    invalid:
      'Without --build-arg, "{image}" becomes "{result}", which is not a valid image name: give the ARG a default value.',
    empty: 'Without --build-arg, "{image}" is empty: give the ARG a default value.',
  },
  docs: {
    flags: `A \`FROM\` whose image uses global ARGs and, with their default values (no \`--build-arg\`), is empty
      or not a valid image reference, e.g. \`ARG TAG\` + \`FROM alpine:\${TAG}\` gives \`alpine:\`. Variables that are
      not declared at all are left to [undefined-arg-in-from](undefined-arg-in-from.md).`,
    why: `A build without \`--build-arg\` then fails before it starts, and tools that read the Dockerfile
      without building it (BuildKit's checks, IDEs, scanners) cannot resolve the base image. A default that
      works makes the Dockerfile buildable as it is, while \`--build-arg\` can still override it.`,
    bad: [
      {
        code: `ARG TAG
FROM alpine:\${TAG}
USER nobody
`,
        expect: [{ messageId: 'invalid', line: 2, column: 6, text: 'alpine:${TAG}' }],
      },
      {
        code: `ARG BASE_IMAGE
FROM \${BASE_IMAGE}
USER nobody
`,
        expect: [{ messageId: 'empty', line: 2, column: 6, text: '${BASE_IMAGE}' }],
      },
    ],
    good: [
      {
        code: `ARG TAG=3.20
FROM alpine:\${TAG}
USER nobody
`,
      },
      {
        caption: 'An optional suffix may be empty',
        code: `ARG VARIANT
FROM python:3.12\${VARIANT}
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const scopes = variableScopes(model);
    const known = new Set(scopes.fromScopeNames());
    let defaults: Map<string, string | null> | null = null;
    const stageNames = new Set(model.stages.map((s) => s.name?.toLowerCase()).filter((n): n is string => !!n));
    for (const stage of model.stages) {
      const image = stage.from.getImage();
      const range = stage.from.getImageRange();
      if (!image || !range || !image.includes('$')) continue;
      const refs = variableReferences(image, 0, model.escapeChar);
      if (refs.length === 0 || refs.some((r) => !known.has(r.name))) continue;
      defaults ??= scopes.fromScopeDefaults();
      const result = expandVariables(image, defaults, model.escapeChar);
      if (result === null || stageNames.has(result.toLowerCase())) continue;
      if (result === '') report({ messageId: 'empty', data: { image }, range });
      else if (!isValidImageReference(result)) report({ messageId: 'invalid', data: { image, result }, range });
    }
  },
});
