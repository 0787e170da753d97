import * as assert from 'assert';
import { findingsOf, fixedBy } from '../../support/lint';

const RULE = 'legacy-key-value-format';

describe(RULE, () => {
  it('quotes values with blanks and keeps quoted single words as they are', () => {
    assert.strictEqual(
      fixedBy(RULE, 'FROM alpine:3.20\nENV GREETING hello   world $USER\nUSER nobody\n'),
      'FROM alpine:3.20\nENV GREETING="hello   world $USER"\nUSER nobody\n',
    );
    assert.strictEqual(
      fixedBy(RULE, 'FROM alpine:3.20\nENV GREETING "hello world"\nUSER nobody\n'),
      'FROM alpine:3.20\nENV GREETING="hello world"\nUSER nobody\n',
    );
  });
  it('offers no fix when quoting could change the value', () => {
    assert.strictEqual(fixedBy(RULE, 'FROM alpine:3.20\nENV GREETING "hello" world\nUSER nobody\n'), null);
  });
  it('does not flag the key=value form', () => {
    assert.deepStrictEqual(findingsOf(RULE, 'FROM alpine:3.20\nENV A=1 B="2 3"\nLABEL a=b\nUSER nobody\n'), []);
  });
  it('is information: the legacy form builds the same image', () => {
    const text = 'FROM alpine:3.20\nENV LANG C.UTF-8\nENV KEYS abc def\nUSER nobody\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text).map((f) => [f.text, f.severity]),
      [
        ['LANG C.UTF-8', 'info'],
        ['KEYS abc def', 'info'],
      ],
    );
  });
});
