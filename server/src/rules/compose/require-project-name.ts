import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'require-project-name',
  title: 'Name the project',
  defaultSeverity: 'info',
  preset: 'all',
  category: 'maintainability',
  equivalents: [{ tool: 'dclint', id: 'require-project-name-field' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    missing: 'Add a top-level `name:` so the project name does not depend on the folder the file is in.',
  },
  docs: {
    flags: `A compose file without a top-level \`name\`. Only in the \`all\` preset: the folder name is a fine
      project name for most projects.`,
    why: `The project name prefixes container, network and volume names. Without \`name:\` Compose takes it
      from the folder, so the same file checked out in another folder creates a second, separate set of volumes
      (an "empty database" surprise). \`COMPOSE_PROJECT_NAME\` and \`-p\` still override it.`,
    bad: [
      {
        code: `services:
  web:
    image: nginx:1.27
`,
        settings: { rules: { 'require-project-name': 'warning' } },
        expect: [{ messageId: 'missing', line: 1, column: 1, text: 'services' }],
      },
    ],
    good: [
      {
        code: `name: shop
services:
  web:
    image: nginx:1.27
`,
        settings: { rules: { 'require-project-name': 'warning' } },
      },
    ],
  },
  check(model, report) {
    const root = model.root;
    if (!root || model.topLevelPair('name')) return;
    const first = root.items[0]?.key;
    const range = model.rangeOfNode(first as never);
    if (range) report({ messageId: 'missing', range });
  },
});
