/** The `.dockerignore` model: patterns read and matched as Docker does. */
import * as assert from 'assert';
import { DockerignoreModel } from '../../server/src/dockerignore/model';

describe('dockerignore model', () => {
  it('reads patterns as Docker does: trimmed, comments and blank lines skipped, ! for exceptions', () => {
    const model = new DockerignoreModel('# comment\n\n  node_modules  \r\n!keep.txt\n/build/\n');
    assert.deepStrictEqual(
      model.patterns.map((p) => [p.line, p.exception, p.text]),
      [
        [2, false, 'node_modules'],
        [3, true, 'keep.txt'],
        [4, false, '/build/'],
      ],
    );
    assert.strictEqual(model.document.getText(model.patterns[1].range), '!keep.txt');
  });
  it('matches like Docker: root-anchored names, parents, leading slash stripped, case-sensitive, last match wins', () => {
    const model = new DockerignoreModel('node_modules\n/build/\n*.md\n!README.md\n');
    assert.ok(model.ignores('node_modules/a/b.js'));
    assert.ok(!model.ignores('app/node_modules'));
    assert.ok(model.ignores('build/out.js'));
    assert.ok(model.ignores('NOTES.md') && !model.ignores('README.md') && !model.ignores('docs/x.md'));
    assert.ok(!new DockerignoreModel('Build\n').ignores('build'));
  });
});
