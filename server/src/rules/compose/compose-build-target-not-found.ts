import { pathToFileURL } from 'url';
import { TextEdit } from 'vscode-languageserver-types';
import { composeFolder, spanInScalar } from '../../compose/references';
import {
  effectiveBuild,
  pathFromCompose,
  readDockerfile,
  serviceDockerfiles,
  stageNames,
} from '../../compose/serviceDockerfiles';
import { suggestName } from '../../dockerfile/variables';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'compose-build-target-not-found',
  title: 'build.target must name a stage of the Dockerfile',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    notFound: 'The Dockerfile {path} has no stage named "{target}", so the build fails ({stages}).',
    didYouMean: 'The Dockerfile {path} has no stage named "{target}", so the build fails: did you mean "{suggestion}"?',
  },
  docs: {
    flags: `A \`build.target\` that names no stage (\`FROM … AS name\`) of the Dockerfile the service builds.
      BuildKit compares the target with stage names ignoring case, and never with a stage number, so \`target: 0\`
      is reported too. A target with a \`\${VARIABLE}\`, remote contexts, \`dockerfile_inline\` and Dockerfiles with
      a \`# syntax=\` of another frontend are not checked. When the service's build is spread over several files
      of the project (an override file sets the Dockerfile), the Dockerfile of the merged build decides.`,
    why: `BuildKit stops with "target stage … could not be found" before building anything, and only when
      that service is built: a renamed stage breaks \`docker compose build\` for the next person. The quick fix
      offers the closest stage name; go to definition on the target opens the stage.`,
    bad: [
      {
        code: `services:
  api:
    build:
      context: .
      target: prodution
`,
        files: {
          Dockerfile:
            'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static:nonroot AS production\nCOPY --from=build /app /app\n',
        },
        fixed: `services:
  api:
    build:
      context: .
      target: production
`,
        expect: [{ messageId: 'didYouMean', line: 5, column: 15, text: 'prodution' }],
      },
    ],
    good: [
      {
        code: `services:
  api:
    build:
      context: .
      target: Production
`,
        files: {
          Dockerfile:
            'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static:nonroot AS production\nCOPY --from=build /app /app\n',
        },
      },
    ],
  },
  check(model, report, context) {
    const folder = composeFolder(model);
    if (!folder) return;
    for (const built of serviceDockerfiles(model, context)) {
      const target = built.target;
      if (!target) continue;
      const wanted = target.value.toLowerCase();
      if (stageNames(built.dockerfile).some((n) => n.toLowerCase() === wanted)) continue;
      // The merged project may build another Dockerfile (the base file sets the context), or a later file another target.
      const effective = effectiveBuild(model, context, built.service.name);
      if (effective && effective.target !== null && effective.target !== target.value) continue;
      const file = effective?.file ?? built.file;
      const dockerfile = file === built.file ? built.dockerfile : readDockerfile(file, context);
      if (!dockerfile) continue;
      const names = stageNames(dockerfile);
      if (names.some((n) => n.toLowerCase() === wanted)) continue;
      const suggestion = suggestName(
        wanted,
        names.map((n) => n.toLowerCase()),
      );
      const original = suggestion === null ? null : names.find((n) => n.toLowerCase() === suggestion)!;
      const span = target.merged ? null : spanInScalar(model, target.node, 0, target.value.length);
      const range = target.merged
        ? model.rangeOfNode(built.service.key)!
        : span
          ? model.rangeOf(span.start, span.end)
          : model.rangeOfNode(target.node)!;
      const uri = pathToFileURL(file).toString();
      report({
        messageId: original ? 'didYouMean' : 'notFound',
        data: {
          path: pathFromCompose(folder, file),
          target: target.value,
          suggestion: original ?? '',
          stages: names.length ? `its stages: ${names.map((n) => `"${n}"`).join(', ')}` : 'it has no named stage',
        },
        range,
        related: dockerfile.stages
          .filter((s) => s.name)
          .map((s) => ({ uri, range: s.from.getRange(), message: `stage "${s.name}"` })),
        fixes: () =>
          original && span
            ? [
                {
                  title: `Change the target to "${original}"`,
                  safe: false,
                  edits: [TextEdit.replace(model.rangeOf(span.start, span.end), original)],
                },
              ]
            : [],
      });
    }
  },
});
