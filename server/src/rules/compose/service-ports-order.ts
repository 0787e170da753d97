import { isSeq } from 'yaml';
import { findingRange, portMappings } from '../../compose/entries';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'service-ports-order',
  title: 'Ports in order',
  defaultSeverity: 'info',
  preset: 'all',
  category: 'style',
  equivalents: [{ tool: 'dclint', id: 'service-ports-alphabetical-order' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    order: 'The ports of service "{service}" are not in order of their published port.',
  },
  docs: {
    flags: `A service whose \`ports\` are not sorted by published (host) port, numerically. A team convention,
      only in the \`all\` preset.`,
    why: `Sorted ports make it easy to see which host ports a service takes and to spot a clash. The order
      has no effect on Compose.`,
    bad: [
      {
        code: `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8443:443"
      - "127.0.0.1:8080:80"
`,
        settings: { rules: { 'service-ports-order': 'warning' } },
        expect: [{ messageId: 'order', line: 4, column: 5, text: 'ports' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
      - "127.0.0.1:8443:443"
`,
        settings: { rules: { 'service-ports-order': 'warning' } },
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('ports');
      if (!entry || !isSeq(entry.value)) continue;
      const ports = portMappings(service);
      if (ports.some((p) => p.interpolated)) continue;
      const keys = ports.map((p) => p.published?.from ?? p.target?.from ?? 0);
      if (keys.every((k, i) => i === 0 || keys[i - 1] <= k)) continue;
      const range = findingRange(model, service, entry, entry.key);
      if (range) report({ messageId: 'order', data: { service: service.name }, range });
    }
  },
});
