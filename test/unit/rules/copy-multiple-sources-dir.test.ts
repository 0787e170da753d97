/** copy-multiple-sources-dir: several COPY/ADD sources need a destination folder ending in "/". */
import * as assert from 'assert';
import { lintText } from '../../support/lint';

function flagged(text: string): string[] {
  const result = lintText(text);
  return result.findings.filter((f) => f.rule.id === 'copy-multiple-sources-dir').map((f) => result.document.getText(f.range));
}

describe('copy-multiple-sources-dir', () => {
  it('flags the destination of several sources', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY a b /app\nUSER nobody\n'), ['/app']);
  });
  it('does not count the word after a valueless --from as a source (the flag is the problem)', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from build /out/app /usr/local/bin/app\nUSER nobody\n'), []);
  });
});
