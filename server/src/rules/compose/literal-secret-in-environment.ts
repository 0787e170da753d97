import { isMap, isSeq } from 'yaml';
import { TextEdit } from 'vscode-languageserver-types';
import { contentStart, EnvironmentVariable, environmentVariables, findingRange } from '../../compose/entries';
import { appendToMap, appendToSeq, indentStep, Insertion, insertionEdits, lineEnding } from '../../compose/insertions';
import { ComposeModel, ComposeService, isInterpolated } from '../../compose/model';
import { defineComposeRule, FixProposal } from '../types';

/**
 * Moves the value out of the file into a Compose secret read from the host's
 * environment: `NAME_FILE=/run/secrets/name` for the service (the `_FILE`
 * convention of the official database images), the secret granted to the
 * service, and a top-level `secrets:` entry sourced from `$NAME`.
 */
function secretFix(model: ComposeModel, service: ComposeService, variable: EnvironmentVariable): FixProposal | null {
  const name = variable.name;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !service.map) return null;
  const secret = name.toLowerCase();
  if (model.definitions('secrets').some((d) => d.name === secret)) return null;
  const file = `/run/secrets/${secret}`;
  const edits: TextEdit[] = [];
  if (variable.syntax === 'list') {
    const start = contentStart(model, variable.node);
    if (start === null || !variable.valueSpan) return null;
    edits.push(TextEdit.replace(model.rangeOf(start, variable.valueSpan.end), `${name}_FILE=${file}`));
  } else {
    const key = variable.node.range;
    if (!key || !variable.valueSpan || model.text.slice(key[0], key[1]) !== name) return null;
    edits.push(TextEdit.replace(model.rangeOf(key[0], key[1]), `${name}_FILE`));
    edits.push(TextEdit.replace(model.rangeOf(variable.valueSpan.start, variable.valueSpan.end), file));
  }
  const insertions: (Insertion | null)[] = [];
  const granted = service.entries.get('secrets');
  if (granted && !granted.merged && isSeq(granted.value)) insertions.push(appendToSeq(model, granted.value, secret));
  else if (!granted) insertions.push(appendToMap(model, service.map, ['secrets:', `  - ${secret}`]));
  else return null;
  const top = model.topLevelPair('secrets');
  const topValue = top ? model.resolve(top.value) : null;
  if (top && isMap(topValue) && topValue.items.length > 0) {
    insertions.push(appendToMap(model, topValue, [`${secret}:`, `  environment: ${name}`]));
  } else if (!top && model.root?.range && !model.root.flow) {
    const nl = lineEnding(model);
    const step = ' '.repeat(indentStep(model));
    const end = model.root.range[1];
    const lead = model.text[end - 1] === '\n' ? '' : nl;
    insertions.push({
      offset: end,
      text: `${lead}secrets:${nl}${step}${secret}:${nl}${step}${step}environment: ${name}${nl}`,
    });
  } else {
    return null;
  }
  if (insertions.some((i) => i === null)) return null;
  return {
    title: `Move ${name} into a Compose secret (${name}_FILE=${file}; the image must read *_FILE variables, as the official database images do)`,
    safe: false,
    edits: [...edits, ...insertionEdits(model, insertions as Insertion[])],
  };
}

/** Names that hold a credential by convention (upper-cased; `_FILE` variants hold a path and are exempt). */
const CREDENTIAL_PARTS = [
  'PASSWORD',
  'PASSPHRASE',
  'PASSWD',
  'SECRET',
  'TOKEN',
  'API_KEY',
  'APIKEY',
  'PRIVATE_KEY',
  'ACCESS_KEY',
  'ENCRYPTION_KEY',
  'CREDENTIAL',
];
const CREDENTIAL_SUFFIXES = ['_PASS', '_PWD'];
/** Switches such as MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD take yes/no, not a credential. */
const SWITCH_PARTS = ['ALLOW_EMPTY_', 'RANDOM_', '_LENGTH', '_EXPIRY', '_EXPIRES', '_TTL', '_MIN_', '_MAX_'];
/**
 * An absolute path such as `/run/secrets/db_password`: where the program reads the secret
 * from (the `*_FILE` convention without the suffix), not the secret itself.
 */
function isFilePath(value: string): boolean {
  return /^\/[^\s]*$/.test(value) && value.length > 1;
}

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
    literal:
      'Environment variable "{name}" of service "{service}" holds a literal secret: keep it out of the file with a `secrets:` entry (or at least `${{name}}` from an untracked `.env`).',
  },
  docs: {
    flags: `A service environment variable whose name says it holds a credential (\`PASSWORD\`, \`SECRET\`,
      \`TOKEN\`, \`API_KEY\`, \`ACCESS_KEY\`, \`PRIVATE_KEY\`, \`*_PASS\`, \`*_PWD\`…) with a literal value, in the list (\`-
      KEY=value\`) or the map syntax. Interpolated values (\`\${DB_PASSWORD}\`), empty values, \`*_FILE\` variables
      and values that are absolute paths such as \`/run/secrets/db_password\` (where the program reads the secret
      from) and yes/no switches such as \`MYSQL_RANDOM_ROOT_PASSWORD\` are not flagged. The first quick fix
      replaces the value with \`\${NAME:?…}\`, so it must come from the shell or an untracked \`.env\` file; the
      second moves it into a Compose secret sourced from the host's \`$NAME\` and points the service at
      \`NAME_FILE=/run/secrets/name\`, which images that follow the \`_FILE\` convention (the official postgres,
      mysql, mariadb and mongo images) read.`,
    why: `A compose file is committed and shared, so a password in it is readable by everyone with the
      repository, forever (it stays in the history). Environment variables are also visible to anyone who can
      run \`docker inspect\` and to every process in the container. Compose \`secrets:\` mount the value as a file
      under \`/run/secrets/\` instead; many official images read \`*_FILE\` variables for exactly this
      (\`POSTGRES_PASSWORD_FILE: /run/secrets/db_password\`).`,
    bad: [
      {
        code: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: hunter2
`,
        fixed: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
`,
        expect: [{ messageId: 'literal', line: 5, column: 7, text: 'POSTGRES_PASSWORD' }],
      },
      {
        caption: 'List syntax',
        code: `services:
  app:
    image: example/app:1.0
    environment:
      - API_TOKEN=abc123
`,
        expect: [{ messageId: 'literal', line: 5, column: 9, text: 'API_TOKEN=abc123' }],
      },
    ],
    good: [
      {
        caption: "A Compose secret, read through the image's *_FILE convention",
        code: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:
secrets:
  db_password:
    file: ./db_password.txt
`,
      },
      {
        caption: 'Interpolated from the environment or an untracked .env',
        code: `services:
  app:
    image: example/app:1.0
    environment:
      - API_TOKEN=\${API_TOKEN}
      - MYSQL_RANDOM_ROOT_PASSWORD=yes
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('environment');
      if (!entry) continue;
      for (const variable of environmentVariables(model, service)) {
        const value = variable.value?.trim() ?? '';
        if (
          value === '' ||
          isInterpolated(value) ||
          SWITCH_VALUES.has(value.toLowerCase()) ||
          isFilePath(value) ||
          !isCredentialName(variable.name)
        )
          continue;
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
              ? () => {
                  const fixes: FixProposal[] = [
                    {
                      title: `Take ${name} from the environment or an untracked .env file`,
                      safe: false,
                      edits: [{ range: model.rangeOf(span.start, span.end), newText: replacement }],
                    },
                  ];
                  const moved = secretFix(model, service, variable);
                  if (moved) fixes.push(moved);
                  return fixes;
                }
              : undefined,
        });
      }
    }
  },
});
