import { findingRange } from '../../compose/entries';
import { isInterpolated, scalarText } from '../../compose/model';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'duplicate-container-name',
  title: 'Container names must be unique',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'dclint', id: 'no-duplicate-container-names' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    duplicate:
      'Container name "{name}" is already used by service "{other}": Docker refuses to create a second container with the same name. Give each service its own name, or remove `container_name`.',
  },
  docs: {
    flags: `Two services with the same \`container_name\`.`,
    why: `Container names are unique on a Docker host. Compose creates the first container and then fails on
      the second with "Conflict. The container name … is already in use". Without \`container_name\` Compose names
      containers \`<project>-<service>-<n>\` itself, which is always unique, and services still reach each other
      by service name.`,
    bad: [
      {
        code: `services:
  api:
    image: example/api:2.0
    container_name: backend
  worker:
    image: example/worker:2.0
    container_name: backend
`,
        expect: [{ messageId: 'duplicate', line: 7, column: 21, text: 'backend' }],
      },
    ],
    good: [
      {
        code: `services:
  api:
    image: example/api:2.0
    container_name: backend-api
  worker:
    image: example/worker:2.0
    container_name: backend-worker
`,
      },
    ],
  },
  check(model, report) {
    const seen = new Map<string, string>();
    for (const service of model.services) {
      const entry = service.entries.get('container_name');
      const name = scalarText(entry?.value);
      if (!entry || name === null || isInterpolated(name)) continue;
      const other = seen.get(name);
      if (other === undefined) {
        seen.set(name, service.name);
        continue;
      }
      const range = findingRange(model, service, entry, entry.value);
      if (range) report({ messageId: 'duplicate', data: { name, other }, range });
    }
  },
});
