/** expose-proto-casing: upper-case EXPOSE protocols (BuildKit's ExposeProtoCasing). */
import * as assert from 'assert';
import { lintText } from '../../support/lint';

/** The findings of one rule: message and the text its range covers. */
function findings(text: string, rule: string): { message: string; text: string }[] {
  const result = lintText(text, 'dockerfile');
  return result.findings
    .filter((f) => f.rule.id === rule)
    .map((f) => ({ message: f.message, text: result.document.getText(f.range) }));
}

describe('expose-proto-casing', () => {
  it('flags the protocol only', () => {
    assert.deepStrictEqual(findings('FROM nginx:1.27\nEXPOSE 80/Udp 443/tcp\nUSER nginx\n', 'expose-proto-casing').map((f) => f.text), ['Udp']);
  });
  it('leaves a trailing slash and a protocol with a second slash alone (not a casing matter)', () => {
    assert.deepStrictEqual(findings('FROM nginx:1.27\nEXPOSE 8080/ 8081/tcp/X\nUSER nginx\n', 'expose-proto-casing'), []);
  });
});
