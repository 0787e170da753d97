/** no-empty-continuation (BuildKit's NoEmptyContinuation). */
import * as assert from 'assert';
import { fixedBy, reportsOf, lintText } from '../../support/lint';

const findings = (text: string, rule: string) => reportsOf(rule, text);

const firstFix = (text: string, rule: string) => fixedBy(rule, text);

describe('no-empty-continuation', () => {
  it('flags blank and whitespace-only lines inside a continuation, not comments', () => {
    const text = 'FROM alpine:3.20\nRUN echo a \\\n   \n    # note\n\n    && echo b\nUSER nobody\n';
    assert.strictEqual(findings(text, 'no-empty-continuation').length, 1);
    assert.strictEqual(
      firstFix(text, 'no-empty-continuation'),
      'FROM alpine:3.20\nRUN echo a \\\n    # note\n    && echo b\nUSER nobody\n',
    );
  });
  it('ignores blank lines in heredoc bodies and between instructions', () => {
    assert.deepStrictEqual(
      findings('FROM alpine:3.20\nRUN <<EOF\necho a\n\necho b\nEOF\n\nUSER nobody\n', 'no-empty-continuation'),
      [],
    );
  });
  it('finds blank lines with CRLF line ends and tab-only lines, and none where every line has text', () => {
    for (const text of [
      'FROM alpine:3.20\r\nRUN echo a \\\r\n\r\n    && echo b\r\n',
      'FROM alpine:3.20\nRUN echo a \\\n\t\n    && echo b\n',
    ])
      assert.strictEqual(findings(text, 'no-empty-continuation').length, 1, JSON.stringify(text));
    assert.deepStrictEqual(
      findings('FROM alpine:3.20\r\nRUN echo a \\\r\n    && echo b \\\r\n    && echo c\r\n', 'no-empty-continuation'),
      [],
    );
  });
  it('uses the escape directive', () => {
    assert.strictEqual(
      findings(
        '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n\n    b\nUSER ContainerUser\n',
        'no-empty-continuation',
      ).length,
      1,
    );
  });
  it('reports once per instruction, on the line its continuation ends, as BuildKit does, naming the empty lines', () => {
    const text = 'FROM alpine:3.20\nRUN echo a \\\n\n    && echo b \\\n\n    && echo c\nUSER nobody\n';
    const result = lintText(text, 'dockerfile');
    const found = result.findings.filter((f) => f.rule.id === 'no-empty-continuation');
    assert.deepStrictEqual(
      found.map((f) => ({ line: f.range.start.line, message: f.message, text: result.document.getText(f.range) })),
      [
        {
          line: 5,
          message:
            'Empty line inside this continued instruction (lines 3, 5): remove it (Docker plans to reject this).',
          text: '&& echo c',
        },
      ],
    );
  });
  it('gives a valid range when the last line of the instruction is blanks only', () => {
    const text = 'FROM alpine:3.20\nRUN echo a \\\n\n   ';
    const result = lintText(text, 'dockerfile');
    const ranges = result.findings.filter((f) => f.rule.id === 'no-empty-continuation').map((f) => f.range);
    assert.deepStrictEqual(ranges, [{ start: { line: 3, character: 3 }, end: { line: 3, character: 3 } }]);
  });
});
