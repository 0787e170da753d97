import { TextEdit } from 'vscode-languageserver-types';
import { composeFolder } from '../../compose/references';
import {
  declaredArgs,
  effectiveBuild,
  pathFromCompose,
  readDockerfile,
  serviceDockerfiles,
} from '../../compose/serviceDockerfiles';
import { PLATFORM_ARGS, PROXY_ARGS, suggestName } from '../../dockerfile/variables';
import { defineComposeRule } from '../types';

/** Build args BuildKit reads without an ARG: the proxy variables, its own settings, the platform and the epoch. */
function predefined(name: string): boolean {
  return (
    PROXY_ARGS.includes(name) ||
    PLATFORM_ARGS.includes(name) ||
    name.startsWith('BUILDKIT_') ||
    name === 'SOURCE_DATE_EPOCH'
  );
}

export default defineComposeRule({
  id: 'compose-build-arg-not-declared',
  title: 'Build args should be ARGs of the Dockerfile',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    notDeclared: 'The Dockerfile {path} declares no ARG "{name}", so the build ignores this value.',
    didYouMean:
      'The Dockerfile {path} declares no ARG "{name}", so the build ignores this value: did you mean "{suggestion}"?',
  },
  docs: {
    flags: `A \`build.args\` name that no \`ARG\` of the Dockerfile the service builds declares (in the global
      scope or in any stage). Arguments BuildKit reads without an \`ARG\` (the proxy variables, \`BUILDKIT_*\`,
      \`SOURCE_DATE_EPOCH\`, the platform arguments) are not reported, nor names with \`\${VARIABLES}\`, remote
      contexts, \`dockerfile_inline\` and Dockerfiles with a \`# syntax=\` of another frontend. When the service's
      build is spread over several files of the project, the Dockerfile of the merged build decides. An \`ARG\` in
      an \`ONBUILD\` trigger of the base image would read the value; Docker Coach cannot see those.`,
    why: `BuildKit (the default builder) drops a build argument no \`ARG\` declares without a word; only the
      legacy builder printed "One or more build-args were not consumed". So a misspelt name, or an \`ARG\` removed
      from the Dockerfile, leaves the image built with the default value while the compose file says otherwise.
      The quick fix offers the closest \`ARG\` name; go to definition on an argument opens its \`ARG\`.`,
    bad: [
      {
        code: `services:
  web:
    build:
      context: .
      args:
        NODE_VERISON: "22"
`,
        files: { Dockerfile: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\n' },
        fixed: `services:
  web:
    build:
      context: .
      args:
        NODE_VERSION: "22"
`,
        expect: [{ messageId: 'didYouMean', line: 6, column: 9, text: 'NODE_VERISON' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    build:
      context: .
      args:
        - NODE_VERSION=22
        - HTTP_PROXY
`,
        files: { Dockerfile: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\n' },
      },
    ],
  },
  check(model, report, context) {
    const folder = composeFolder(model);
    if (!folder) return;
    for (const built of serviceDockerfiles(model, context)) {
      if (built.args.length === 0) continue;
      const own = declaredArgs(built.dockerfile);
      const candidates = built.args.filter((a) => !own.has(a.name) && !predefined(a.name));
      if (candidates.length === 0) continue;
      // The merged project may build another Dockerfile (the base file sets the context): that one decides.
      const file = effectiveBuild(model, context, built.service.name)?.file ?? built.file;
      const dockerfile = file === built.file ? built.dockerfile : readDockerfile(file, context);
      if (!dockerfile) continue;
      const declared = file === built.file ? own : declaredArgs(dockerfile);
      const given = new Set(built.args.map((a) => a.name));
      for (const arg of candidates) {
        if (declared.has(arg.name)) continue;
        const suggestion = suggestName(
          arg.name,
          [...declared.keys()].filter((n) => !given.has(n)),
        );
        const span = arg.span;
        report({
          messageId: suggestion ? 'didYouMean' : 'notDeclared',
          data: {
            path: pathFromCompose(folder, file),
            name: arg.name,
            suggestion: suggestion ?? '',
          },
          range: arg.merged
            ? model.rangeOfNode(built.service.key)!
            : span
              ? model.rangeOf(span.start, span.end)
              : model.rangeOfNode(arg.node)!,
          fixes: () =>
            suggestion && span
              ? [
                  {
                    title: `Rename to "${suggestion}"`,
                    safe: false,
                    edits: [TextEdit.replace(model.rangeOf(span.start, span.end), suggestion)],
                  },
                ]
              : [],
        });
      }
    }
  },
});
