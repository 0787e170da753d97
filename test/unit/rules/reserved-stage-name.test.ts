import * as assert from 'assert';
import { reportsOf, appliedProposalsOf, fixedBy } from '../../support/lint';

const RULE = 'reserved-stage-name';

describe(RULE, () => {
  it('flags scratch and context in any case, not other names', () => {
    assert.strictEqual(reportsOf(RULE, 'FROM alpine:3.20 AS Context\nUSER nobody\n').length, 1);
    assert.strictEqual(reportsOf(RULE, 'FROM alpine:3.20 AS scratchpad\nUSER nobody\n').length, 0);
  });
  it('renames the stage and every reference, avoiding names already taken', () => {
    const text = [
      'FROM alpine:3.20 AS scratch-stage',
      'FROM alpine:3.20 AS Context',
      'RUN echo hi > /hello',
      'FROM context',
      'RUN --mount=type=bind,from=context,target=/ctx cat /ctx/hello',
      'FROM alpine:3.20',
      'COPY --from=CONTEXT /hello /hello',
      'USER nobody',
      '',
    ].join('\n');
    const [fix] = appliedProposalsOf(RULE, text, { settings: { rules: { 'stage-name-casing': 'off' } } });
    assert.strictEqual(fix.result, text.replace(/\bcontext\b(?!-)/gi, 'context-stage'));
    assert.strictEqual(fix.safe, false);
  });
  it('renames a later FROM scratch that means the stage, but not an image after a new stage of that name', () => {
    const text = 'FROM alpine:3.20 AS scratch\nRUN echo hi > /hello\nFROM scratch\nUSER nobody\n';
    assert.strictEqual(
      fixedBy(RULE, text),
      'FROM alpine:3.20 AS scratch-stage\nRUN echo hi > /hello\nFROM scratch-stage\nUSER nobody\n',
    );
  });
});
