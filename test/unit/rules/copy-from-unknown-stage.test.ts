/** copy-from-unknown-stage: COPY --from must name an earlier stage (hadolint DL3022), and have a value at all. */
import * as assert from 'assert';
import { applyEdits, findingsOf, flaggedBy, lintText } from '../../support/lint';

describe('copy-from-unknown-stage (DL3022)', () => {
  const rule = 'copy-from-unknown-stage';
  it('flags an unknown name and suggests the closest stage as an unsafe fix', () => {
    const text = 'FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --chown=1:1 --from=buidler /app /app\n';
    const [finding] = findingsOf(rule, text, { force: true });
    assert.strictEqual(finding.messageId, 'typo');
    const [fix] = finding.fixes!();
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(applyEdits(text, fix.edits), text.replace('buidler', 'builder'));
  });
  it('has no suggestion for a name far from every stage', () => {
    const [finding] = findingsOf(rule, 'FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=nginx /a /a\n', {
      force: true,
    });
    assert.strictEqual(finding.messageId, 'unknown');
    assert.strictEqual(finding.fixes, undefined);
  });
  it('accepts earlier stages by name (any case) and by index', () => {
    assert.deepStrictEqual(
      flaggedBy(rule, 'FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\n', {
        force: true,
      }),
      [],
    );
  });
  it('accepts images written with a tag, digest or path, and variables', () => {
    const text =
      'FROM alpine:3.20\nCOPY --from=nginx:1.27 /a /a\nCOPY --from=ghcr.io/acme/tools /b /b\nCOPY --from=busybox@sha256:abc /c /c\nCOPY --from=$TOOLS /d /d\n';
    assert.deepStrictEqual(flaggedBy(rule, text, { force: true }), []);
  });
  it('flags a stage defined later and an index that is not earlier', () => {
    const text =
      'FROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=1 /b /b\nCOPY --from=7 /c /c\nFROM golang:1.22 AS build\n';
    assert.deepStrictEqual(
      findingsOf(rule, text, { force: true }).map((f) => f.messageId),
      ['later', 'later', 'index'],
    );
  });
  it('leaves the own stage to copy-from-own-stage', () => {
    assert.deepStrictEqual(flaggedBy(rule, 'FROM alpine:3.20 AS app\nCOPY --from=app /a /b\n', { force: true }), []);
  });
  it('reports --from without a value at the flag, not the destination, and offers to join the next word', () => {
    const text =
      'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from build /out/app /usr/local/bin/app\nUSER nobody\n';
    const found = findingsOf(rule, text, { force: true });
    assert.deepStrictEqual(
      found.map((f) => [f.messageId, flaggedBy(rule, text, { force: true })[0]]),
      [['noValue', '--from']],
    );
    assert.strictEqual(
      found[0].message,
      '--from has no value, so BuildKit stops with "missing a value on flag: --from" (the word after it is not read as its value): write --from=<stage>.',
    );
    const [fix] = found[0].fixes!();
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(applyEdits(text, fix.edits), text.replace('--from build', '--from=build'));
    // The destination is not blamed.
    assert.deepStrictEqual(
      lintText(text).findings.filter((f) => f.rule.id === 'copy-multiple-sources-dir'),
      [],
    );
  });
  it('offers no join when nothing would be left to copy', () => {
    const [finding] = findingsOf(rule, 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from build /app\n', {
      force: true,
    });
    assert.strictEqual(finding.messageId, 'noValue');
    assert.strictEqual(finding.fixes, undefined);
  });
});
