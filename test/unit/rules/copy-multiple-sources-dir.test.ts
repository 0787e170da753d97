/** copy-multiple-sources-dir: several COPY/ADD sources need a destination folder ending in "/". */
import * as assert from 'assert';
import { applyEdits, flaggedBy, lintText } from '../../support/lint';

const flagged = (text: string) => flaggedBy('copy-multiple-sources-dir', text);

describe('copy-multiple-sources-dir', () => {
  it('flags the destination of several sources', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY a b /app\nUSER nobody\n'), ['/app']);
  });
  it('flags the destination of the JSON form and fixes it inside the quotes', () => {
    const text =
      'FROM alpine:3.20\nCOPY --chown=1:1 ["a b.txt", "c.txt", "/srv/app"]\nADD ["x", "y", "C:\\\\tmp"]\nUSER nobody\n';
    const result = lintText(text);
    const findings = result.findings.filter((f) => f.rule.id === 'copy-multiple-sources-dir');
    assert.deepStrictEqual(
      findings.map((f) => [result.document.getText(f.range), f.message]),
      [
        [
          '"/srv/app"',
          'This COPY has several sources, so its destination "/srv/app" must be a folder written with a trailing "/".',
        ],
        [
          '"C:\\\\tmp"',
          'This ADD has several sources, so its destination "C:\\tmp" must be a folder written with a trailing "/".',
        ],
      ],
    );
    assert.strictEqual(applyEdits(text, findings[0].fixes!()[0].edits), text.replace('"/srv/app"', '"/srv/app/"'));
  });
  it('leaves JSON-form destinations that end with a slash, use a variable, or a list BuildKit reads as shell words', () => {
    assert.deepStrictEqual(
      flagged(
        'FROM alpine:3.20\nCOPY ["a", "b", "/app/"]\nCOPY ["a", "b", "$DEST"]\nCOPY ["a", "/app"]\nCOPY [\'a\', \'b\', \'/app/\']\nUSER nobody\n',
      ),
      [],
    );
  });
  it('does not count the word after a valueless --from as a source (the flag is the problem)', () => {
    assert.deepStrictEqual(
      flagged(
        'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from build /out/app /usr/local/bin/app\nUSER nobody\n',
      ),
      [],
    );
  });
});
