import * as assert from 'assert';
import { reportsOf, fixedBy } from '../../support/lint';

const RULE = 'consistent-instruction-casing';

describe(RULE, () => {
  it('follows the majority and breaks ties toward upper case', () => {
    assert.deepStrictEqual(
      reportsOf(RULE, 'from alpine:3.20\nrun true\nUSER nobody\n').map((f) => f.text),
      ['USER'],
    );
    assert.deepStrictEqual(
      reportsOf(RULE, 'from alpine:3.20\nUSER nobody\n').map((f) => f.text),
      ['from'],
    );
  });
  it('does not count lines that are not instructions (a forgotten backslash)', () => {
    assert.deepStrictEqual(reportsOf(RULE, 'FROM alpine:3.20\nRUN true\n&& a\n&& b\n&& c\nUSER nobody\n'), []);
  });
  it('recases AS with FROM', () => {
    assert.strictEqual(
      fixedBy(RULE, 'from alpine:3.20\nFROM alpine:3.20 AS base\nrun true\nuser nobody\n'),
      'from alpine:3.20\nfrom alpine:3.20 as base\nrun true\nuser nobody\n',
    );
  });
  it('always flags mixed-case keywords', () => {
    assert.deepStrictEqual(
      reportsOf(RULE, 'FROM alpine:3.20\nUser nobody\n').map((f) => f.text),
      ['User'],
    );
  });
});
