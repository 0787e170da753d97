/** invalid-stage-name: FROM … AS <name> as BuildKit's parser reads it. */
import * as assert from 'assert';
import { applyEdits, findingsOf, lintText } from '../../support/lint';

const found = (text: string) => findingsOf('invalid-stage-name', text).map((f) => `${f.text}: ${f.message}`);

describe('invalid-stage-name', () => {
  it('reports names that do not start with a letter or contain other characters', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20 AS 2nd\n'), [
      '2nd: "2nd" is not a valid stage name: it must start with a letter and contain only letters, digits, "-", "_" and ".".',
    ]);
    assert.deepStrictEqual(found('FROM alpine:3.20 AS app:dev\n'), [
      'app:dev: "app:dev" is not a valid stage name: it must start with a letter and contain only letters, digits, "-", "_" and ".".',
    ]);
    assert.deepStrictEqual(found('FROM alpine:3.20 AS Build_1.2-x\n'), []);
  });
  it('reports a misspelt AS with a fix in the keyword case', () => {
    const text = 'from alpine:3.20 sa build\n';
    const [finding] = lintText(text).findings.filter((f) => f.rule.id === 'invalid-stage-name');
    assert.strictEqual(finding.message, 'FROM expects AS between the image and the stage name, not "sa".');
    assert.strictEqual(applyEdits(text, finding.fixes!()[0].edits), 'from alpine:3.20 as build\n');
    assert.deepStrictEqual(found('FROM node A$ setup\n'), [
      'A$: FROM expects AS between the image and the stage name, not "A$".',
    ]);
  });
  it('reports an AS without a name and words too many', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20 AS\n'), ['AS: AS needs a stage name after it.']);
    assert.deepStrictEqual(found('FROM alpine:3.20 build\n'), [
      'build: FROM takes an image and an optional "AS <name>": "build" is one word too many.',
    ]);
    assert.deepStrictEqual(found('FROM alpine:3.20 AS build extra words\n'), [
      'extra words: FROM takes an image and an optional "AS <name>": "extra" is one word too many.',
    ]);
  });
  it('reads AS across continuations and comment lines', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20 \\\n# the builder\nAS build\n'), []);
  });
});
