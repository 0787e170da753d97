import { isMap, isScalar } from 'yaml';
import { appendKey, contentStart, portMappings, publishedPortRange } from '../../compose/entries';
import { defineComposeRule, FixProposal } from '../types';
import { ComposeModel } from '../../compose/model';
import { PortMapping } from '../../compose/entries';
import { imageOf } from '../../compose/references';
import { privateKindOfImage, privatePortUse } from '../../data/privatePorts';

/** The first container port of the mapping that such services usually listen on, with what listens there. */
function privateTarget(port: PortMapping): { target: number; use: string } | null {
  if (!port.target) return null;
  // A wide range is a pool of ports for the application, not a service's well-known port.
  if (port.target.to - port.target.from > 100) return null;
  for (let target = port.target.from; target <= port.target.to; target++) {
    const use = privatePortUse(target);
    if (use) return { target, use };
  }
  return null;
}

function bindToLoopback(model: ComposeModel, port: PortMapping): FixProposal[] {
  const title = `Publish ${port.text} on 127.0.0.1 only (it is then unreachable from other machines)`;
  if (port.syntax === 'short') {
    const start = contentStart(model, port.node);
    if (start === null) return [];
    // `80` alone publishes an ephemeral host port: `127.0.0.1::80` keeps that.
    const prefix = port.published === null ? '127.0.0.1::' : '127.0.0.1:';
    const edit = { range: model.rangeOf(start, start), newText: prefix };
    // A plain scalar with a colon must be quoted; an unquoted number gains one.
    if (isScalar(port.node) && port.node.type === 'PLAIN') {
      const end = port.node.range![1];
      return [
        {
          title,
          safe: false,
          edits: [
            { range: model.rangeOf(start, start), newText: `"${prefix}` },
            { range: model.rangeOf(end, end), newText: '"' },
          ],
        },
      ];
    }
    return [{ title, safe: false, edits: [edit] }];
  }
  if (!isMap(port.node) || port.node.has('host_ip')) return [];
  const edit = appendKey(model, port.node, 'host_ip: 127.0.0.1');
  return edit ? [{ title, safe: false, edits: [edit] }] : [];
}

export default defineComposeRule({
  id: 'port-all-interfaces',
  title: 'Publish ports on a chosen interface',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [
    { tool: 'dclint', id: 'no-unbound-port-interfaces' },
    { tool: 'compose-lint', id: 'CL-0005' },
  ],
  lesson: 'networking',
  fix: 'unsafe',
  messages: {
    service:
      'Port "{port}" of {kind} service "{service}" is published on every interface of the host, past its firewall: bind it to an address, e.g. "127.0.0.1:{port}", unless other machines must reach it.',
    port: 'Port "{port}" of service "{service}" is published on every interface of the host, past its firewall, and container port {target} is usually {use}: bind it to an address, e.g. "127.0.0.1:{port}", unless other machines must reach it.',
  },
  docs: {
    flags: `A port published without a host address (\`"5432:5432"\`, \`"5432"\` for an ephemeral host port, a
      range, or the long syntax without \`host_ip\`) where it leads to something that should not face the network
      by default: every port of a service running a known database, cache, message broker, search engine,
      service registry or Docker management image (postgres, mysql, mariadb, mongo, redis, valkey, memcached,
      elasticsearch, rabbitmq, kafka, zookeeper, consul, etcd, portainer…), and, for other images, a container
      port that such a service or a debugger listens on by default or by convention (5432, 3306, 1433, 27017,
      6379, 11211, 9200, 5672, 15672, 9092, 2181, 2379, 8500, 2375 the Docker API without TLS, 9229 the Node.js
      inspector, 5005 JDWP, 5678 debugpy, 2345 Delve…). Web ports such as 80, 443, 3000 or 8080 are not flagged:
      publishing them is usually the point. An explicit \`0.0.0.0\` or \`[::]\` is taken as a deliberate choice, and
      interpolated values are left alone. The quick fix binds the port to \`127.0.0.1\`.`,
    why: `Without a host address Docker publishes the port on all interfaces, and it does so with its own
      firewall rules, ahead of host firewalls such as ufw or firewalld. A database, cache or broker published
      for local development then answers the whole network (or the internet, on a server), often with a default
      or no password; a debugger port lets anyone who reaches it run code in the container, and the Docker API
      without TLS hands over the host. Binding to \`127.0.0.1\` keeps it local; a port other machines must reach
      can say so explicitly with \`0.0.0.0\`.`,
    bad: [
      {
        code: `services:
  db:
    image: redis:7.4
    ports:
      - "6379:6379"
`,
        fixed: `services:
  db:
    image: redis:7.4
    ports:
      - "127.0.0.1:6379:6379"
`,
        expect: [{ messageId: 'service', line: 5, column: 9, text: '"6379:6379"' }],
      },
      {
        caption: 'A debugger port of a service built here (long syntax)',
        code: `services:
  api:
    build: .
    ports:
      - target: 9229
        published: "9229"
`,
        fixed: `services:
  api:
    build: .
    ports:
      - target: 9229
        published: "9229"
        host_ip: 127.0.0.1
`,
        expect: [{ messageId: 'port', line: 6, column: 9, text: 'published: "9229"' }],
      },
    ],
    good: [
      {
        code: `services:
  cache:
    image: memcached:1.6
    ports:
      - "127.0.0.1:11211:11211"
`,
      },
      {
        caption: 'A web server: publishing it is the point',
        code: `services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
`,
      },
      {
        caption: 'Deliberately reachable from other machines',
        code: `services:
  cache:
    image: memcached:1.6
    ports:
      - "0.0.0.0:11211:11211"
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('ports');
      if (!entry) continue;
      const image = imageOf(service);
      const kind = image === null ? null : privateKindOfImage(image);
      for (const port of portMappings(service)) {
        if (port.interpolated || port.hostIp !== null) continue;
        const known = kind === null ? privateTarget(port) : null;
        if (kind === null && known === null) continue;
        const range = publishedPortRange(model, service, entry, port);
        if (!range) continue;
        report({
          messageId: kind !== null ? 'service' : 'port',
          data: {
            port: port.text,
            service: service.name,
            kind: kind ?? '',
            target: String(known?.target ?? ''),
            use: known?.use ?? '',
          },
          range,
          fixes: entry.merged ? undefined : () => bindToLoopback(model, port),
        });
      }
    }
  },
});
