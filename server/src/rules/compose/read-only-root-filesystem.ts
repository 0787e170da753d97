import { appendKey } from '../../compose/entries';
import { scalarText } from '../../compose/model';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'read-only-root-filesystem',
  title: 'Run containers with a read-only root file system',
  // Only in the `all` preset: nearly every image writes somewhere (/tmp, pid files, caches), so turning
  // this on for every service needs per-service work (tmpfs, volumes); it is a hardening step to opt into.
  defaultSeverity: 'info',
  preset: 'all',
  category: 'security',
  equivalents: [{ tool: 'compose-lint', id: 'CL-0007' }],
  lesson: 'security',
  fix: 'unsafe',
  messages: {
    writable:
      'Service "{service}" has a writable root file system: set `read_only: true` and give the paths it writes to a `tmpfs` or a volume.',
  },
  docs: {
    flags: `A service without \`read_only: true\`. Only in the \`all\` preset (a hardening step to opt into): most
      images write to a few paths, which then need a \`tmpfs\` or a volume, so the fix (adding \`read_only: true\`)
      must be tested.`,
    why: `With a read-only root file system an attacker who gets code execution in the container cannot
      replace its binaries or leave tools behind, and the application cannot accidentally keep state in the
      container layer, where it would be lost on the next \`up\`. Writable paths are declared explicitly (\`tmpfs:
      [/tmp]\`, volumes), which also documents them.`,
    bad: [
      {
        code: `services:
  api:
    image: example/api:2.3
`,
        fixed: `services:
  api:
    image: example/api:2.3
    read_only: true
`,
        settings: { rules: { 'read-only-root-filesystem': 'info' } },
        expect: [{ messageId: 'writable', line: 2, column: 3, text: 'api' }],
      },
    ],
    good: [
      {
        code: `services:
  api:
    image: example/api:2.3
    read_only: true
    tmpfs:
      - /tmp
`,
        settings: { rules: { 'read-only-root-filesystem': 'info' } },
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      if (!service.map) continue;
      const entry = service.entries.get('read_only');
      if (entry && scalarText(entry.value) === 'true') continue;
      const range = model.rangeOfNode(entry && !entry.merged ? (entry.value ?? entry.key) : service.key);
      if (!range) continue;
      report({
        messageId: 'writable',
        data: { service: service.name },
        range,
        fixes: entry
          ? undefined
          : () => {
              const edit = appendKey(model, service.map, 'read_only: true');
              return edit
                ? [
                    {
                      title: 'Add "read_only: true" (check which paths the service writes to)',
                      safe: false,
                      edits: [edit],
                    },
                  ]
                : [];
            },
      });
    }
  },
});
