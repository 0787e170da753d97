import * as assert from 'assert';
import { appliedProposalsOf, flaggedBy } from '../../support/lint';

const alpine = (run: string) => `FROM alpine:3.20\n${run}\nUSER nobody\n`;
const flagged = (run: string) => flaggedBy('apk-no-cache', alpine(run));

describe('apk-no-cache', () => {
  it('flags the add word, finding it after options that take a value', () => {
    assert.deepStrictEqual(flagged('RUN apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add curl'), ['add']);
    assert.deepStrictEqual(flagged('RUN apk add --update curl'), ['add']);
  });

  it('accepts --no-cache anywhere, a cache mount, or removing the cache in the same RUN', () => {
    for (const run of [
      'RUN apk --no-cache add curl',
      'RUN --mount=type=cache,target=/var/cache/apk apk add curl',
      'RUN apk add curl && rm -rf /var/cache/apk/*',
      'RUN apk update && apk add curl && rm -rf /var/cache/apk',
    ]) {
      assert.deepStrictEqual(flagged(run), [], run);
    }
  });

  it('is not satisfied by removing something else, and ignores other subcommands', () => {
    assert.deepStrictEqual(flagged('RUN apk add curl; rm -rf /tmp/*'), ['add']);
    assert.deepStrictEqual(flagged('RUN apk info curl && apk del curl'), []);
  });

  it('adds --no-cache after add, safely', () => {
    assert.deepStrictEqual(appliedProposalsOf('apk-no-cache', alpine('RUN apk add curl')), [
      { title: 'Add --no-cache', safe: true, result: alpine('RUN apk add --no-cache curl') },
    ]);
  });
});
