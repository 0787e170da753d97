/** expose-invalid-format: IP addresses and host ports in EXPOSE (BuildKit's ExposeInvalidFormat). */
import * as assert from 'assert';
import { reportsOf, fixedBy } from '../../support/lint';

const findings = (text: string, rule: string) => reportsOf(rule, text);

const firstFix = (text: string, rule: string) => fixedBy(rule, text);

describe('expose-invalid-format', () => {
  it('keeps the container port, IPv6 included, and leaves variables alone', () => {
    assert.strictEqual(
      firstFix('FROM nginx:1.27\nEXPOSE [::1]:8080:80/udp\nUSER nginx\n', 'expose-invalid-format'),
      'FROM nginx:1.27\nEXPOSE 80/udp\nUSER nginx\n',
    );
    assert.deepStrictEqual(
      findings('FROM nginx:1.27\nARG P=80\nEXPOSE ${P}\nUSER nginx\n', 'expose-invalid-format'),
      [],
    );
  });
  it('keeps a container port with a bare trailing slash', () => {
    assert.strictEqual(
      firstFix('FROM nginx:1.27\nEXPOSE 8080:80/\nUSER nginx\n', 'expose-invalid-format'),
      'FROM nginx:1.27\nEXPOSE 80/\nUSER nginx\n',
    );
  });
});
