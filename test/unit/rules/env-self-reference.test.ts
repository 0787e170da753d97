import * as assert from 'assert';
import { flaggedBy, appliedProposalsOf, fixedBy } from '../../support/lint';

const RULE = 'env-self-reference';

describe(RULE, () => {
  it('splits before each variable that uses one set earlier on the line', () => {
    const text = 'FROM alpine:3.20\n\tENV A=/opt B=$A/bin C=${B}/x D=1\nUSER nobody\n';
    assert.strictEqual(
      fixedBy(RULE, text),
      'FROM alpine:3.20\n\tENV A=/opt\n\tENV B=$A/bin\n\tENV C=${B}/x D=1\nUSER nobody\n',
    );
    assert.strictEqual(
      fixedBy(RULE, 'FROM alpine:3.20\r\nENV A=1 B="$A"\r\nUSER nobody\r\n'),
      'FROM alpine:3.20\r\nENV A=1\r\nENV B="$A"\r\nUSER nobody\r\n',
    );
  });
  it('refuses continued lines and a use of a variable set further right', () => {
    assert.deepStrictEqual(appliedProposalsOf(RULE, 'FROM alpine:3.20\nENV A=1 \\\n    B=$A\nUSER nobody\n'), []);
    assert.deepStrictEqual(appliedProposalsOf(RULE, 'FROM alpine:3.20\nENV B=$A A=1\nUSER nobody\n'), []);
  });
  it('flags the reference, braced or bare', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nENV A=/opt B=$A/bin C="${A:-x}"\n', { force: true }), [
      '$A',
      '${A:-x}',
    ]);
  });
  it('flags a use before the definition in the same ENV too', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nENV B=$A A=1\n', { force: true }), ['$A']);
  });
  it('accepts self-extension, earlier definitions, longer names, single quotes and escapes', () => {
    const text =
      "FROM alpine:3.20\nARG V=1\nENV A=/opt\nENV PATH=/x:$PATH Q=1 V=2 W=$V A=/new D=$A\nENV N=1 M=$NX O='$N' P=\\$N\n";
    assert.deepStrictEqual(flaggedBy(RULE, text, { force: true }), []);
  });
  it('handles continuation lines', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nENV A=/opt \\\n    B=$A/bin\n', { force: true }), ['$A']);
  });
});
