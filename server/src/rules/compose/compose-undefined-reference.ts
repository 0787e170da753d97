import { TextEdit } from 'vscode-languageserver-types';
import { Reference, referenceRange, referencesOf } from '../../compose/references';
import { referenceScope } from '../referenceScope';
import { addDefinition, insertionEdits } from '../../compose/insertions';
import { ComposeModel, RESOURCE_KIND, RESOURCE_SECTIONS, DefinitionSection } from '../../compose/model';
import { closestMatch } from '../../util/distance';
import { defineComposeRule, FixProposal } from '../types';

function fixesFor(
  model: ComposeModel,
  ref: Reference,
  section: DefinitionSection,
  suggestion: string | null,
): FixProposal[] {
  if (ref.merged || !ref.span) return [];
  const fixes: FixProposal[] = [];
  if (suggestion) {
    fixes.push({
      title: `Change to "${suggestion}"`,
      safe: false,
      edits: [TextEdit.replace(model.rangeOf(ref.span.start, ref.span.end), suggestion)],
    });
  }
  // A network or volume needs no options to exist; a secret or config needs its source, which only the user knows.
  if (section === 'networks' || section === 'volumes') {
    const insertion = addDefinition(model, section, ref.name);
    if (insertion)
      fixes.push({
        title: `Define the ${RESOURCE_KIND[section]} "${ref.name}" under top-level "${section}:"`,
        safe: false,
        edits: insertionEdits(model, [insertion]),
      });
  }
  return fixes;
}

export default defineComposeRule({
  id: 'compose-undefined-reference',
  title: 'Networks, volumes, secrets and configs that services use must be defined',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    undefined: 'The {kind} "{name}" is not defined under the top-level "{section}:" key, so Compose refuses the file.',
    didYouMean:
      'The {kind} "{name}" is not defined under the top-level "{section}:" key, so Compose refuses the file: did you mean "{suggestion}"?',
  },
  docs: {
    flags: `A service that names a network (\`networks:\`), a named volume (\`volumes:\`, short \`name:/path\` or
      long \`type: volume\` syntax), a secret or a config (\`secrets:\`/\`configs:\`, including \`build.secrets\`) that
      the file does not define at the top level. Bind mounts (\`./data:/data\`, \`/srv:/srv\`) are not named
      volumes. A definition in another file of the Compose project counts (the project \`docker compose\` loads
      from the file's folder, with its override and included files, when the file is one of them, else the file
      with what it includes). Names with \`\${VARIABLES}\`, the implicit \`default\` network, files probably combined
      with others by \`-f\` (\`docker-compose.prod.yml\`) outside such a project, and projects with a file that
      could not be read are not reported.`,
    why: `Compose resolves these names against the top-level sections before it creates anything, and stops
      with "service refers to undefined volume/network/secret". A typo in a volume name is otherwise easy to
      miss when reading the file. The quick fix offers the closest defined name, or (for networks and volumes)
      defines the missing one.`,
    bad: [
      {
        caption: 'A typo in a volume name',
        code: `services:
  db:
    image: postgres:16
    volumes:
      - db-dta:/var/lib/postgresql/data
volumes:
  db-data: {}
`,
        fixed: `services:
  db:
    image: postgres:16
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data: {}
`,
        expect: [{ messageId: 'didYouMean', line: 5, column: 9, text: 'db-dta' }],
      },
      {
        caption: 'A network nobody defined',
        code: `services:
  web:
    image: nginx:1.27
    networks:
      - front
`,
        fixed: `services:
  web:
    image: nginx:1.27
    networks:
      - front
networks:
  front: {}
`,
        expect: [{ messageId: 'undefined', line: 5, column: 9, text: 'front' }],
      },
      {
        code: `services:
  api:
    image: example/api:1.4
    secrets:
      - source: api_key
`,
        expect: [{ messageId: 'undefined', line: 5, column: 17, text: 'api_key' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: nginx:1.27
    networks: [front]
    volumes:
      - ./site:/usr/share/nginx/html:ro
      - cache:/var/cache/nginx
networks:
  front: {}
volumes:
  cache: {}
`,
      },
    ],
  },
  check(model, report, context) {
    const scope = referenceScope(model, context);
    if (!scope) return;
    for (const section of RESOURCE_SECTIONS) {
      const defined = new Set([
        ...model.definitions(section).map((d) => d.name),
        ...(scope.project?.namesDefined(section) ?? []),
      ]);
      if (section === 'networks') defined.add('default');
      for (const ref of referencesOf(model, section)) {
        if (defined.has(ref.name)) continue;
        const suggestion = closestMatch(
          ref.name,
          [...defined].filter((n) => !(section === 'networks' && n === 'default')),
        );
        const data = { kind: RESOURCE_KIND[section], name: ref.name, section, suggestion: suggestion ?? '' };
        report({
          messageId: suggestion ? 'didYouMean' : 'undefined',
          data,
          range: referenceRange(model, ref),
          fixes: () => fixesFor(model, ref, section, suggestion),
        });
      }
    }
  },
});
