import * as assert from 'assert';
import { applyEdits, fixedBy, flaggedBy, lintText, ruleIds } from '../../support/lint';

const RULE = 'literal-secret-in-environment';
const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;
const flagged = (text: string) => flaggedBy(RULE, text);
const fixed = (text: string) => fixedBy(RULE, text);

describe(RULE, () => {
  it('literal credentials in list and map environments, but not interpolated, empty or switch values', () => {
    const text = svc(
      '    environment:\n      - DB_PASSWORD=hunter2\n      - API_TOKEN=${TOKEN}\n      - GITHUB_TOKEN=\n      - MYSQL_RANDOM_ROOT_PASSWORD=yes\n      - POSTGRES_PASSWORD_FILE=/run/secrets/pw\n      - SMTP_PASS=abc\n      - PASSWORDLESS=1\n      - PRICE=$$5\n',
    );
    assert.deepStrictEqual(flagged(text), ['DB_PASSWORD=hunter2', 'SMTP_PASS=abc']);
    const map = svc(
      '    environment:\n      AWS_SECRET_ACCESS_KEY: "AKIA123"\n      JWT_SECRET: $${literal}\n      SECRET_FILE: /run/secrets/x\n      TOKEN_TTL: 3600\n',
    );
    assert.deepStrictEqual(flagged(map), ['AWS_SECRET_ACCESS_KEY', 'JWT_SECRET']);
    assert.strictEqual(
      fixed(map),
      svc(
        '    environment:\n      AWS_SECRET_ACCESS_KEY: "${AWS_SECRET_ACCESS_KEY:?set AWS_SECRET_ACCESS_KEY}"\n      JWT_SECRET: $${literal}\n      SECRET_FILE: /run/secrets/x\n      TOKEN_TTL: 3600\n',
      ),
    );
    assert.strictEqual(
      fixed(svc('    environment:\n      - DB_PASSWORD=hunter2 # old\n')),
      svc('    environment:\n      - DB_PASSWORD=${DB_PASSWORD:?set DB_PASSWORD} # old\n'),
    );
  });
  it('leaves absolute paths alone: the file the program reads the secret from', () => {
    assert.deepStrictEqual(
      flagged(
        svc('    environment:\n      - DATABASE_PASSWORD=/run/secrets/db-password\n      - API_TOKEN=/etc/app/token\n'),
      ),
      [],
    );
    assert.deepStrictEqual(
      flagged(svc('    environment:\n      DB_PASSWORD: /\n      ADMIN_PASSWORD: "/ with spaces"\n')),
      ['DB_PASSWORD', 'ADMIN_PASSWORD'],
    );
  });
});

describe(`${RULE}: move into a Compose secret`, () => {
  const move = (text: string) => {
    const finding = lintText(text, 'dockercompose').findings.find(
      (f) => f.rule.id === 'literal-secret-in-environment',
    )!;
    const proposal = finding.fixes!().find((p) => p.title.startsWith('Move '))!;
    return applyEdits(text, proposal.edits);
  };

  it('map syntax: NAME_FILE for the service, the secret granted, and a top-level secret from $NAME', () => {
    const fixed = move(
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
    );
    assert.strictEqual(
      fixed,
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets:\n      - postgres_password\nsecrets:\n  postgres_password:\n    environment: POSTGRES_PASSWORD\n',
    );
    assert.ok(!ruleIds(lintText(fixed, 'dockercompose')).includes('literal-secret-in-environment'));
    assert.ok(
      !ruleIds(lintText(fixed, 'dockercompose')).includes('compose-schema'),
      'the result follows the Compose Specification',
    );
  });

  it('list syntax, an existing secrets list and top-level section', () => {
    const fixed = move(
      'services:\n  db:\n    image: mysql:8.4\n    environment:\n      - MYSQL_ROOT_PASSWORD=hunter2\n    secrets:\n      - other\nsecrets:\n  other:\n    file: ./other.txt\n',
    );
    assert.strictEqual(
      fixed,
      'services:\n  db:\n    image: mysql:8.4\n    environment:\n      - MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root_password\n    secrets:\n      - other\n      - mysql_root_password\nsecrets:\n  other:\n    file: ./other.txt\n  mysql_root_password:\n    environment: MYSQL_ROOT_PASSWORD\n',
    );
  });
});
