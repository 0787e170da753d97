/** expose-valid-port: EXPOSE values that are not ports (hadolint DL3011). */
import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const findings = (text: string, rule: string) => reportsOf(rule, text);

describe('expose-valid-port', () => {
  it("does not also report host mappings (expose-invalid-format's)", () => {
    assert.deepStrictEqual(findings('FROM nginx:1.27\nEXPOSE 8080:80\nUSER nginx\n', 'expose-valid-port'), []);
  });
  it('accepts a bare trailing slash (tcp) and any case of the protocol, as BuildKit does', () => {
    assert.deepStrictEqual(
      findings('FROM nginx:1.27\nEXPOSE 8080/ 9000-9001/ 53/UDP 80/Sctp\nUSER nginx\n', 'expose-valid-port'),
      [],
    );
  });
  it('reports a protocol BuildKit rejects: everything after the first slash is the protocol', () => {
    assert.deepStrictEqual(
      findings('FROM nginx:1.27\nEXPOSE 8080/tcp/x 8081/http\nUSER nginx\n', 'expose-valid-port'),
      [
        {
          text: '8080/tcp/x',
          message:
            '"8080/tcp/x": "tcp/x" is not a protocol, and BuildKit stops the build ("invalid proto"): write /tcp, /udp or /sctp after the port.',
        },
        {
          text: '8081/http',
          message:
            '"8081/http": "http" is not a protocol, and BuildKit stops the build ("invalid proto"): write /tcp, /udp or /sctp after the port.',
        },
      ],
    );
  });
  it('reports ports above 65535 and words', () => {
    assert.deepStrictEqual(
      findings('FROM nginx:1.27\nEXPOSE 70000/ http\nUSER nginx\n', 'expose-valid-port').map((f) => f.message),
      [
        'Port 70000 is outside the valid range 0–65535.',
        '"http" is not a port: write a number (8080), a range (8000-8010), optionally with /tcp, /udp or /sctp.',
      ],
    );
  });
  it('reads values with colons as BuildKit does: the IP address, the host port, ranges of the same size', () => {
    const text =
      'FROM nginx:1.27\nEXPOSE 8080::8089 1.2.3:80 x:80 8080-8081:8082-8084/udp 8080-8081:8082-8083/udpy\nUSER nginx\n';
    assert.deepStrictEqual(findings(text, 'expose-valid-port'), [
      { text: '8080::8089', message: '"8080::8089": "8080" is not an IP address, and BuildKit stops the build.' },
      {
        text: '1.2.3:80',
        message: '"1.2.3:80": the host port "1.2.3" is not a port or port range, and BuildKit stops the build.',
      },
      { text: 'x:80', message: '"x:80": the host port "x" is not a port or port range, and BuildKit stops the build.' },
      {
        text: '8080-8081:8082-8084/udp',
        message:
          '"8080-8081:8082-8084/udp": the host range 8080-8081 and the container range 8082-8084 differ in size, and BuildKit stops the build.',
      },
      {
        text: '8080-8081:8082-8083/udpy',
        message:
          '"8080-8081:8082-8083/udpy": "udpy" is not a protocol (tcp, udp or sctp), and BuildKit stops the build.',
      },
    ]);
    // Valid mappings (expose-invalid-format warns about them), IPv6 addresses and a host range for one port.
    assert.deepStrictEqual(
      findings(
        'FROM nginx:1.27\nEXPOSE 127.0.0.1:8080:80 [::1]:8080:80 ::1:8080:80 8000-8010:80 :80\nUSER nginx\n',
        'expose-valid-port',
      ),
      [],
    );
  });
  it('removes escapes and reads only the first two parts of a range, as BuildKit does', () => {
    assert.deepStrictEqual(
      findings('FROM nginx:1.27\nEXPOSE 80\\80 8000-8010-1\nUSER nginx\n', 'expose-valid-port'),
      [],
    );
    assert.deepStrictEqual(
      findings('FROM nginx:1.27\nEXPOSE \\a -8000 8000- 9000-8000\nUSER nginx\n', 'expose-valid-port').map(
        (f) => f.text,
      ),
      ['\\a', '-8000', '8000-', '9000-8000'],
    );
  });
  it("judges values built from the stage's ENV, and not those that depend on an ARG or the base image", () => {
    const text =
      'FROM nginx:1.27\nENV PORT=http PORTS="80 4430000" OK=8080\nEXPOSE $PORT ${PORTS} $OK ${OK}/udp\nUSER nginx\n';
    assert.deepStrictEqual(findings(text, 'expose-valid-port'), [
      {
        text: '$PORT',
        message:
          '"$PORT" becomes "http" with the ENV values set above it: "http" is not a port or port range, and BuildKit stops the build.',
      },
      {
        text: '${PORTS}',
        message:
          '"${PORTS}" becomes "4430000" with the ENV values set above it: 4430000 is beyond the highest port, 65535, and BuildKit stops the build.',
      },
    ]);
    assert.deepStrictEqual(
      findings(
        'FROM nginx:1.27\nARG PORT=http\nENV FROM_ARG=$PORT\nEXPOSE $PORT $FROM_ARG $UNSET\nUSER nginx\n',
        'expose-valid-port',
      ),
      [],
    );
  });
});
