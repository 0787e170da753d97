import * as assert from 'assert';
import { findingsOf, fixedBy, flaggedBy, lintText } from '../../support/lint';

const RULE = 'pin-image-tag';
const flagged = (text: string) => flaggedBy(RULE, text);
const fixed = (text: string) => fixedBy(RULE, text);

describe(RULE, () => {
  it('pins image tags, skipping digests, variables and built images', () => {
    const text =
      'services:\n  a:\n    image: "postgres"\n  b:\n    image: ghcr.io/org/tool:edge\n  c:\n    image: localhost:5000/app\n  d:\n    image: redis@sha256:abc\n  e:\n    image: ${IMAGE}\n  f:\n    build: ./f\n    image: example/f\n    pull_policy: build\n';
    assert.deepStrictEqual(flagged(text), ['"postgres"', 'ghcr.io/org/tool:edge', 'localhost:5000/app']);
    assert.strictEqual(
      fixed('services:\n  a:\n    image: "postgres"\n'),
      'services:\n  a:\n    image: "postgres:16"\n',
    );
    assert.strictEqual(
      fixed('services:\n  a:\n    image: docker.io/library/nginx:latest\n'),
      'services:\n  a:\n    image: docker.io/library/nginx:1.27\n',
    );
    assert.strictEqual(fixed('services:\n  a:\n    image: example/unknown\n'), null);
  });

  it('reports an image that several services share once, naming them, and its fix pins them all', () => {
    const text =
      'services:\n  web:\n    image: nginx\n  proxy:\n    image: nginx\n  api:\n    image: nginx:latest\n  cache:\n    image: redis\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text).map((f) => [f.text, f.message]),
      [
        [
          'nginx',
          'Image "nginx" of services "web" and "proxy" has no tag, so it means "nginx:latest": pin a version such as "nginx:<version>".',
        ],
        ['nginx:latest', 'Tag "latest" of image "nginx:latest" moves to each new release: pin a version instead.'],
        [
          'redis',
          'Image "redis" of service "cache" has no tag, so it means "redis:latest": pin a version such as "redis:<version>".',
        ],
      ],
    );
    assert.strictEqual(
      fixed(text),
      'services:\n  web:\n    image: nginx:1.27\n  proxy:\n    image: nginx:1.27\n  api:\n    image: nginx:latest\n  cache:\n    image: redis\n',
    );
    const shared = lintText(text, 'dockercompose').findings.find((f) => f.rule.id === RULE)!.fixes!()[0];
    assert.strictEqual(shared.snippet, undefined, 'a snippet fills one place only');
    assert.strictEqual(shared.safe, false);
  });

  it('offers the snippet to choose a tag when one service uses the image', () => {
    const [proposal] = lintText('services:\n  cache:\n    image: redis\n', 'dockercompose').findings.find(
      (f) => f.rule.id === RULE,
    )!.fixes!();
    assert.ok(proposal.snippet?.startsWith(':${1|'));
  });
});
