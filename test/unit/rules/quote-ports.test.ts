/** quote-ports: port mappings that YAML 1.1 reads as base-60 numbers. */
import * as assert from 'assert';
import { sexagesimalValue } from '../../../server/src/rules/compose/quote-ports';
import { findingsOf, fixedBy, flaggedBy } from '../../support/lint';

const rule = 'quote-ports';

const findings = (text: string) => findingsOf(rule, text);

const flagged = (text: string) => flaggedBy(rule, text);

const fixed = (text: string) => fixedBy(rule, text);

const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe('quote-ports', () => {
  it('reads base-60 values as YAML 1.1 does', () => {
    assert.strictEqual(sexagesimalValue('22:22'), 1342);
    assert.strictEqual(sexagesimalValue('2222:22'), 133342);
    assert.strictEqual(sexagesimalValue('1:2:3'), 3723);
    assert.strictEqual(sexagesimalValue('22:05'), 1325);
    for (const text of [
      '80:80',
      '8080:80',
      '22:60',
      '3000:3000',
      '53:53/udp',
      '127.0.0.1:22:22',
      '1000-1010:22',
      '22',
      '22:',
      ':22',
      '22:222',
    ]) {
      assert.strictEqual(sexagesimalValue(text), null, text);
    }
  });

  it('flags only unquoted mappings YAML 1.1 misreads, with the number it reads', () => {
    const text = svc(
      '    ports:\n      - 22:22\n      - 8080:80\n      - 80:80\n      - 3000:3000\n      - 53:53/udp\n      - 127.0.0.1:22:22\n      - 9000\n      - \'53:53\'\n      - "2222:22"\n      - 6000-6010:6000-6010\n      - target: 22\n        published: 2222\n',
    );
    assert.deepStrictEqual(flagged(text), ['22:22']);
    assert.deepStrictEqual(
      findings(text).map((f) => f.message),
      [
        'Quote the port mapping "22:22": unquoted, a YAML 1.1 parser reads it as the base-60 number 1342. Docker Compose v2 reads it as written, older docker-compose 1.x and other YAML 1.1 tools do not.',
      ],
    );
    assert.strictEqual(fixed(text), text.replace('- 22:22', '- "22:22"'));
    assert.strictEqual(findings(text)[0].fixes!()[0].safe, true);
  });

  it('flow sequences are fixed in place', () => {
    assert.strictEqual(fixed(svc('    ports: [8080:80, 21:21]\n')), svc('    ports: [8080:80, "21:21"]\n'));
  });
});
