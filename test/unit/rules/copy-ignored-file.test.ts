import * as assert from 'assert';
import { findingsOf, flaggedBy, withDockerignore } from '../../support/lint';

const RULE = 'copy-ignored-file';

describe(RULE, () => {
  const copy = (source: string, ignore: string) =>
    flaggedBy(RULE, `FROM alpine:3.20\nCOPY ${source} /dest/\n`, { environment: withDockerignore(ignore) });
  it('flags literal sources the .dockerignore excludes, and names the line', () => {
    assert.deepStrictEqual(copy('config.yaml', '*.yaml\n'), ['config.yaml']);
    assert.deepStrictEqual(copy('./tmp/a.txt', '*/a.txt\ntmp\n'), ['./tmp/a.txt']);
    assert.deepStrictEqual(copy('/docs/readme.md', '# comment\n\n  docs/  \n'), ['/docs/readme.md']);
    const [finding] = findingsOf(RULE, 'FROM alpine:3.20\nCOPY secrets /s\n', {
      environment: withDockerignore('.git\n\nsecrets\n'),
    });
    assert.match(finding.message, /line 3 of \.dockerignore \("secrets"\)/);
  });
  it('follows Docker semantics: root-anchored patterns, exceptions, last match wins, case', () => {
    assert.deepStrictEqual(copy('src/config.yaml', '*.yaml\n'), []);
    assert.deepStrictEqual(copy('config.yaml', '*.yaml\n!config.yaml\n'), []);
    assert.deepStrictEqual(copy('config.yaml', '!config.yaml\n*.yaml\n'), ['config.yaml']);
    assert.deepStrictEqual(copy('Config.yaml', 'config.yaml\n'), []);
  });
  it('does not judge wildcards, variables, other stages or folders an exception may partly re-include', () => {
    assert.deepStrictEqual(copy('*.yaml', '*.yaml\n'), []);
    assert.deepStrictEqual(copy('$CONFIG', '*.yaml\n'), []);
    assert.deepStrictEqual(copy('site', 'site\n!site/index.html\n'), []);
    assert.deepStrictEqual(copy('site', 'site\n!**/*.html\n'), []);
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b secrets /s\n', {
        environment: withDockerignore('secrets\n'),
      }),
      [],
    );
  });
  it('needs a known .dockerignore', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY secrets /s\n', { environment: withDockerignore(null) }),
      [],
    );
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nCOPY secrets /s\n'), []);
  });
});
