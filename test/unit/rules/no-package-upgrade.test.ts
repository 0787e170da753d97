import * as assert from 'assert';
import { flaggedBy, fixedBy, lintText } from '../../support/lint';

const RULE = 'no-package-upgrade';
const debian = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;

describe(RULE, () => {
  it('removes the upgrade from a leading-&& chain with CRLF', () => {
    const text =
      'FROM debian:12-slim\r\nRUN apt-get update \\\r\n    && apt-get upgrade -y \\\r\n    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \\\r\n    && rm -rf /var/lib/apt/lists/*\r\nUSER nobody\r\n';
    assert.strictEqual(
      fixedBy(RULE, text),
      'FROM debian:12-slim\r\nRUN apt-get update \\\r\n    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \\\r\n    && rm -rf /var/lib/apt/lists/*\r\nUSER nobody\r\n',
    );
  });
  it('removes a leading upgrade and its &&', () => {
    assert.strictEqual(
      fixedBy(
        RULE,
        'FROM alpine:3.20\nRUN apk upgrade --no-cache && \\\n\tapk add --no-cache curl=8.9.1-r0\nUSER nobody\n',
      ),
      'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\nUSER nobody\n',
    );
  });
  it('offers nothing when the upgrade is alone, piped, after ||, or all the update was for', () => {
    for (const run of [
      'apk upgrade --no-cache',
      'apt-get update && apt-get upgrade -y',
      'apt-get update; apt-get upgrade -y',
      'true || apt-get upgrade -y && apt-get install -y curl',
      'apt-get upgrade -y | tee /log',
    ]) {
      const finding = lintText(`FROM debian:12-slim\nRUN ${run}\nUSER nobody\n`).findings.find(
        (f) => f.rule.id === RULE,
      );
      assert.ok(finding, run);
      assert.strictEqual(finding.fixes, undefined, run);
    }
  });
  it('flags whole-system upgrades of every manager', () => {
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        debian('RUN apt-get update && apt-get -y dist-upgrade && apt full-upgrade -y && rm -rf /var/lib/apt/lists/*'),
      ),
      ['dist-upgrade', 'full-upgrade'],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM fedora:40\nRUN dnf -y upgrade && yum update -y && microdnf update\nUSER nobody\n'),
      ['upgrade', 'update', 'update'],
    );
  });
  it('accepts upgrades of named packages', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM fedora:40\nRUN dnf -y upgrade openssl && apk upgrade "$PKG"\nUSER nobody\n'),
      [],
    );
  });
});
