/** compose-depends-on-healthcheck-missing: `condition: service_healthy` on a service that never becomes healthy. */
import * as assert from 'assert';
import { composeFindingsOf as findings, composeFirstFix as firstFix, composeFlagged as flagged, fakeDisk } from '../../support/lint';

describe('compose-depends-on-healthcheck-missing', () => {
  const rule = 'compose-depends-on-healthcheck-missing';
  const healthy = (target: string) => `services:\n  web:\n    image: example/web:1\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n${target}`;
  it('flags an official image without healthcheck (error), a disabled one, and others milder', () => {
    assert.deepStrictEqual(findings(healthy('    image: postgres:16\n'), rule).map((f) => [f.text, f.severity]), [['db', 'error']]);
    assert.match(findings(healthy('    image: postgres:16\n    healthcheck:\n      disable: true\n'), rule)[0].message, /disabled/);
    assert.deepStrictEqual(findings(healthy('    image: ghcr.io/acme/db:1\n'), rule).map((f) => f.severity), ['warning']);
  });
  it('reports an optional dependency (required: false) one level milder: Compose warns and starts the service anyway', () => {
    const optional = (target: string) => healthy(target).replace('condition: service_healthy\n', 'condition: service_healthy\n        required: false\n');
    const [none] = findings(optional('    image: postgres:16\n'), rule);
    assert.deepStrictEqual([none.text, none.severity], ['db', 'warning']);
    assert.strictEqual(
      none.message,
      'The service "db" has no healthcheck, so it never becomes healthy: as the dependency is not required, Compose warns and starts "web" without waiting for it. Add a healthcheck to "db", or wait with condition: service_started.',
    );
    assert.deepStrictEqual(findings(optional('    image: postgres:16\n    healthcheck:\n      disable: true\n'), rule).map((f) => [f.severity, /disabled.*not required/.test(f.message)]), [['warning', true]]);
    assert.deepStrictEqual(findings(optional('    image: ghcr.io/acme/db:1\n'), rule).map((f) => [f.severity, /not required/.test(f.message)]), [['warning', true]]);
    // YAML 1.2 writes false as False too; required: true is the default.
    assert.deepStrictEqual(findings(healthy('    image: postgres:16\n').replace('service_healthy\n', 'service_healthy\n        required: False\n'), rule).map((f) => f.severity), ['warning']);
    assert.deepStrictEqual(findings(healthy('    image: postgres:16\n').replace('service_healthy\n', 'service_healthy\n        required: true\n'), rule).map((f) => f.severity), ['error']);
    assert.match(firstFix(optional('    image: postgres:16\n'), rule)!, /pg_isready/);
  });
  it('accepts a healthcheck of its own, merged, or inherited through extends; ignores service_started', () => {
    assert.deepStrictEqual(flagged(healthy('    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n'), rule), []);
    assert.deepStrictEqual(flagged('x-h: &h\n  healthcheck: {test: ["CMD", "true"]}\n' + healthy('    <<: *h\n    image: postgres:16\n'), rule), []);
    assert.deepStrictEqual(flagged(healthy('    extends: base\n  base:\n    image: postgres:16\n    healthcheck: {test: ["CMD", "pg_isready"]}\n'), rule), []);
    assert.deepStrictEqual(flagged(healthy('    image: postgres:16\n').replace('service_healthy', 'service_started'), rule), []);
  });
  it('reads the Dockerfile of a built target for a HEALTHCHECK, and says nothing when it cannot', () => {
    const text = healthy('    build: ./db\n');
    assert.deepStrictEqual(flagged(text, rule), []);
    assert.deepStrictEqual(flagged(text, rule, fakeDisk({ 'db/Dockerfile': 'FROM postgres:16\nHEALTHCHECK CMD pg_isready\n' })), []);
    assert.deepStrictEqual(flagged(text, rule, fakeDisk({ 'db/Dockerfile': 'FROM postgres:16\n' })), ['db']);
  });
  it('adds a healthcheck to the target for known images, keeping the indentation and CRLF', () => {
    const text = 'services:\r\n    web:\r\n        image: example/web:1\r\n        depends_on:\r\n            db:\r\n                condition: service_healthy\r\n    db:\r\n        image: mariadb:11.4';
    const fixed = firstFix(text, rule)!;
    assert.strictEqual(fixed, text + '\r\n        healthcheck:\r\n            test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]\r\n            interval: 10s\r\n            timeout: 5s\r\n            retries: 5\r\n            start_period: 30s\r\n');
    assert.strictEqual(firstFix(healthy('    image: example/db:1\n'), rule), null);
  });
});
