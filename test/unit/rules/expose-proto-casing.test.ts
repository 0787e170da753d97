/** expose-proto-casing: upper-case EXPOSE protocols (BuildKit's ExposeProtoCasing). */
import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const findings = (text: string, rule: string) => reportsOf(rule, text);

describe('expose-proto-casing', () => {
  it('flags the protocol only', () => {
    assert.deepStrictEqual(
      findings('FROM nginx:1.27\nEXPOSE 80/Udp 443/tcp\nUSER nginx\n', 'expose-proto-casing').map((f) => f.text),
      ['Udp'],
    );
  });
  it('leaves a trailing slash and a protocol with a second slash alone (not a casing matter)', () => {
    assert.deepStrictEqual(
      findings('FROM nginx:1.27\nEXPOSE 8080/ 8081/tcp/X\nUSER nginx\n', 'expose-proto-casing'),
      [],
    );
  });
});
