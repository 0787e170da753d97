import * as assert from 'assert';
import { applyEdits, lintText, proposalsOf, ruleIds } from '../../support/lint';

describe('merge-run-layers', () => {
  it('joins a chain of RUNs in one action without overlapping edits', () => {
    const text = 'FROM alpine:3.20\nRUN echo a\nRUN echo b\n\nRUN echo c\nUSER nobody\n';
    const fixes = proposalsOf('merge-run-layers', text);
    const all = fixes.find((f) => f.title.startsWith('Merge all 3'));
    assert.ok(all);
    assert.strictEqual(
      applyEdits(text, all.edits),
      'FROM alpine:3.20\nRUN echo a && \\\n    echo b && \\\n    echo c\nUSER nobody\n',
    );
  });

  it('keeps the leading-operator style of the first RUN', () => {
    const text = 'FROM alpine:3.20\nRUN echo a \\\n  && echo b\nRUN echo c\nUSER nobody\n';
    const [fix] = proposalsOf('merge-run-layers', text);
    assert.strictEqual(
      applyEdits(text, fix.edits),
      'FROM alpine:3.20\nRUN echo a \\\n  && echo b \\\n  && echo c\nUSER nobody\n',
    );
  });

  it('drops a trailing semicolon of the first RUN', () => {
    const text = 'FROM alpine:3.20\nRUN echo a;\nRUN echo b\nUSER nobody\n';
    const [fix] = proposalsOf('merge-run-layers', text);
    assert.strictEqual(applyEdits(text, fix.edits), 'FROM alpine:3.20\nRUN echo a && \\\n    echo b\nUSER nobody\n');
  });

  const refusals: [string, string][] = [
    ['a cd would move the second command', 'FROM alpine:3.20\nRUN cd /tmp\nRUN ls\nUSER nobody\n'],
    ['an export would leak', 'FROM alpine:3.20\nRUN export A=1\nRUN echo $A\nUSER nobody\n'],
    ['set -e would change failure handling', 'FROM alpine:3.20\nRUN set -e; echo a\nRUN false; echo b\nUSER nobody\n'],
    [
      'a || list in the second RUN would swallow the first failure',
      'FROM alpine:3.20\nRUN echo a\nRUN false || true\nUSER nobody\n',
    ],
    ['a ; list in the second RUN', 'FROM alpine:3.20\nRUN echo a\nRUN echo b; echo c\nUSER nobody\n'],
    ['a comment at the end of the first RUN', 'FROM alpine:3.20\nRUN echo a # note\nRUN echo b\nUSER nobody\n'],
    ['a bare assignment', 'FROM alpine:3.20\nRUN A=1\nRUN echo b\nUSER nobody\n'],
    [
      'an ignore pragma would end up inside the merged RUN',
      'FROM alpine:3.20\nRUN echo a\n# hadolint ignore=DL3018\nRUN apk add curl\nUSER nobody\n',
    ],
    [
      'an ignore pragma above the first RUN would cover the second',
      'FROM alpine:3.20\n# docker-coach ignore=apk-no-cache\n\nRUN apk add curl\nRUN echo b\nUSER nobody\n',
    ],
  ];
  for (const [why, text] of refusals) {
    it(`refuses when ${why}`, () => {
      assert.deepStrictEqual(proposalsOf('merge-run-layers', text), []);
    });
  }

  it('does not flag RUNs with different mounts, exec form or heredocs', () => {
    for (const text of [
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/x echo a\nRUN echo b\nUSER nobody\n',
      'FROM alpine:3.20\nRUN ["echo", "a"]\nRUN echo b\nUSER nobody\n',
      'FROM alpine:3.20\nRUN <<EOF\necho a\nEOF\nRUN echo b\nUSER nobody\n',
    ]) {
      assert.ok(!ruleIds(lintText(text)).includes('merge-run-layers'), text);
    }
  });

  it('shares one "merge all" fix between the findings of a chain', () => {
    const text = 'FROM alpine:3.20\nRUN echo a\nRUN echo b\nRUN echo c\nRUN echo d\nUSER nobody\n';
    const findings = lintText(text).findings.filter((f) => f.rule.id === 'merge-run-layers');
    assert.strictEqual(findings.length, 3);
    const alls = findings.map((f) => f.fixes!().find((p) => p.title === 'Merge all 4 consecutive RUN instructions'));
    assert.ok(alls[0]);
    assert.ok(alls.every((all) => all === alls[0]));
    assert.strictEqual(
      applyEdits(text, alls[0].edits),
      'FROM alpine:3.20\nRUN echo a && \\\n    echo b && \\\n    echo c && \\\n    echo d\nUSER nobody\n',
    );
    // Each finding still merges only itself into the RUN above.
    assert.strictEqual(
      applyEdits(text, findings[1].fixes!()[0].edits),
      'FROM alpine:3.20\nRUN echo a\nRUN echo b && \\\n    echo c\nRUN echo d\nUSER nobody\n',
    );
  });

  it('splits the chain where a RUN cannot be joined', () => {
    const text = 'FROM alpine:3.20\nRUN echo a\nRUN echo b\nRUN cd /tmp\nRUN echo c\nRUN echo d\nUSER nobody\n';
    const titles = lintText(text)
      .findings.filter((f) => f.rule.id === 'merge-run-layers')
      .map((f) => f.fixes!().map((p) => p.title));
    // "cd" ends the first chain (a, b, cd) and cannot be merged into: c and d form the second.
    assert.deepStrictEqual(titles, [
      ['Merge this RUN into the one above', 'Merge all 3 consecutive RUN instructions'],
      ['Merge this RUN into the one above', 'Merge all 3 consecutive RUN instructions'],
      [],
      ['Merge this RUN into the one above'],
    ]);
  });
});
