import { pathToFileURL } from 'url';
import { composeFolder } from '../../compose/references';
import { effectiveBuild, pathFromCompose, serviceDockerfiles } from '../../compose/serviceDockerfiles';
import { Stage } from '../../dockerfile/model';
import {
  argDeclarations,
  expandVariables,
  isValidImageReference,
  PLATFORM_ARG_SAMPLES,
  PLATFORM_ARGS,
  variableReferences,
} from '../../dockerfile/variables';
import { defineComposeRule } from '../types';

/** What a build arg given by the compose file stands for: its value is not known here, only that it is set. */
const GIVEN = 'given';

/** The stages `target` builds through `FROM <stage>` (the last stage without a target). */
function targetChain(stages: Stage[], target: string | null): Set<Stage> {
  const chain = new Set<Stage>();
  let stage: Stage | null | undefined =
    target === null ? stages[stages.length - 1] : stages.find((s) => s.name?.toLowerCase() === target.toLowerCase());
  while (stage && !chain.has(stage)) {
    chain.add(stage);
    stage = stage.fromStage;
  }
  return chain;
}

export default defineComposeRule({
  id: 'compose-build-arg-missing',
  title: 'An ARG a FROM line needs must get a value',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'none',
  messages: {
    blank:
      'The Dockerfile {path} needs the build arg "{name}" (an ARG without a default, used in "FROM {from}"), and this build gives none: the build fails with "base name should not be blank".',
    invalid:
      'The Dockerfile {path} needs the build arg "{name}" (an ARG without a default, used in "FROM {from}"), and this build gives none: the image becomes "{image}", which is not a valid reference.',
  },
  docs: {
    flags: `A service whose Dockerfile has a global \`ARG\` without a default that a \`FROM\` line uses, when the
      service's \`build.args\` (in every file of the project, merged) do not give it: the \`FROM\` then names no
      image (\`FROM \${BASE}\` becomes blank) or an invalid one (\`FROM node:\${NODE_VERSION}\` becomes \`node:\`). For
      an invalid reference, only the stages the build reaches through \`FROM\` are checked. An \`ARG\` without a
      default that only \`RUN\` commands use is not reported: it is then empty, which is often what the author
      wants (optional proxies, flags). The finding sits on \`build\` and links to the \`FROM\` line.`,
    why: `BuildKit evaluates every \`FROM\` before it builds: "base name (\${BASE}) should not be blank" or
      "invalid reference format" stop \`docker compose build\` for that service. The Dockerfile builds with
      \`docker build --build-arg\`, so the mistake shows only through Compose.`,
    bad: [
      {
        code: `services:
  api:
    build: .
`,
        files: { Dockerfile: 'ARG PYTHON_VERSION\nFROM python:${PYTHON_VERSION}-slim\n' },
        expect: [{ messageId: 'invalid', line: 3, column: 5, text: 'build' }],
      },
    ],
    good: [
      {
        caption: 'An ARG with a default needs nothing',
        code: `services:
  api:
    build: .
`,
        files: { Dockerfile: 'ARG PYTHON_VERSION=3.13\nFROM python:${PYTHON_VERSION}-slim\n' },
      },
      {
        caption: 'A default the build may replace',
        code: `services:
  api:
    build:
      context: .
      args:
        BASE_IMAGE: python:3.13-slim
`,
        files: { Dockerfile: 'ARG BASE_IMAGE=python:3.12-slim\nFROM ${BASE_IMAGE}\n' },
      },
    ],
  },
  check(model, report, context) {
    const folder = composeFolder(model);
    if (!folder) return;
    for (const built of serviceDockerfiles(model, context)) {
      const dockerfile = built.dockerfile;
      const escape = dockerfile.escapeChar;
      // Global ARGs in order: a default may use an earlier one; a name without a default is null (unset) unless given.
      const given = new Set(built.args.map((a) => a.name));
      const required = new Set<string>();
      const values = new Map<string, string | null>(Object.entries(PLATFORM_ARG_SAMPLES));
      for (const arg of dockerfile.globalArgs) {
        for (const d of argDeclarations(dockerfile, arg)) {
          if (given.has(d.name)) values.set(d.name, GIVEN);
          else if (d.value === null) {
            values.set(d.name, null);
            required.add(d.name);
          } else values.set(d.name, expandVariables(d.value, values, escape) ?? GIVEN);
        }
      }
      if (required.size === 0) continue;
      const chain = targetChain(dockerfile.stages, built.target?.value ?? null);
      let effective: ReturnType<typeof effectiveBuild> | undefined;
      for (const stage of dockerfile.stages) {
        const image = stage.from.getImage();
        if (image === null) continue;
        const missing = variableReferences(image, 0, escape)
          .map((r) => r.name)
          .filter((n) => required.has(n) && !PLATFORM_ARGS.includes(n));
        if (missing.length === 0) continue;
        const expanded = expandVariables(image, values, escape);
        if (expanded === null) continue;
        const blank = expanded === '';
        if (!blank && (isValidImageReference(expanded) || !chain.has(stage))) continue;
        // The merged build of the project may give the argument (an override file) or build another Dockerfile.
        effective ??= effectiveBuild(model, context, built.service.name);
        if (effective && (effective.file !== built.file || missing.some((n) => effective!.args.has(n)))) continue;
        report({
          messageId: blank ? 'blank' : 'invalid',
          data: {
            path: pathFromCompose(folder, built.file),
            name: missing[0],
            from: image,
            image: expanded,
          },
          range: model.rangeOfNode(built.build.entry.merged ? built.service.key : built.build.entry.key)!,
          related: [
            { uri: pathToFileURL(built.file).toString(), range: stage.from.getRange(), message: `FROM ${image}` },
          ],
        });
        break;
      }
    }
  },
});
