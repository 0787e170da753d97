import { isWildcardAddress, portMappings, publishedPortRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

interface Published {
  service: string;
  /** Null or a wildcard: every interface. */
  hostIp: string | null;
  from: number;
  to: number;
  protocol: string;
}

function overlaps(a: Published, b: Published): boolean {
  if (a.protocol !== b.protocol || a.to < b.from || b.to < a.from) return false;
  const anyA = a.hostIp === null || isWildcardAddress(a.hostIp);
  const anyB = b.hostIp === null || isWildcardAddress(b.hostIp);
  return anyA || anyB || a.hostIp === b.hostIp;
}

export default defineComposeRule({
  id: 'duplicate-published-port',
  title: 'A host port can be published only once',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'dclint', id: 'no-duplicate-exported-ports' }],
  lesson: 'networking',
  fix: 'none',
  messages: {
    duplicate:
      'Host port {port}/{protocol} is already published by service "{other}": the second container will fail to start ("port is already allocated"). Publish another host port.',
  },
  docs: {
    flags: `Two port mappings (in the same or different services) that publish the same host port, or
      overlapping ranges, with the same protocol on the same host address. Different addresses (\`127.0.0.1:8080\`
      and \`192.168.1.10:8080\`) and different protocols (\`53/tcp\`, \`53/udp\`) do not clash; no address means every
      address, which clashes with all of them.`,
    why: `A host port can be bound by one container at a time. Compose starts the first service and then
      fails on the second with "Bind for 0.0.0.0:8080 failed: port is already allocated". Each service needs its
      own host port; the container ports may stay the same.`,
    bad: [
      {
        code: `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
  admin:
    image: example/admin:1.0
    ports:
      - "127.0.0.1:8080:8080"
`,
        expect: [{ messageId: 'duplicate', line: 9, column: 9, text: '"127.0.0.1:8080:8080"' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
  admin:
    image: example/admin:1.0
    ports:
      - "127.0.0.1:8081:8080"
`,
      },
      {
        caption: 'Same port, different protocols',
        code: `services:
  dns:
    image: example/dns:2.0
    ports:
      - "127.0.0.1:53:53/tcp"
      - "127.0.0.1:53:53/udp"
`,
      },
    ],
  },
  check(model, report) {
    const seen: Published[] = [];
    for (const service of model.services) {
      const entry = service.entries.get('ports');
      if (!entry) continue;
      for (const port of portMappings(service)) {
        if (port.interpolated || port.published === null) continue;
        const current: Published = {
          service: service.name,
          hostIp: port.hostIp,
          from: port.published.from,
          to: port.published.to,
          protocol: port.protocol,
        };
        const clash = seen.find((other) => overlaps(other, current));
        if (clash) {
          const range = publishedPortRange(model, service, entry, port);
          const shared = Math.max(clash.from, current.from);
          if (range)
            report({
              messageId: 'duplicate',
              data: { port: shared, protocol: current.protocol, other: clash.service },
              range,
            });
        }
        seen.push(current);
      }
    }
  },
});
