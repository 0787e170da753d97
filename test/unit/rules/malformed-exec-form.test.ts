import * as assert from 'assert';
import { classifyArguments } from '../../../server/src/dockerfile/execForm';
import { appliedProposalsOf, findingsOf } from '../../support/lint';

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
  it('reads COPY, ADD and VOLUME lists too, after the flags, with a message about paths', () => {
    const text =
      'FROM alpine:3.20\nCOPY --chown=1000:1000 [\'app.py\', \'/app/\']\nADD ["a.tar", "/opt/",]\nVOLUME [/data, /logs]\nUSER nobody\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text).map((f) => [f.messageId, f.text]),
      [
        ['malformedPaths', "['app.py', '/app/']"],
        ['malformedPaths', '["a.tar", "/opt/",]'],
        ['malformedPaths', '[/data, /logs]'],
      ],
    );
    assert.match(
      findingsOf(RULE, text)[0].message,
      /splits it at blanks into paths, brackets and quotes included: write \["app\.py", "\/app\/"\]\.$/,
    );
    assert.deepStrictEqual(appliedProposalsOf(RULE, text)[0], {
      title: 'Rewrite as ["app.py", "/app/"]',
      safe: true,
      result: text.replace("['app.py', '/app/']", '["app.py", "/app/"]'),
    });
  });
  it('leaves path lists that are JSON, heredocs and bracket globs alone', () => {
    assert.deepStrictEqual(
      findingsOf(
        RULE,
        'FROM alpine:3.20\nCOPY ["a b.txt", "/app/"]\nCOPY [ab]*.txt /app/\nCOPY <<EOF /etc/motd\n[x, y]\nEOF\nVOLUME /data\nUSER nobody\n',
      ),
      [],
    );
  });
});
