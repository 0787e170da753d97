import { scalarText } from '../../compose/model';
import { findingRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'host-network-mode',
  title: 'Do not share the host network',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [{ tool: 'compose-lint', id: 'CL-0008' }],
  lesson: 'networking',
  fix: 'none',
  messages: {
    host: 'Service "{service}" uses the host\'s network stack: every port it listens on is open on the host, and it can reach services bound to the host\'s localhost. Publish the ports it needs with `ports:` instead.',
  },
  docs: {
    flags: `\`network_mode: host\` on a service.`,
    why: `With the host network the container has no network isolation at all: it binds directly on the
      host's interfaces (no \`ports:\` mapping decides what is exposed), it sees the host's loopback services, and
      it leaves Compose's networks, so other services cannot reach it by name. Use a normal network and publish
      only the ports that must be reachable.`,
    bad: [
      {
        code: `services:
  web:
    image: nginx:1.27
    network_mode: host
`,
        expect: [{ messageId: 'host', line: 4, column: 19, text: 'host' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('network_mode');
      if (!entry || scalarText(entry.value) !== 'host') continue;
      const range = findingRange(model, service, entry, entry.value);
      if (range) report({ messageId: 'host', data: { service: service.name }, range });
    }
  },
});
