import { isSeq, isScalar } from 'yaml';
import { scalarText } from '../../compose/model';
import { findingRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'cap-add-all',
  title: 'Do not add every capability',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [{ tool: 'compose-lint', id: 'CL-0011' }],
  lesson: 'security',
  fix: 'none',
  messages: {
    all: 'Service "{service}" adds every Linux capability: add only the ones it needs (for example `NET_ADMIN`).',
  },
  docs: {
    flags: `\`ALL\` (or \`CAP_ALL\`, in any case) in a service's \`cap_add\`. (compose-lint's CL-0011 also reports
      single powerful capabilities such as \`SYS_ADMIN\`; this rule reports only \`ALL\`.)`,
    why: `Docker starts containers with a short list of capabilities. \`cap_add: [ALL]\` hands over the rest
      too — loading kernel modules, mounting file systems, tracing other processes, changing the clock — which
      is nearly the same as \`privileged: true\`. Name the capabilities the workload needs; together with
      \`cap_drop: [ALL]\` that gives the smallest set.`,
    bad: [
      {
        code: `services:
  tool:
    image: example/tool:2.0
    cap_add:
      - ALL
`,
        expect: [{ messageId: 'all', line: 5, column: 9, text: 'ALL' }],
      },
    ],
    good: [
      {
        code: `services:
  tool:
    image: example/tool:2.0
    cap_drop:
      - ALL
    cap_add:
      - NET_BIND_SERVICE
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('cap_add');
      if (!entry || !isSeq(entry.value)) continue;
      for (const item of entry.value.items) {
        if (!isScalar(item)) continue;
        const cap = scalarText(item)?.trim().toUpperCase();
        if (cap !== 'ALL' && cap !== 'CAP_ALL') continue;
        const range = findingRange(model, service, entry, item);
        if (range) report({ messageId: 'all', data: { service: service.name }, range });
      }
    }
  },
});
