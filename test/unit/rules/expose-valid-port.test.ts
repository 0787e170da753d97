/** expose-valid-port: EXPOSE values that are not ports (hadolint DL3011). */
import * as assert from 'assert';
import { lintText } from '../../support/lint';

/** The findings of one rule: message and the text its range covers. */
function findings(text: string, rule: string): { message: string; text: string }[] {
  const result = lintText(text, 'dockerfile');
  return result.findings
    .filter((f) => f.rule.id === rule)
    .map((f) => ({ message: f.message, text: result.document.getText(f.range) }));
}

describe('expose-valid-port', () => {
  it('does not also report host mappings (expose-invalid-format\'s)', () => {
    assert.deepStrictEqual(findings('FROM nginx:1.27\nEXPOSE 8080:80\nUSER nginx\n', 'expose-valid-port'), []);
  });
  it('accepts a bare trailing slash (tcp) and any case of the protocol, as BuildKit does', () => {
    assert.deepStrictEqual(findings('FROM nginx:1.27\nEXPOSE 8080/ 9000-9001/ 53/UDP 80/Sctp\nUSER nginx\n', 'expose-valid-port'), []);
  });
  it('reports a protocol BuildKit rejects: everything after the first slash is the protocol', () => {
    assert.deepStrictEqual(findings('FROM nginx:1.27\nEXPOSE 8080/tcp/x 8081/http\nUSER nginx\n', 'expose-valid-port'), [
      { text: '8080/tcp/x', message: '"8080/tcp/x": "tcp/x" is not a protocol, and BuildKit stops the build ("invalid proto"): write /tcp, /udp or /sctp after the port.' },
      { text: '8081/http', message: '"8081/http": "http" is not a protocol, and BuildKit stops the build ("invalid proto"): write /tcp, /udp or /sctp after the port.' },
    ]);
  });
  it('reports ports above 65535 and words', () => {
    assert.deepStrictEqual(findings('FROM nginx:1.27\nEXPOSE 70000/ http\nUSER nginx\n', 'expose-valid-port').map((f) => f.message), [
      'Port 70000 is outside the valid range 0–65535.',
      '"http" is not a port: write a number (8080), a range (8000-8010), optionally with /tcp, /udp or /sctp.',
    ]);
  });
});
