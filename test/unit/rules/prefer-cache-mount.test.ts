import * as assert from 'assert';
import { flaggedBy, appliedProposalsOf, fixedBy } from '../../support/lint';

const RULE = 'prefer-cache-mount';

describe(RULE, () => {
  it('flags rm -r of package caches, flags in any order', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM python:3.12\nRUN pip install flask && rm -rf /root/.cache/pip\n'), [
      '/root/.cache/pip',
    ]);
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM node:20\nRUN npm ci && rm -fr ~/.npm\n'), ['~/.npm']);
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM maven:3\nRUN mvn package && rm --recursive --force /root/.m2/repository\n'),
      ['/root/.m2/repository'],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM debian:12\nRUN apt-get clean && rm -r -f /var/cache/apt/archives/*\n'),
      ['/var/cache/apt/archives/*'],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM golang:1.22\nRUN <<EOF\ngo build ./...\nrm -rf /root/.cache/go-build\nEOF\n'),
      ['/root/.cache/go-build'],
    );
  });
  it('leaves apt lists, other paths, non-recursive rm and variables alone', () => {
    for (const command of [
      'rm -rf /var/lib/apt/lists/*',
      'rm -rf /tmp/build',
      'rm /root/.npm/log.txt',
      'rm -rf "$HOME/.cache/pip"',
      'rm -f /root/.npmrc',
    ]) {
      assert.deepStrictEqual(flaggedBy(RULE, `FROM alpine:3.20\nRUN ${command}\n`), [], command);
    }
  });
  it('is quiet when the RUN already mounts a cache there or above', () => {
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install flask && rm -rf /root/.cache/pip\n',
      ),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip/ pip install flask && rm -rf /root/.cache/pip\n',
      ),
      [],
    );
  });
  it('adds the mount and removes the rm from a continued chain', () => {
    const text = 'FROM node:20-alpine\nRUN npm ci \\\n\t&& rm -rf /root/.npm\nUSER node\n';
    const [fix] = appliedProposalsOf(RULE, text);
    assert.strictEqual(fix.result, 'FROM node:20-alpine\nRUN --mount=type=cache,target=/root/.npm npm ci\nUSER node\n');
    assert.strictEqual(fix.safe, false);
  });
  it('removes only the cache path when rm removes other things too, and locks the apt cache', () => {
    const text =
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* /var/cache/apt\nUSER nobody\n';
    assert.strictEqual(
      fixedBy(RULE, text),
      'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
    );
  });
  it('refuses a RUN that only deletes the cache, and a non-root home', () => {
    assert.deepStrictEqual(
      appliedProposalsOf(RULE, 'FROM python:3.12-slim\nRUN rm -rf /root/.cache/pip\nUSER nobody\n'),
      [],
    );
    assert.deepStrictEqual(
      appliedProposalsOf(
        RULE,
        'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 && rm -rf /home/app/.cache/pip\nUSER nobody\n',
      ),
      [],
    );
  });
});
