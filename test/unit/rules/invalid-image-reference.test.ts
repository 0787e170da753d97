/** invalid-image-reference: FROM images and COPY --from values that the reference grammar refuses. */
import * as assert from 'assert';
import { findingsOf } from '../../support/lint';

const found = (text: string) => findingsOf('invalid-image-reference', text).map((f) => `${f.text}: ${f.message}`);

describe('invalid-image-reference', () => {
  it('reports an empty tag, a bad tag, upper-case repositories and bad digests at their place', () => {
    assert.deepStrictEqual(found('FROM alpine:\n'), [
      'alpine:: "alpine:" is not a valid image reference: the tag after ":" is empty.',
    ]);
    assert.deepStrictEqual(found('FROM alpine:-x\n'), [
      '-x: "alpine:-x" is not a valid image reference: "-x" is not a valid tag (letters, digits, "_", "." and "-", not starting with "." or "-").',
    ]);
    assert.deepStrictEqual(found('FROM library/Alpine\n'), [
      'Alpine: "library/Alpine" is not a valid image reference: repository names must be lower-case.',
    ]);
    assert.deepStrictEqual(found('FROM alpine@sha256:abcd\n'), [
      '@sha256:abcd: "alpine@sha256:abcd" is not a valid image reference: "@sha256:abcd" is not a digest (write @sha256: and 64 hexadecimal digits).',
    ]);
    assert.deepStrictEqual(found(`FROM alpine@sha256:${'a'.repeat(40)}\n`), [
      `${'a'.repeat(40)}: "alpine@sha256:${'a'.repeat(40)}" is not a valid image reference: a sha256 digest has 64 hexadecimal digits, not 40.`,
    ]);
  });
  it('accepts registries with ports, upper-case hosts, digests, stage names and scratch', () => {
    assert.deepStrictEqual(
      found(`FROM Registry.Example.com:5000/team/app:1.0@sha256:${'0'.repeat(64)} AS base\nFROM BASE\nFROM scratch\n`),
      [],
    );
  });
  it('does not judge references that use a declared ARG, and reports those that are always empty', () => {
    assert.deepStrictEqual(found('ARG TAG\nFROM alpine:${TAG}\n'), []);
    assert.deepStrictEqual(found('FROM ${IMAGE}\n'), [
      '${IMAGE}: "${IMAGE}" is always empty here (IMAGE not declared by an ARG before the first FROM): BuildKit stops with "base name should not be blank".',
    ]);
    assert.deepStrictEqual(found('FROM ${IMAGE:-alpine:3.20}\n'), []);
  });
  it('reports a COPY --from that is neither a stage nor an image reference', () => {
    assert.deepStrictEqual(
      found(
        'FROM alpine:3.20 AS Build\nFROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=0 /a /b\nCOPY --from=My_Image /a /c\n',
      ),
      [
        'My_Image: --from=My_Image is neither a build stage nor a valid image reference: repository names must be lower-case.',
      ],
    );
  });
});
