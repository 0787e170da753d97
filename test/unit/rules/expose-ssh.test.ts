import * as assert from 'assert';
import { flaggedBy, fixedBy } from '../../support/lint';

const RULE = 'expose-ssh';

describe(RULE, () => {
  it('flags port 22 with or without a protocol, among other ports', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nEXPOSE 80 22/tcp 443\n'), ['22/tcp']);
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nEXPOSE 22\n'), ['22']);
  });
  it('leaves other ports, ranges and variables alone', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nEXPOSE 2222 220 20-25 ${PORT}\n'), []);
  });
  it('removes port 22 from a list, across a continuation', () => {
    assert.strictEqual(
      fixedBy(RULE, 'FROM nginx:1.27\nEXPOSE 80 22/tcp 443\nUSER nginx\n'),
      'FROM nginx:1.27\nEXPOSE 80 443\nUSER nginx\n',
    );
    assert.strictEqual(
      fixedBy(RULE, 'FROM nginx:1.27\nEXPOSE 22 \\\n\t8080\nUSER nginx\n'),
      'FROM nginx:1.27\nEXPOSE 8080\nUSER nginx\n',
    );
  });
  it('deletes the whole line in a CRLF file when 22 is the only port', () => {
    assert.strictEqual(
      fixedBy(RULE, 'FROM nginx:1.27\r\nEXPOSE 22\r\nUSER nginx\r\n'),
      'FROM nginx:1.27\r\nUSER nginx\r\n',
    );
  });
});
