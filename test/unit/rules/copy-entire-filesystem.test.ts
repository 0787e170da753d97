import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'copy-entire-filesystem';
const flagged = (text: string) => flaggedBy(RULE, text);

describe(RULE, () => {
  it('flags COPY --from=<stage> / / when the stage is built on an official image, quoted or not', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a "/" /\n'), ['"/"']);
    // Through a chain of stages, and straight from an official image.
    assert.deepStrictEqual(
      flagged(
        'FROM golang:1.23 AS base\nFROM base AS build\nRUN go version\nFROM debian:12-slim\nCOPY --from=build / /\nCOPY --from=docker.io/library/node:22 / /\n',
      ),
      ['/', '/'],
    );
  });
  it('accepts a narrower source or destination, and COPY without --from', () => {
    assert.deepStrictEqual(
      flagged('FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a / /rootfs/\nCOPY --from=a /app /\nCOPY / /\n'),
      [],
    );
  });
  it("accepts the root of an artifact stage or another publisher's image, whose / is what the copy wants", () => {
    const text = [
      'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6 AS xx',
      'FROM golang:1.23 AS build',
      'RUN go build -o /out/tool .',
      'FROM scratch AS binaries',
      'COPY --from=build /out/ /',
      'FROM alpine:3.20',
      'COPY --from=xx / /',
      'COPY --from=binaries / /',
      'COPY --from=docker/buildx-bin:0.17 / /',
      'COPY --from=$TOOLS / /',
      'USER nobody',
      '',
    ].join('\n');
    assert.deepStrictEqual(flagged(text), []);
  });
});
