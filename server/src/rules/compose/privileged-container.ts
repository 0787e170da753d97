import { scalarText } from '../../compose/model';
import { findingRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'privileged-container',
  title: 'Do not run containers privileged',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [{ tool: 'compose-lint', id: 'CL-0002' }],
  lesson: 'security',
  fix: 'none',
  messages: {
    privileged:
      'Service "{service}" runs privileged, with every capability and access to all host devices: grant only the capabilities (`cap_add`) or devices (`devices`) it needs.',
  },
  docs: {
    flags: `\`privileged: true\` on a service.`,
    why: `A privileged container gets every Linux capability, all host devices, and no seccomp or AppArmor
      confinement. A process that escapes the application inside it is effectively root on the host. Most
      workloads that "need" it need one capability (\`cap_add: [NET_ADMIN]\`) or one device (\`devices:
      [/dev/fuse]\`).`,
    bad: [
      {
        code: `services:
  agent:
    image: example/agent:1.4
    privileged: true
`,
        expect: [{ messageId: 'privileged', line: 4, column: 17, text: 'true' }],
      },
    ],
    good: [
      {
        code: `services:
  vpn:
    image: example/vpn:2.1
    cap_add:
      - NET_ADMIN
    devices:
      - /dev/net/tun
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('privileged');
      if (!entry || scalarText(entry.value) !== 'true') continue;
      const range = findingRange(model, service, entry, entry.value);
      if (range) report({ messageId: 'privileged', data: { service: service.name }, range });
    }
  },
});
