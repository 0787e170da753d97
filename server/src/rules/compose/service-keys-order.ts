import { isScalar } from 'yaml';
import { defineComposeRule } from '../types';

/** dclint's default groups, in order; keys in no group come last, alphabetically. */
const GROUPS = [
  ['image', 'build', 'container_name'],
  ['depends_on'],
  ['volumes', 'volumes_from', 'configs', 'secrets'],
  ['environment', 'env_file'],
  ['ports', 'networks', 'network_mode', 'extra_hosts'],
  ['command', 'entrypoint', 'working_dir', 'restart', 'healthcheck'],
  ['logging', 'labels'],
  ['user', 'isolation'],
];
const POSITION = new Map(GROUPS.flat().map((key, i) => [key, i]));

export default defineComposeRule({
  id: 'service-keys-order',
  title: 'Service keys in the usual order',
  defaultSeverity: 'info',
  preset: 'all',
  category: 'style',
  equivalents: [{ tool: 'dclint', id: 'service-keys-order' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    order: 'Key "{key}" of service "{service}" is out of order: expected {order}.',
  },
  docs: {
    flags: `A service key that comes after one that usually follows it: image and build first, then
      dependencies, data (\`volumes\`, \`configs\`, \`secrets\`), environment, networking (\`ports\`, \`networks\`),
      runtime (\`command\`, \`restart\`, \`healthcheck\`), metadata, security (\`user\`), and other keys alphabetically.
      A team convention, only in the \`all\` preset.`,
    why: `When every service lists its keys in the same order, a reader finds the image, the ports or the
      volumes of any service at a glance, and reviews show real changes rather than moved lines. The order has
      no effect on Compose.`,
    bad: [
      {
        code: `services:
  web:
    ports:
      - "127.0.0.1:8080:80"
    image: nginx:1.27
`,
        settings: { rules: { 'service-keys-order': 'warning' } },
        expect: [{ messageId: 'order', line: 5, column: 5, text: 'image' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
    restart: unless-stopped
`,
        settings: { rules: { 'service-keys-order': 'warning' } },
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      if (!service.map) continue;
      const keys = service.map.items
        .map((p) => (isScalar(p.key) ? String(p.key.value) : null))
        .filter((k): k is string => k !== null && k !== '<<');
      const others = keys.filter((k) => !POSITION.has(k)).sort((a, b) => a.localeCompare(b));
      const rankOf = (k: string): number => POSITION.get(k) ?? POSITION.size + others.indexOf(k);
      const order = [...keys].sort((a, b) => rankOf(a) - rankOf(b)).join(', ');
      let highest = -1;
      for (const pair of service.map.items) {
        if (!isScalar(pair.key) || pair.key.value === '<<') continue;
        const key = String(pair.key.value);
        const r = rankOf(key);
        const range = model.rangeOfNode(pair.key);
        if (r < highest && range) report({ messageId: 'order', data: { key, service: service.name, order }, range });
        highest = Math.max(highest, r);
      }
    }
  },
});
