import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'duplicate-published-port';

describe(RULE, () => {
  it('duplicate published ports respect host address, protocol and ranges', () => {
    const rule = RULE;
    const two = (a: string, b: string): string[] =>
      flaggedBy(
        rule,
        `services:\n  a:\n    image: example/a:1.0\n    ports:\n      - "${a}"\n  b:\n    image: example/b:1.0\n    ports:\n      - "${b}"\n`,
      );
    assert.deepStrictEqual(two('8080:80', '8080:81'), ['"8080:81"']);
    assert.deepStrictEqual(two('127.0.0.1:8080:80', '8080:80'), ['"8080:80"']);
    assert.deepStrictEqual(two('127.0.0.1:8080:80', '10.0.0.2:8080:80'), []);
    assert.deepStrictEqual(two('53:53/udp', '53:53'), []);
    assert.deepStrictEqual(two('8000-8010:8000-8010', '8005:80'), ['"8005:80"']);
    assert.deepStrictEqual(two('80', '80'), []);
    assert.deepStrictEqual(two('${P}:80', '${P}:80'), []);
    const long =
      'services:\n  a:\n    image: example/a:1.0\n    ports:\n      - "127.0.0.1:9000:9000"\n      - target: 9001\n        published: 9000\n        host_ip: 127.0.0.1\n';
    assert.deepStrictEqual(flaggedBy(rule, long), ['published: 9000']);
  });
});
