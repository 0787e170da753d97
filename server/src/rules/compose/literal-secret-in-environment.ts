import { environmentVariables, findingRange } from '../../compose/entries';
import { isInterpolated } from '../../compose/model';
import { defineComposeRule } from '../types';

/** Names that hold a credential by convention (upper-cased; `_FILE` variants hold a path and are exempt). */
const CREDENTIAL_PARTS = ['PASSWORD', 'PASSPHRASE', 'PASSWD', 'SECRET', 'TOKEN', 'API_KEY', 'APIKEY', 'PRIVATE_KEY', 'ACCESS_KEY', 'ENCRYPTION_KEY', 'CREDENTIAL'];
const CREDENTIAL_SUFFIXES = ['_PASS', '_PWD'];
/** Switches such as MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD take yes/no, not a credential. */
const SWITCH_PARTS = ['ALLOW_EMPTY_', 'RANDOM_', '_LENGTH', '_EXPIRY', '_EXPIRES', '_TTL', '_MIN_', '_MAX_'];
const SWITCH_VALUES = new Set(['yes', 'no', 'true', 'false', 'on', 'off', '0', '1']);

export function isCredentialName(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.endsWith('_FILE') || upper.endsWith('_PATH') || SWITCH_PARTS.some((p) => upper.includes(p))) return false;
  return CREDENTIAL_PARTS.some((p) => upper.includes(p)) || CREDENTIAL_SUFFIXES.some((s) => upper.endsWith(s));
}

export default defineComposeRule({
  id: 'literal-secret-in-environment',
  title: 'Do not write secrets into the compose file',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [{ tool: 'compose-lint', id: 'CL-0020' }],
  lesson: 'configuration-and-secrets',
  fix: 'unsafe',
  messages: {
    literal: 'Environment variable "{name}" of service "{service}" holds a literal secret: keep it out of the file with a `secrets:` entry (or at least `${{name}}` from an untracked `.env`).',
  },
  docs: {
    flags: 'A service environment variable whose name says it holds a credential (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`, `*_PASS`, `*_PWD`…) with a literal value, in the list (`- KEY=value`) or the map syntax. Interpolated values (`${DB_PASSWORD}`), empty values, `*_FILE` variables (a path to a secret) and yes/no switches such as `MYSQL_RANDOM_ROOT_PASSWORD` are not flagged. The quick fix replaces the value with `${NAME:?…}`, so it must come from the shell or an untracked `.env` file.',
    why: 'A compose file is committed and shared, so a password in it is readable by everyone with the repository, forever (it stays in the history). Environment variables are also visible to anyone who can run `docker inspect` and to every process in the container. Compose `secrets:` mount the value as a file under `/run/secrets/` instead; many official images read `*_FILE` variables for exactly this (`POSTGRES_PASSWORD_FILE: /run/secrets/db_password`).',
    bad: [
      {
        code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
        fixed: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}\n',
      },
      { caption: 'List syntax', code: 'services:\n  app:\n    image: example/app:1.0\n    environment:\n      - API_TOKEN=abc123\n' },
    ],
    good: [
      {
        caption: 'A Compose secret, read through the image\'s *_FILE convention',
        code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\n    volumes:\n      - db-data:/var/lib/postgresql/data\nvolumes:\n  db-data:\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
      },
      { caption: 'Interpolated from the environment or an untracked .env', code: 'services:\n  app:\n    image: example/app:1.0\n    environment:\n      - API_TOKEN=${API_TOKEN}\n      - MYSQL_RANDOM_ROOT_PASSWORD=yes\n' },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('environment');
      if (!entry) continue;
      for (const variable of environmentVariables(model, service)) {
        const value = variable.value?.trim() ?? '';
        if (value === '' || isInterpolated(value) || SWITCH_VALUES.has(value.toLowerCase()) || !isCredentialName(variable.name)) continue;
        const range = findingRange(model, service, entry, variable.node);
        if (!range) continue;
        const span = variable.valueSpan;
        const name = variable.name;
        const replacement = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `\${${name}:?set ${name}}` : null;
        report({
          messageId: 'literal',
          data: { name, service: service.name },
          range,
          fixes:
            span && replacement && !entry.merged
              ? () => [{ title: `Take ${name} from the environment or an untracked .env file`, safe: false, edits: [{ range: model.rangeOf(span.start, span.end), newText: replacement }] }]
              : undefined,
        });
      }
    }
  },
});
