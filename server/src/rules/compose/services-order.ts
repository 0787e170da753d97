import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'services-order',
  title: 'Services in alphabetical order',
  defaultSeverity: 'info',
  preset: 'all',
  category: 'style',
  equivalents: [{ tool: 'dclint', id: 'services-alphabetical-order' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    order: 'Service "{service}" should come before "{before}" (alphabetical order).',
  },
  docs: {
    flags: `A service listed after a service whose name sorts after it. A team convention, only in the \`all\`
      preset.`,
    why: `In a long file, alphabetical order makes a service easy to find and keeps merge conflicts apart.
      It has no effect on Compose, which starts services in dependency order, not file order.`,
    bad: [
      {
        code: `services:
  web:
    image: nginx:1.27
  api:
    image: example/api:2.0
`,
        settings: { rules: { 'services-order': 'warning' } },
        expect: [{ messageId: 'order', line: 4, column: 3, text: 'api' }],
      },
    ],
    good: [
      {
        code: `services:
  api:
    image: example/api:2.0
  web:
    image: nginx:1.27
`,
        settings: { rules: { 'services-order': 'warning' } },
      },
    ],
  },
  check(model, report) {
    const names: string[] = [];
    for (const service of model.services) {
      const after = names.filter((n) => n.localeCompare(service.name) > 0).sort((a, b) => a.localeCompare(b))[0];
      const range = model.rangeOfNode(service.key);
      if (after !== undefined && range)
        report({ messageId: 'order', data: { service: service.name, before: after }, range });
      names.push(service.name);
    }
  },
});
