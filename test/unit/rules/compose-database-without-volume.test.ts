import * as assert from 'assert';
import { findingsOf, flaggedBy, fixedBy } from '../../support/lint';

const RULE = 'compose-database-without-volume';

describe(RULE, () => {
  it('flags known databases without a mount on the data directory; redis milder', () => {
    assert.deepStrictEqual(
      findingsOf(RULE, 'services:\n  db:\n    image: mysql:8.4\n  cache:\n    image: redis:7.4\n').map((f) => [
        f.text,
        f.severity,
      ]),
      [
        ['mysql:8.4', 'warning'],
        ['redis:7.4', 'info'],
      ],
    );
  });
  it('accepts named volumes, binds, parents of the data directory, long syntax, tmpfs and a custom PGDATA', () => {
    for (const volumes of [
      '    volumes: [pg:/var/lib/postgresql/data]\n',
      '    volumes: ["./pg:/var/lib/postgresql"]\n',
      '    volumes:\n      - type: volume\n        source: pg\n        target: /var/lib/postgresql/data/\n',
      '    tmpfs: /var/lib/postgresql/data\n',
      '    environment: {PGDATA: /pgdata}\n    volumes: [pg:/pgdata]\n',
      '    volumes: ["${DATA}:/var/lib/postgresql/data"]\n',
    ]) {
      assert.deepStrictEqual(flaggedBy(RULE, `services:\n  db:\n    image: postgres:16\n${volumes}`), [], volumes);
    }
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'services:\n  db:\n    image: postgres:16\n    environment: {PGDATA: /pgdata}\n    volumes: [pg:/var/lib/postgresql/data]\n',
      ),
      ['postgres:16'],
    );
  });
  it('adds the volume to an existing list and a new volumes section; uses /var/lib/postgresql for Postgres 18', () => {
    assert.strictEqual(
      fixedBy(
        RULE,
        'services:\n  db:\n    image: postgres:18\n    volumes:\n      - ./init:/docker-entrypoint-initdb.d\nnetworks:\n  back: {}',
      ),
      'services:\n  db:\n    image: postgres:18\n    volumes:\n      - ./init:/docker-entrypoint-initdb.d\n      - db-data:/var/lib/postgresql\nnetworks:\n  back: {}\nvolumes:\n  db-data: {}\n',
    );
    assert.strictEqual(
      fixedBy(RULE, 'services:\n  db:\n    image: mongo:7.0\nvolumes:\n  db-data: {}\n'),
      'services:\n  db:\n    image: mongo:7.0\n    volumes:\n      - db-data-2:/data/db\nvolumes:\n  db-data: {}\n  db-data-2: {}\n',
    );
  });
});
