import { isMap, isScalar, Pair } from 'yaml';
import { TextEdit } from 'vscode-languageserver-types';
import { scalarText } from '../../compose/model';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'compose-container-name-with-replicas',
  title: 'A service with a container_name cannot run more than one container',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    replicas:
      'The service "{service}" has a fixed container_name but asks for {count} containers ({via}); container names are unique, so Compose cannot create them. Remove container_name.',
  },
  docs: {
    flags: `A service that sets \`container_name\` together with \`deploy.replicas\` or \`scale\` greater than 1.`,
    why: `A container name is unique on a Docker host. With \`container_name\` every replica would get the
      same name, so \`docker compose up\` refuses the service (and \`docker compose up --scale\` fails the same
      way). Without \`container_name\` Compose names the replicas \`<project>-<service>-1\`, \`-2\`… and other
      services still reach them by the service name.`,
    bad: [
      {
        code: `services:
  worker:
    image: example/worker:3.2
    container_name: worker
    deploy:
      replicas: 3
`,
        fixed: `services:
  worker:
    image: example/worker:3.2
    deploy:
      replicas: 3
`,
        expect: [{ messageId: 'replicas', line: 4, column: 5, text: 'container_name' }],
      },
    ],
    good: [
      {
        code: `services:
  worker:
    image: example/worker:3.2
    deploy:
      replicas: 3
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const name = service.entries.get('container_name');
      if (!name) continue;
      let count: number | null = null;
      let via = '';
      const deploy = service.entries.get('deploy')?.value;
      const replicas = isMap(deploy) ? scalarText(model.entriesOf(deploy).get('replicas')?.value) : null;
      if (replicas !== null && /^\d+$/.test(replicas) && Number(replicas) > 1)
        [count, via] = [Number(replicas), 'deploy.replicas'];
      const scale = scalarText(service.entries.get('scale')?.value);
      if (count === null && scale !== null && /^\d+$/.test(scale) && Number(scale) > 1)
        [count, via] = [Number(scale), 'scale'];
      if (count === null) continue;
      report({
        messageId: 'replicas',
        data: { service: service.name, count, via },
        range: model.rangeOfNode(name.merged ? service.key : name.key)!,
        fixes: () => {
          if (name.merged) return [];
          const pair = service.map?.items.find((p) => isScalar(p.key) && p.key.value === 'container_name');
          const span = pair ? model.lineSpanOfPair(pair as Pair<typeof name.key, unknown>) : null;
          return span
            ? [
                {
                  title: 'Remove container_name',
                  safe: false,
                  edits: [TextEdit.del(model.rangeOf(span.start, span.end))],
                },
              ]
            : [];
        },
      });
    }
  },
});
