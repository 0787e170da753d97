import { TextEdit } from 'vscode-languageserver-types';
import { referenceRange, referencesOf } from '../../compose/references';
import { referenceScope } from '../referenceScope';
import { closestMatch } from '../../util/distance';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'compose-unknown-service',
  title: 'Services named in depends_on, links and extends must exist',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    unknown: 'There is no service "{name}" in this file ({via}), so Compose refuses it.',
    didYouMean: 'There is no service "{name}" in this file ({via}): did you mean "{suggestion}"?',
    unknownInProject: 'No file of this Compose project defines a service "{name}" ({via}), so Compose refuses it.',
    didYouMeanInProject:
      'No file of this Compose project defines a service "{name}" ({via}): did you mean "{suggestion}"?',
  },
  docs: {
    flags: `A service named in \`depends_on\`, \`links\`, \`extends\` (without \`file:\`), \`volumes_from\`, or a
      \`service:\` value of \`network_mode\`/\`pid\`/\`ipc\` that no file of the Compose project defines. The project is
      the one \`docker compose\` loads from the file's folder (the main file, its override, included files) when
      the file is one of them, else the file with what it includes. \`depends_on\` entries with \`required: false\`
      are not reported, nor files probably combined with others by \`-f\` (\`docker-compose.prod.yml\`) outside such
      a project, nor projects with a file that could not be read.`,
    why: `Compose checks these names before starting anything and stops with "depends on undefined service".
      The quick fix offers the closest service name.`,
    bad: [
      {
        code: `services:
  web:
    image: example/web:2.1
    depends_on:
      - api
  apis:
    image: example/api:1.4
`,
        fixed: `services:
  web:
    image: example/web:2.1
    depends_on:
      - apis
  apis:
    image: example/api:1.4
`,
        expect: [{ messageId: 'didYouMean', line: 5, column: 9, text: 'api' }],
      },
      {
        code: `services:
  worker:
    extends: base
    command: ["worker"]
`,
        expect: [{ messageId: 'unknown', line: 3, column: 14, text: 'base' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: example/web:2.1
    depends_on:
      api:
        condition: service_started
  api:
    image: example/api:1.4
`,
      },
    ],
  },
  check(model, report, context) {
    const scope = referenceScope(model, context);
    if (!scope) return;
    const names = [
      ...new Set([...model.services.map((s) => s.name), ...(scope.project?.namesDefined('services') ?? [])]),
    ];
    const defined = new Set(names);
    const inProject = scope.project !== null && scope.project.composeFiles.length > 1;
    for (const ref of referencesOf(model, 'services')) {
      if (defined.has(ref.name) || ref.optional) continue;
      const suggestion = closestMatch(
        ref.name,
        names.filter((n) => n !== ref.service.name),
      );
      const span = ref.span;
      report({
        messageId: `${suggestion ? 'didYouMean' : 'unknown'}${inProject ? 'InProject' : ''}`,
        data: { name: ref.name, via: ref.via, suggestion: suggestion ?? '' },
        range: referenceRange(model, ref),
        fixes: () =>
          suggestion && span && !ref.merged
            ? [
                {
                  title: `Change to "${suggestion}"`,
                  safe: false,
                  edits: [TextEdit.replace(model.rangeOf(span.start, span.end), suggestion)],
                },
              ]
            : [],
      });
    }
  },
});
