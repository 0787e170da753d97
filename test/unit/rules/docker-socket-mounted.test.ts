import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'docker-socket-mounted';
const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe(RULE, () => {
  it('finds the Docker socket in short and long volumes, not in look-alikes', () => {
    const rule = RULE;
    assert.deepStrictEqual(flaggedBy(rule, svc('    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n')), [
      '/var/run/docker.sock:/var/run/docker.sock',
    ]);
    assert.deepStrictEqual(flaggedBy(rule, svc('    volumes:\n      - "/run/docker.sock:/tmp/d.sock:ro"\n')), [
      '"/run/docker.sock:/tmp/d.sock:ro"',
    ]);
    assert.deepStrictEqual(
      flaggedBy(rule, svc('    volumes:\n      - ${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock\n')).length,
      1,
    );
    assert.deepStrictEqual(flaggedBy(rule, svc('    volumes:\n      - /var/run:/host-run\n')).length, 1);
    assert.deepStrictEqual(
      flaggedBy(
        rule,
        svc('    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /docker.sock\n'),
      ),
      ['/var/run/docker.sock'],
    );
    assert.deepStrictEqual(
      flaggedBy(
        rule,
        svc(
          '    volumes:\n      - ./docker.sock.d:/etc/d\n      - /var/run/app:/run/app\n      - ${SOCK}:/var/run/docker.sock\n',
        ),
      ),
      [],
    );
  });
});
