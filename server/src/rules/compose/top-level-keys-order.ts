import { isScalar } from 'yaml';
import { defineComposeRule } from '../types';

/** dclint's default order; `x-` extensions come first. */
const ORDER = ['x-', 'version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs'];

function rank(key: string): number {
  return key.startsWith('x-') ? 0 : ORDER.indexOf(key);
}

export default defineComposeRule({
  id: 'top-level-keys-order',
  title: 'Top-level keys in the usual order',
  defaultSeverity: 'info',
  preset: 'all',
  category: 'style',
  equivalents: [{ tool: 'dclint', id: 'top-level-properties-order' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    order:
      'Top-level key "{key}" is out of order: the usual order is x-… extensions, name, include, services, networks, volumes, secrets, configs.',
  },
  docs: {
    flags: `A top-level key that comes after one that usually follows it (extensions \`x-…\`, \`name\`, \`include\`,
      \`services\`, \`networks\`, \`volumes\`, \`secrets\`, \`configs\`). A team convention, only in the \`all\` preset;
      unknown keys are left to the schema check.`,
    why: `Reading a compose file is easier when the shared fragments (\`x-…\` anchors) come first, then the
      services, then what they refer to. The order has no effect on Compose.`,
    bad: [
      {
        code: `volumes:
  data:
services:
  db:
    image: redis:7.4
    volumes:
      - data:/data
`,
        settings: { rules: { 'top-level-keys-order': 'warning' } },
        expect: [{ messageId: 'order', line: 3, column: 1, text: 'services' }],
      },
    ],
    good: [
      {
        code: `services:
  db:
    image: redis:7.4
    volumes:
      - data:/data
volumes:
  data:
`,
        settings: { rules: { 'top-level-keys-order': 'warning' } },
      },
    ],
  },
  check(model, report) {
    let highest = -1;
    for (const pair of model.root?.items ?? []) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const r = rank(key);
      if (r < 0) continue;
      const range = model.rangeOfNode(pair.key);
      if (r < highest && range) report({ messageId: 'order', data: { key }, range });
      highest = Math.max(highest, r);
    }
  },
});
