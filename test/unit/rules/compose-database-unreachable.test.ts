import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'compose-database-unreachable';

describe(RULE, () => {
  const stack = (api: string, db: string) =>
    `services:\n  api:\n    image: example/api:1\n${api}  db:\n    image: postgres:16\n${db}`;
  it('flags a dependent or a connection string when no network is shared', () => {
    assert.deepStrictEqual(flaggedBy(RULE, stack('    depends_on: [db]\n', '    networks: [back]\n')), ['db']);
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        stack('    environment:\n      - DB=postgresql://u@db/app\n    networks: [front]\n', '    networks: [back]\n'),
      ),
      ['DB=postgresql://u@db/app'],
    );
    assert.deepStrictEqual(flaggedBy(RULE, stack('    environment: {DB_HOST: db}\n', '    networks: {back: {}}\n')), [
      'db',
    ]);
  });
  it('is silent when a network is shared, with network_mode, or when the host is only a substring', () => {
    assert.deepStrictEqual(flaggedBy(RULE, stack('    depends_on: [db]\n', '')), []);
    assert.deepStrictEqual(
      flaggedBy(RULE, stack('    depends_on: [db]\n    networks: [back, front]\n', '    networks: [back]\n')),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, stack('    depends_on: [db]\n    network_mode: host\n', '    networks: [back]\n')),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, stack('    environment: {URL: "http://mydb:80", NAME: db}\n', '    networks: [back]\n')),
      [],
    );
  });
});
