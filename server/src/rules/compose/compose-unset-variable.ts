import * as path from 'path';
import { defineComposeRule } from '../types';

/** Files projects commit to list the variables their uncommitted `.env` must set. */
const EXAMPLE_ENV_FILES = ['.env.example', '.env.sample', '.env.dist', '.env.template', 'example.env', 'sample.env'];

export default defineComposeRule({
  id: 'compose-unset-variable',
  title: 'Variables a compose file uses must have a value',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'none',
  messages: {
    missing:
      'The variable "{name}" is not set (neither in the environment nor in .env) and has no default: Compose warns and puts an empty string here.',
    documented:
      'The variable "{name}" is not set: {example} lists it, but there is no .env value and the environment has none, so Compose warns and puts an empty string here. Copy {example} to .env and fill it in, or set it in the environment.',
    required:
      'The variable "{name}" is required and has no value, so Compose refuses to load the project: "{message}".',
  },
  docs: {
    flags: `A \`\${VAR}\` or \`$VAR\` in a compose file with no value in the environment or in the project's \`.env\`
      file (or an included project's env files) and no default (\`\${VAR:-default}\`, \`\${VAR-default}\`): a warning,
      because Compose warns and substitutes an empty string. A \`\${VAR:?message}\` (or \`\${VAR?message}\`) without
      the value it requires is an error: Compose refuses to load the project and prints the message. When a
      \`.env.example\` (or \`.env.sample\`, \`.env.dist\`, \`.env.template\`, \`example.env\`, \`sample.env\`) beside the
      file lists the variable, the message says to copy it to \`.env\`. The environment is the one of the process
      that lints: the terminal's for \`docker-coach lint\`, and for the editor the environment the language server
      was started with (the editor's own, which may differ from a terminal's). Only files on disk are checked,
      in the project Compose loads them with; \`$$\` is a literal dollar.`,
    why: `A variable without a value becomes an empty string: \`image: "nginx:\${TAG}"\` turns into \`nginx:\`, a
      port mapping into \`:80\`, a password into nothing. Compose only prints a warning, easy to miss among its
      output, and the container starts with a broken setting. Giving the variable a value in \`.env\`, or a
      default in the file (\`\${TAG:-1.27}\`), makes the result explicit; \`\${VAR:?message}\` makes Compose stop with
      the message instead.`,
    bad: [
      {
        caption: 'No value and no default',
        code: `services:
  web:
    image: "nginx:\${NGINX_VERSION}"
`,
        files: {},
        expect: [{ messageId: 'missing', line: 3, column: 19, text: '${NGINX_VERSION}' }],
      },
      {
        caption: 'A required variable',
        code: `services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD: "\${DB_PASSWORD:?set DB_PASSWORD in .env}"
`,
        files: {},
        expect: [{ messageId: 'required', line: 5, column: 27, text: '${DB_PASSWORD:?set DB_PASSWORD in .env}' }],
      },
    ],
    good: [
      {
        caption: 'A value from .env, a default, and a literal dollar',
        code: `services:
  web:
    image: "nginx:\${NGINX_VERSION}"
    ports:
      - "\${WEB_PORT:-8080}:80"
    command: ["sh", "-c", "echo $$HOME"]
`,
        files: { '.env': 'NGINX_VERSION=1.27\n' },
      },
    ],
  },
  check(_model, report, context) {
    const project = context.composeProject?.();
    if (!project) return;
    const folder = path.dirname(project.file);
    let examples: { name: string; text: string }[] | null = null;
    /** The example env file beside the compose file that lists the variable, if any. */
    const exampleListing = (name: string): string | null => {
      examples ??= EXAMPLE_ENV_FILES.flatMap((file) => {
        const text = context.readFile?.(path.join(folder, file));
        return typeof text === 'string' ? [{ name: file, text }] : [];
      });
      const assignment = new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=`, 'm');
      return examples.find((e) => assignment.test(e.text))?.name ?? null;
    };
    const seen = new Set<string>();
    for (const variable of project.variables) {
      if (variable.unresolved === null) continue;
      const key = `${variable.name}@${variable.range.start.line}:${variable.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (variable.unresolved === 'required') {
        report({
          messageId: 'required',
          data: {
            name: variable.name,
            message: variable.message ?? `required variable ${variable.name} is missing a value`,
          },
          range: variable.range,
        });
        continue;
      }
      const example = exampleListing(variable.name);
      report({
        messageId: example ? 'documented' : 'missing',
        data: { name: variable.name, example: example ?? '' },
        range: variable.range,
        milder: true,
      });
    }
  },
});
