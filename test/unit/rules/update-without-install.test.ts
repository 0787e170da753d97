import * as assert from 'assert';
import { flaggedBy, appliedProposalsOf } from '../../support/lint';

const RULE = 'update-without-install';
const debian = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;

describe(RULE, () => {
  it('merges the update into the next RUN when it installs with the same manager', () => {
    const text = 'FROM alpine:3.20\r\nRUN apk update\r\nRUN apk add --no-cache curl=8.9.1-r0\r\nUSER nobody\r\n';
    const [fix] = appliedProposalsOf(RULE, text);
    assert.strictEqual(
      fix.result,
      'FROM alpine:3.20\r\nRUN apk update && \\\r\n    apk add --no-cache curl=8.9.1-r0\r\nUSER nobody\r\n',
    );
    assert.strictEqual(fix.safe, true);
  });
  it('offers nothing when the next instruction does not install with that manager', () => {
    for (const next of [
      'RUN echo done',
      'COPY a /a',
      'RUN pip install --no-cache-dir flask==3.0.3',
      'RUN --network=none apt-get install -y curl',
    ]) {
      assert.deepStrictEqual(
        appliedProposalsOf(RULE, `FROM debian:12-slim\nRUN apt-get update\n${next}\nUSER nobody\n`),
        [],
        next,
      );
    }
  });
  it('flags an update with nothing that uses the index in the same RUN', () => {
    assert.deepStrictEqual(flaggedBy(RULE, debian('RUN apt-get update -qq')), ['update']);
    assert.deepStrictEqual(flaggedBy(RULE, debian('RUN apt update && echo ok')), ['update']);
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\nRUN apk update\nUSER nobody\n'), ['update']);
  });
  it('accepts installs, upgrades, xargs and scripts in the same RUN', () => {
    const ok = [
      'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && xargs -a packages.txt apt-get install -y',
      'RUN apt-get update && ./install-deps.sh',
      'RUN apt-get update && bash /tmp/setup.sh',
      'RUN apt-get update && $INSTALL',
      'RUN apt-get update && install-packages curl',
      'RUN <<EOF\napt-get update\napt-get install -y curl=7.88.1-10+deb12u12\nrm -rf /var/lib/apt/lists/*\nEOF',
    ];
    for (const run of ok) assert.deepStrictEqual(flaggedBy(RULE, debian(run)), [], run);
  });
});
