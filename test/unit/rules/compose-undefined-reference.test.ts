import * as assert from 'assert';
import { findingsOf, flaggedBy, fixedBy, applyEdits } from '../../support/lint';

const RULE = 'compose-undefined-reference';

describe(RULE, () => {
  it('flags undefined networks, volumes, secrets and configs with did-you-mean', () => {
    const text =
      'services:\n  web:\n    image: nginx:1.27\n    networks: [frontend]\n    volumes: [cahe:/c]\n    secrets: [tokn]\n    configs: [{source: nginx}]\nnetworks:\n  front: {}\nvolumes:\n  cache: {}\nsecrets:\n  token: {file: ./t}\n';
    const found = findingsOf(RULE, text);
    assert.deepStrictEqual(
      found.map((f) => f.text),
      ['frontend', 'cahe', 'tokn', 'nginx'],
    );
    assert.match(found[1].message, /did you mean "cache"/);
    assert.ok(!/did you mean/.test(found[3].message));
    assert.strictEqual(found[0].severity, 'error');
  });
  it('does not flag bind mounts, anonymous volumes, the default network, interpolated names or files with include', () => {
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'services:\n  web:\n    image: nginx:1.27\n    networks: [default]\n    volumes: ["./a:/a", "/b:/b", "/c", "${V}:/v", "~/d:/d"]\n',
      ),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'include: [other.yaml]\nservices:\n  web:\n    image: nginx:1.27\n    networks: [shared]\n'),
      [],
    );
  });
  it('renames to the suggestion, or defines a missing volume (creating the section)', () => {
    assert.strictEqual(
      fixedBy(RULE, 'services:\n  a:\n    image: x:1\n    volumes:\n      - "dat:/d"\nvolumes:\n  data: {}\n'),
      'services:\n  a:\n    image: x:1\n    volumes:\n      - "data:/d"\nvolumes:\n  data: {}\n',
    );
    const [f] = findingsOf(RULE, 'services:\n  a:\n    image: x:1\n    volumes: [logs:/l]\nvolumes:\n');
    assert.strictEqual(
      applyEdits('services:\n  a:\n    image: x:1\n    volumes: [logs:/l]\nvolumes:\n', f.fixes!()[0].edits),
      'services:\n  a:\n    image: x:1\n    volumes: [logs:/l]\nvolumes:\n  logs: {}\n',
    );
  });
  it('reports a merged reference at the service, without a fix', () => {
    const text = 'x-base: &base\n  networks: [back]\nservices:\n  web:\n    <<: *base\n    image: x:1\n';
    const [f] = findingsOf(RULE, text);
    assert.strictEqual(f.text, 'web');
    assert.deepStrictEqual(
      f.fixes!().map((p) => p.title),
      [],
    );
  });
});
