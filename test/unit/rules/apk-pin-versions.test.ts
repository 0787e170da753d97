import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const findings = (dockerfile: string) => reportsOf('apk-pin-versions', dockerfile, { settings: { preset: 'strict' } });

const alpine = (run: string) => `FROM alpine:3.20\n${run}\nUSER nobody\n`;

describe('apk-pin-versions', () => {
  it('skips the --virtual name and repositories, and flags the rest', () => {
    assert.deepStrictEqual(
      findings(
        alpine(
          'RUN apk add --no-cache --virtual .build-deps -X https://dl-cdn.alpinelinux.org/alpine/edge/testing gcc make=4.4.1-r2 musl-dev~1.2 "$EXTRA" local.apk',
        ),
      ).map((f) => f.text),
      ['gcc'],
    );
    assert.deepStrictEqual(
      findings(alpine('RUN apk --no-cache -t .deps add curl')).map((f) => f.text),
      ['curl'],
    );
  });
  it('reports once per command, naming the unpinned packages', () => {
    assert.deepStrictEqual(findings(alpine('RUN apk add --no-cache curl git=2.45.2-r0 jq')), [
      {
        text: 'curl git=2.45.2-r0 jq',
        message:
          '"apk add" leaves 2 packages unpinned ("curl" and "jq"): pin each one ("curl=<version>", or "curl~<version>" to allow patch releases).',
      },
    ]);
    assert.deepStrictEqual(
      findings(alpine('RUN apk add --no-cache curl')).map((f) => f.message),
      ['"apk add" leaves "curl" unpinned: pin it as "curl=<version>" (or "curl~<version>" to allow patch releases).'],
    );
  });
});
