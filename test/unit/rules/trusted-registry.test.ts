import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'trusted-registry';

describe(RULE, () => {
  const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });
  it('reports nothing when no registry list is set', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM evil.example/x:1\n', { force: true }), []);
  });
  it('treats images without a registry as Docker Hub', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\n', { force: true, settings: trusted('corp.example') }), [
      'alpine:3.20',
    ]);
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\n', { force: true, settings: trusted('docker.io') }), []);
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\n', { force: true, settings: trusted('hub.docker.com') }),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM docker.io/library/alpine:3.20\n', { force: true, settings: trusted('docker.io') }),
      [],
    );
  });
  it('supports prefix and suffix wildcards', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM eu.registry.corp.example/base:1\n', { force: true, settings: trusted('*.corp.example') }),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM registry.corp.example:5000/base:1\n', {
        force: true,
        settings: trusted('registry.corp.*'),
      }),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM ghcr.io/base:1\n', { force: true, settings: trusted('*.corp.example') }),
      ['ghcr.io/base:1'],
    );
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM ghcr.io/base:1\n', { force: true, settings: trusted('*') }), []);
  });
  it('skips scratch, stages and unresolved variables; resolves ARG defaults', () => {
    const text = 'ARG BASE=ghcr.io/x/y:1\nARG OTHER\nFROM scratch AS s\nFROM s\nFROM ${OTHER}\nFROM ${BASE}\n';
    assert.deepStrictEqual(flaggedBy(RULE, text, { force: true, settings: trusted('corp.example') }), ['${BASE}']);
  });
  it('checks COPY --from and RUN --mount from= images, but not stages', () => {
    const text =
      'FROM corp.example/base:1 AS build\nFROM corp.example/base:1\nCOPY --from=build /a /a\nCOPY --from=busybox:1.36 /bin/busybox /bin/\nRUN --mount=type=bind,from=ghcr.io/acme/tools:1,target=/t true\nRUN --mount=type=cache,target=/root/.cache true\nRUN --mount=from=build,target=/b true\nCOPY --from=0 /c /c\n';
    assert.deepStrictEqual(flaggedBy(RULE, text, { force: true, settings: trusted('corp.example') }), [
      'busybox:1.36',
      'ghcr.io/acme/tools:1',
    ]);
  });
});
