import * as assert from 'assert';
import { flaggedBy, fixedBy, lintText } from '../../support/lint';

const RULE = 'inline-ignore-pragma';

describe(RULE, () => {
  const settings = { rules: { [RULE]: 'warning' as const } };
  it('deletes the comment line in a CRLF file and on a last line without a line break', () => {
    assert.strictEqual(
      fixedBy(RULE, 'FROM alpine:3.20\r\n\t# hadolint ignore=DL3059\r\nRUN echo one\r\nUSER nobody\r\n', {
        settings: settings,
      }),
      'FROM alpine:3.20\r\nRUN echo one\r\nUSER nobody\r\n',
    );
    assert.strictEqual(
      fixedBy(RULE, 'FROM alpine:3.20\nUSER nobody\n# docker-coach ignore=merge-run-layers', { settings: settings }),
      'FROM alpine:3.20\nUSER nobody',
    );
  });
  it('is off by default', () => {
    assert.ok(
      !lintText('FROM alpine:3.20\n# hadolint ignore=DL3007\nUSER nobody\n').findings.some((f) => f.rule.id === RULE),
    );
  });
  it("flags ours and hadolint's, line and global forms, but not other comments", () => {
    const text =
      '# docker-coach global ignore=pin-base-image\nFROM alpine\n  # hadolint ignore=DL3059\nRUN echo\n# ignore this comment\nUSER nobody\n';
    assert.deepStrictEqual(flaggedBy(RULE, text, { force: true }), [
      '# docker-coach global ignore=pin-base-image',
      '# hadolint ignore=DL3059',
    ]);
  });
  it('does not treat heredoc lines as comments', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nRUN <<EOF\n# hadolint ignore=DL3008\necho\nEOF\n', { force: true }),
      [],
    );
  });
});
