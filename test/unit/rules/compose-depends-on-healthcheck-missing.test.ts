/** compose-depends-on-healthcheck-missing: `condition: service_healthy` on a service that never becomes healthy. */
import * as assert from 'assert';
import { fakeDisk, findingsOf, fixedBy, flaggedBy } from '../../support/lint';

describe('compose-depends-on-healthcheck-missing', () => {
  const rule = 'compose-depends-on-healthcheck-missing';
  const healthy = (target: string) =>
    `services:\n  web:\n    image: example/web:1\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n${target}`;
  it('flags an official image without healthcheck (error), a disabled one, and others milder', () => {
    assert.deepStrictEqual(
      findingsOf(rule, healthy('    image: postgres:16\n')).map((f) => [f.text, f.severity]),
      [['db', 'error']],
    );
    assert.match(
      findingsOf(rule, healthy('    image: postgres:16\n    healthcheck:\n      disable: true\n'))[0].message,
      /disabled/,
    );
    assert.deepStrictEqual(
      findingsOf(rule, healthy('    image: ghcr.io/acme/db:1\n')).map((f) => f.severity),
      ['warning'],
    );
  });
  it('reports an optional dependency (required: false) one level milder: Compose warns and starts the service anyway', () => {
    const optional = (target: string) =>
      healthy(target).replace('condition: service_healthy\n', 'condition: service_healthy\n        required: false\n');
    const [none] = findingsOf(rule, optional('    image: postgres:16\n'));
    assert.deepStrictEqual([none.text, none.severity], ['db', 'warning']);
    assert.strictEqual(
      none.message,
      'The service "db" has no healthcheck, so it never becomes healthy: as the dependency is not required, Compose warns and starts "web" without waiting for it. Add a healthcheck to "db", or wait with condition: service_started.',
    );
    assert.deepStrictEqual(
      findingsOf(rule, optional('    image: postgres:16\n    healthcheck:\n      disable: true\n')).map((f) => [
        f.severity,
        /disabled.*not required/.test(f.message),
      ]),
      [['warning', true]],
    );
    assert.deepStrictEqual(
      findingsOf(rule, optional('    image: ghcr.io/acme/db:1\n')).map((f) => [
        f.severity,
        /not required/.test(f.message),
      ]),
      [['warning', true]],
    );
    // YAML 1.2 writes false as False too; required: true is the default.
    assert.deepStrictEqual(
      findingsOf(
        rule,
        healthy('    image: postgres:16\n').replace('service_healthy\n', 'service_healthy\n        required: False\n'),
      ).map((f) => f.severity),
      ['warning'],
    );
    assert.deepStrictEqual(
      findingsOf(
        rule,
        healthy('    image: postgres:16\n').replace('service_healthy\n', 'service_healthy\n        required: true\n'),
      ).map((f) => f.severity),
      ['error'],
    );
    assert.match(fixedBy(rule, optional('    image: postgres:16\n'))!, /pg_isready/);
  });
  it('accepts a healthcheck of its own, merged, or inherited through extends; ignores service_started', () => {
    assert.deepStrictEqual(
      flaggedBy(rule, healthy('    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n')),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(
        rule,
        'x-h: &h\n  healthcheck: {test: ["CMD", "true"]}\n' + healthy('    <<: *h\n    image: postgres:16\n'),
      ),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(
        rule,
        healthy('    extends: base\n  base:\n    image: postgres:16\n    healthcheck: {test: ["CMD", "pg_isready"]}\n'),
      ),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(rule, healthy('    image: postgres:16\n').replace('service_healthy', 'service_started')),
      [],
    );
  });
  it('reads the Dockerfile of a built target for a HEALTHCHECK, and says nothing when it cannot', () => {
    const text = healthy('    build: ./db\n');
    assert.deepStrictEqual(flaggedBy(rule, text), []);
    assert.deepStrictEqual(
      flaggedBy(rule, text, {
        environment: fakeDisk({ 'db/Dockerfile': 'FROM postgres:16\nHEALTHCHECK CMD pg_isready\n' }),
      }),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(rule, text, { environment: fakeDisk({ 'db/Dockerfile': 'FROM postgres:16\n' }) }),
      ['db'],
    );
  });
  it('adds a healthcheck to the target for known images, keeping the indentation and CRLF', () => {
    const text =
      'services:\r\n    web:\r\n        image: example/web:1\r\n        depends_on:\r\n            db:\r\n                condition: service_healthy\r\n    db:\r\n        image: mariadb:11.4';
    const fixed = fixedBy(rule, text)!;
    assert.strictEqual(
      fixed,
      text +
        '\r\n        healthcheck:\r\n            test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]\r\n            interval: 10s\r\n            timeout: 5s\r\n            retries: 5\r\n            start_period: 30s\r\n',
    );
    assert.strictEqual(fixedBy(rule, healthy('    image: example/db:1\n')), null);
  });
});
