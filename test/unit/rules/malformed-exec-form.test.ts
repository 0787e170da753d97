import * as assert from 'assert';
import { classifyArguments } from '../../../server/src/dockerfile/execForm';
import { findingsOf } from '../../support/lint';

const RULE = 'malformed-exec-form';
const fixesOf = (text: string) => findingsOf(RULE, text)[0]?.fixes?.() ?? [];

describe(RULE, () => {
  it('rewrites single quotes, parentheses, bare items and a trailing comma as JSON', () => {
    assert.deepStrictEqual(classifyArguments('[\'a\', "b c"]'), {
      kind: 'malformed',
      values: ['a', 'b c'],
      reason: 'single quotes instead of double quotes',
    });
    assert.deepStrictEqual(classifyArguments('("a", "b")'), {
      kind: 'malformed',
      values: ['a', 'b'],
      reason: 'parentheses instead of square brackets',
    });
    assert.deepStrictEqual(classifyArguments('[a, b]'), {
      kind: 'malformed',
      values: ['a', 'b'],
      reason: 'items without double quotes',
    });
    assert.deepStrictEqual(classifyArguments('["a", "b",]'), {
      kind: 'malformed',
      values: ['a', 'b'],
      reason: 'a trailing comma',
    });
  });
  it('reports a string without its closing quote with no fix: a comma inside it is not a separator', () => {
    const text = 'FROM alpine:3.20\nUSER nobody\nCMD ["echo", "hello, world]\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text).map((f) => f.message),
      [
        'This is not valid JSON (a string without its closing quote), so Docker runs it in shell form as one command line: close the string where it ends, with a double quote.',
      ],
    );
    assert.deepStrictEqual(fixesOf(text), []);
  });
  it('leaves valid exec form and shell tests alone', () => {
    assert.deepStrictEqual(
      findingsOf(RULE, 'FROM alpine:3.20\nRUN [ -d /tmp ] && echo ok\nUSER nobody\nCMD ["echo", "a, b"]\n'),
      [],
    );
  });
});
