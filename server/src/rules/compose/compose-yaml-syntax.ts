import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'compose-yaml-syntax',
  title: 'The file is valid YAML',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'dclint', id: 'invalid-yaml' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    problem: 'YAML: {message}',
  },
  docs: {
    flags: `What the YAML parser cannot read: syntax errors (a missing \`]\`, bad indentation, a tab where
      spaces belong), a key written twice in one mapping, an alias \`*name\` with no anchor \`&name\` before it, an
      alias inside the anchor it refers to, and nesting too deep to follow. YAML warnings (such as a tag the
      parser does not know) are reported one level milder. A document with syntax errors is not checked against
      the Compose schema, since its half-read content would only add noise.`,
    why: `Docker Compose parses the file before anything else and refuses it at the first YAML error, so
      nothing in it runs. Its parser also rejects duplicate keys and aliases that contain themselves, which some
      editors and YAML tools let through silently.`,
    bad: [
      {
        caption: 'An alias without its anchor',
        code: `services:
  web:
    image: nginx:1.27
    logging: *logging
`,
        expect: [{ messageId: 'problem', line: 4, column: 14, text: '*logging' }],
      },
      {
        caption: 'A key written twice',
        code: `services:
  web:
    image: nginx:1.27
    image: nginx:1.28
`,
        expect: [{ messageId: 'problem', line: 4, column: 5, text: 'image' }],
      },
    ],
    good: [
      {
        code: `x-logging: &logging
  driver: json-file
services:
  web:
    image: nginx:1.27
    logging: *logging
`,
      },
    ],
  },
  check(model, report) {
    for (const problem of model.yamlProblems) {
      report({
        messageId: 'problem',
        data: { message: problem.message },
        range: problem.range,
        milder: problem.severity === 'warning',
      });
    }
  },
});
