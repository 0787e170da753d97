import { isMap, isScalar, Node as YamlNode } from 'yaml';
import { appendKey, contentStart, findingRange, portMappings } from '../../compose/entries';
import { defineComposeRule, FixProposal } from '../types';
import { ComposeModel } from '../../compose/model';
import { PortMapping } from '../../compose/entries';

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
      return [{ title, safe: false, edits: [{ range: model.rangeOf(start, start), newText: `"${prefix}` }, { range: model.rangeOf(end, end), newText: '"' }] }];
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
    unbound: 'Port "{port}" of service "{service}" is published on every interface of the host, past its firewall: bind it to an address, e.g. "127.0.0.1:{port}" when only this machine needs it.',
  },
  docs: {
    flags: 'A published port without a host address: `"8080:80"`, `"80"` (an ephemeral host port), a range, or the long syntax without `host_ip`. An explicit `0.0.0.0` or `[::]` is taken as a deliberate choice and not flagged, nor are interpolated values. The quick fix binds the port to `127.0.0.1`.',
    why: 'Without a host address Docker publishes the port on all interfaces, and it does so with its own firewall rules, ahead of host firewalls such as ufw or firewalld. A database or admin port meant for local development then answers the whole network (or the internet, on a server). Binding to `127.0.0.1` keeps it local; a service that must be public can say so explicitly with `0.0.0.0`.',
    bad: [
      {
        code: 'services:\n  db:\n    image: redis:7.4\n    ports:\n      - "6379:6379"\n',
        fixed: 'services:\n  db:\n    image: redis:7.4\n    ports:\n      - "127.0.0.1:6379:6379"\n',
      },
      {
        caption: 'Long syntax',
        code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: "8080"\n',
        fixed: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n',
      },
    ],
    good: [
      { code: 'services:\n  cache:\n    image: memcached:1.6\n    ports:\n      - "127.0.0.1:11211:11211"\n' },
      { caption: 'Deliberately public', code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "0.0.0.0:443:443"\n' },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('ports');
      if (!entry) continue;
      for (const port of portMappings(service)) {
        if (port.interpolated || port.hostIp !== null) continue;
        const range = findingRange(model, service, entry, port.node as YamlNode);
        if (!range) continue;
        report({
          messageId: 'unbound',
          data: { port: port.text, service: service.name },
          range,
          fixes: entry.merged ? undefined : () => bindToLoopback(model, port),
        });
      }
    }
  },
});
