import { isMap, isScalar, isSeq } from 'yaml';
import { findingRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'service-dependencies-order',
  title: 'Dependencies in alphabetical order',
  defaultSeverity: 'info',
  preset: 'all',
  category: 'style',
  equivalents: [{ tool: 'dclint', id: 'service-dependencies-alphabetical-order' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    order: 'The services in `depends_on` of "{service}" are not in alphabetical order.',
  },
  docs: {
    flags: `A \`depends_on\` (list or map) whose services are not in alphabetical order. A team convention, only
      in the \`all\` preset.`,
    why: `A sorted list shows at a glance whether a dependency is there. Compose starts dependencies by the
      dependency graph, not by this order.`,
    bad: [
      {
        code: `services:
  app:
    image: example/app:1.0
    depends_on:
      - db
      - cache
  cache:
    image: redis:7.4
  db:
    image: example/db:1.0
`,
        settings: { rules: { 'service-dependencies-order': 'warning' } },
        expect: [{ messageId: 'order', line: 4, column: 5, text: 'depends_on' }],
      },
    ],
    good: [
      {
        code: `services:
  app:
    image: example/app:1.0
    depends_on:
      - cache
      - db
  cache:
    image: memcached:1.6
  db:
    image: example/db:1.0
`,
        settings: { rules: { 'service-dependencies-order': 'warning' } },
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('depends_on');
      const value = entry?.value;
      if (!entry) continue;
      let names: string[];
      if (isSeq(value)) names = value.items.map((i) => (isScalar(i) ? String(i.value) : ''));
      else if (isMap(value)) names = value.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      else continue;
      if (names.every((n, i) => i === 0 || names[i - 1].localeCompare(n) <= 0)) continue;
      const range = findingRange(model, service, entry, entry.key);
      if (range) report({ messageId: 'order', data: { service: service.name }, range });
    }
  },
});
