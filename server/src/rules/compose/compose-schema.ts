import { TextEdit } from 'vscode-languageserver-types';
import { composeSchemaIssues } from '../../compose/validate';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'compose-schema',
  title: 'The file follows the Compose Specification',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'dclint', id: 'invalid-schema' }],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    unknownKey: 'Unknown key `{key}` {where}{hint}.',
    unknownKeySuggest: 'Unknown key `{key}` {where}: did you mean `{suggestion}`?',
    unknownKeyList: 'Unknown key `{key}` {where}: expected {allowed}.',
    invalidName: '`{name}` is not a valid {kind} name: {expected}.',
    wrongType: '{subject} must be {expected}, not {actual}.',
    enumValue: '{subject} must be {allowed}, not `{value}`.',
    enumValueSuggest: '{subject} must be {allowed}, not `{value}`: did you mean `{suggestion}`?',
    pattern: '{subject} must be {expected}, not `{value}`.',
    required: '{subject} is missing the required key `{key}`.',
    limit: '{subject} must be {comparison} {limit}, not {value}.',
    duplicate: '{subject} lists `{value}` more than once.',
    ambiguous: '{subject} matches more than one of the forms Compose allows.',
    other: '{subject}: {detail}.',
    tooLarge: 'Not checked against the Compose schema: {detail}.',
    legacyV1:
      'This file is in the Compose file format v1, with its services at the top level (`{key}`…) and no `services:` key: Docker Compose v2 rejects the whole file, as `{key}` is no top-level key of the Compose Specification. Move the services under a top-level `services:` key.',
  },
  docs: {
    flags: `Anything the Compose Specification's JSON schema rejects: unknown keys (with the closest known
      key), values of the wrong type, values outside a fixed list, missing required keys, invalid names. Values
      taken from the environment (\`\${VAR}\`, \`$VAR\`) are never reported, since their final value is unknown;
      values tagged \`!reset\` are dropped by Compose and not checked. Each YAML document of the file is checked
      on its own. A file in the legacy Compose file format v1 (services at the top level, with neither
      \`services:\` nor \`version:\`) gets one finding that says so, on its first service, rather than one per
      service.`,
    why: `Docker Compose checks the file against this schema before it does anything else and stops at the
      first error, naming it by its path (\`services.web\`) rather than its line. Seeing every error at its key
      while you type, with the key or value you most likely meant, saves those round trips, and catches mistakes
      in files that only run later, in CI or on a server.`,
    bad: [
      {
        caption: 'A misspelt key',
        code: `services:
  web:
    image: nginx:1.27
    restart: unless-stopped
    helthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
`,
        fixed: `services:
  web:
    image: nginx:1.27
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
`,
        expect: [{ messageId: 'unknownKeySuggest', line: 5, column: 5, text: 'helthcheck' }],
      },
      {
        caption: 'The Compose file format v1: services at the top level',
        code: `web:
  image: nginx:1.27
cache:
  image: memcached:1.6
`,
        expect: [{ messageId: 'legacyV1', line: 1, column: 1, text: 'web' }],
      },
      {
        caption: 'A string where Compose expects a list',
        code: `services:
  web:
    image: nginx:1.27
    ports: "8080:80"
`,
        expect: [{ messageId: 'wrongType', line: 4, column: 12, text: '"8080:80"' }],
      },
      {
        caption: 'A value outside the allowed ones',
        code: `services:
  web:
    image: example/web:1.4
    depends_on:
      db:
        condition: service_healty
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
`,
        expect: [{ messageId: 'enumValueSuggest', line: 6, column: 20, text: 'service_healty' }],
      },
    ],
    good: [
      {
        code: `x-logging: &logging
  driver: json-file
  options:
    max-size: 10m
services:
  web:
    image: nginx:\${NGINX_TAG:-1.27}
    ports:
      - "127.0.0.1:\${PORT:-8080}:80"
    cpus: \${WEB_CPUS:-0.5}
    logging: *logging
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
      interval: 30s
`,
      },
    ],
  },
  check(model, report) {
    for (const issue of composeSchemaIssues(model)) {
      const { replacement } = issue;
      report({
        messageId: issue.messageId,
        data: issue.data,
        range: issue.range,
        fixes:
          replacement === undefined
            ? undefined
            : () => [
                {
                  title: `Change to \`${replacement}\``,
                  safe: false,
                  edits: [TextEdit.replace(issue.range, replacement)],
                },
              ],
      });
    }
  },
});
