import { scalarText } from '../../compose/model';
import { findingRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'host-namespace-shared',
  title: "Do not share the host's process or IPC namespace",
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [{ tool: 'compose-lint', id: 'CL-0010' }],
  lesson: 'security',
  fix: 'none',
  messages: {
    pid: 'Service "{service}" shares the host\'s process namespace: it sees, and can signal, every process on the host. Remove `pid: host`.',
    ipc: 'Service "{service}" shares the host\'s IPC namespace: it can read and write the host\'s shared memory. Remove `ipc: host`.',
  },
  docs: {
    flags: `\`pid: host\` or \`ipc: host\` on a service (exactly \`host\`: Docker rejects other spellings).`,
    why: `Namespaces are what keep a container from seeing the rest of the machine. With the host PID
      namespace the container lists every host process, reads their environment through \`/proc\` when it has the
      permissions, and can kill them; with the host IPC namespace it reaches the host's shared-memory segments
      and semaphores. Monitoring agents sometimes need this; application containers never do.`,
    bad: [
      {
        code: `services:
  app:
    image: example/app:3.2
    pid: host
`,
        expect: [{ messageId: 'pid', line: 4, column: 10, text: 'host' }],
      },
      {
        code: `services:
  app:
    image: example/app:3.2
    ipc: host
`,
        expect: [{ messageId: 'ipc', line: 4, column: 10, text: 'host' }],
      },
    ],
    good: [
      {
        caption: 'Sharing with another service of the project is fine',
        code: `services:
  app:
    image: example/app:3.2
    ipc: shareable
  sidecar:
    image: example/sidecar:1.0
    ipc: "service:app"
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      for (const key of ['pid', 'ipc'] as const) {
        const entry = service.entries.get(key);
        if (!entry || scalarText(entry.value) !== 'host') continue;
        const range = findingRange(model, service, entry, entry.value);
        if (range) report({ messageId: key, data: { service: service.name }, range });
      }
    }
  },
});
