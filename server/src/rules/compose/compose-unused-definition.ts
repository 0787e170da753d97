import { isMap } from 'yaml';
import { referencesOf } from '../../compose/references';
import { referenceScope } from '../referenceScope';
import { RESOURCE_KIND, RESOURCE_SECTIONS, scalarText } from '../../compose/model';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'compose-unused-definition',
  title: 'Defined networks, volumes, secrets and configs should be used',
  defaultSeverity: 'info',
  category: 'maintainability',
  equivalents: [],
  lesson: 'compose',
  fix: 'none',
  messages: {
    unused: 'No service uses the {kind} "{name}": remove it, or attach it to the service that needs it.',
  },
  docs: {
    flags: `A network, volume, secret or config defined at the top level that no service of the Compose
      project refers to (the project \`docker compose\` loads from the file's folder, with its override and
      included files, when the file is one of them, else the file with what it includes). External ones
      (\`external: true\`), the \`default\` network, files without \`services:\`, files probably combined with others
      by \`-f\` (\`docker-compose.prod.yml\`) outside such a project, and projects with a file that could not be
      read are not reported.`,
    why: `Compose creates unused networks and volumes anyway, and an unused definition is often the sign of
      a typo or of a service that lost its mount: data that was meant to be persistent may be written into the
      container instead.`,
    bad: [
      {
        code: `services:
  web:
    image: nginx:1.27
volumes:
  web-cache: {}
`,
        expect: [{ messageId: 'unused', line: 5, column: 3, text: 'web-cache' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: nginx:1.27
    volumes:
      - web-cache:/var/cache/nginx
volumes:
  web-cache: {}
networks:
  shared:
    external: true
`,
      },
    ],
  },
  check(model, report, context) {
    // Without services, the file is a fragment for others to use (or not a compose file yet).
    const scope = referenceScope(model, context);
    if (!scope || !model.topLevelPair('services')) return;
    const project = scope.project;
    // Outside a loaded project, a service extended from another file brings references we cannot see.
    if (!project) {
      for (const service of model.services) {
        const extended = service.entries.get('extends')?.value;
        if (isMap(extended) && model.entriesOf(extended).has('file')) return;
      }
    }
    for (const section of RESOURCE_SECTIONS) {
      const used = new Set(referencesOf(model, section).map((r) => r.name));
      for (const definition of model.definitions(section)) {
        if (used.has(definition.name) || (section === 'networks' && definition.name === 'default')) continue;
        if (project?.usedElsewhere(section, definition.name)) continue;
        if (isMap(definition.value) && scalarText(model.entriesOf(definition.value).get('external')?.value) === 'true')
          continue;
        const range = model.rangeOfNode(definition.key);
        if (range)
          report({
            messageId: 'unused',
            data: { kind: RESOURCE_KIND[section], name: definition.name },
            range,
            tags: ['unnecessary'],
          });
      }
    }
  },
});
