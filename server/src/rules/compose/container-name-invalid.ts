import { findingRange } from '../../compose/entries';
import { isInterpolated, scalarText } from '../../compose/model';
import { defineComposeRule } from '../types';

/** Docker's rule for container names (a leading `/` is allowed by the API, not in Compose). */
const VALID_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export default defineComposeRule({
  id: 'container-name-invalid',
  title: 'Container names must be valid Docker names',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'dclint', id: 'service-container-name-regex' }],
  lesson: 'compose',
  fix: 'none',
  messages: {
    invalid:
      'Container name "{name}" is not valid: Docker accepts at least two characters, letters, digits, "_", "." and "-", starting with a letter or digit.',
  },
  docs: {
    flags: `A \`container_name\` that does not match Docker's pattern \`[a-zA-Z0-9][a-zA-Z0-9_.-]+\` (interpolated
      names are not checked).`,
    why: `Docker rejects other names when it creates the container ("Invalid container name"), so \`docker
      compose up\` fails for that service. Spaces, slashes, colons and a leading \`-\` or \`.\` are the usual
      mistakes.`,
    bad: [
      {
        code: `services:
  api:
    image: example/api:2.0
    container_name: my api
`,
        expect: [{ messageId: 'invalid', line: 4, column: 21, text: 'my api' }],
      },
    ],
    good: [
      {
        code: `services:
  api:
    image: example/api:2.0
    container_name: my-api
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('container_name');
      const name = scalarText(entry?.value);
      if (!entry || name === null || isInterpolated(name) || VALID_NAME.test(name)) continue;
      const range = findingRange(model, service, entry, entry.value);
      if (range) report({ messageId: 'invalid', data: { name }, range });
    }
  },
});
