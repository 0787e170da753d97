import * as assert from 'assert';
import { flaggedBy, lintText, applyEdits } from '../../support/lint';

const RULE = 'yarn-cache-clean';

describe(RULE, () => {
  const node = (run: string) =>
    `FROM node:20.14-alpine3.20\nWORKDIR /app\nCOPY package.json yarn.lock ./\n${run}\nUSER node\n`;
  it('flags yarn, yarn install, yarn add and yarn global add without a clean', () => {
    for (const run of [
      'RUN yarn --frozen-lockfile',
      'RUN yarn install',
      'RUN yarn add left-pad@1.3.0',
      'RUN yarn global add serve@14.2.3',
    ]) {
      assert.strictEqual(flaggedBy(RULE, node(run)).length, 1, run);
    }
  });
  it('accepts a clean, an rm of the cache, a cache mount and Yarn 2+ flags', () => {
    const ok = [
      'RUN yarn install --frozen-lockfile && yarn cache clean --all',
      'RUN yarn install && rm -rf /usr/local/share/.cache/yarn',
      'RUN --mount=type=cache,target=/root/.yarn yarn install',
      'RUN yarn install --immutable',
      'RUN yarn --version && yarn build',
    ];
    for (const run of ok) assert.deepStrictEqual(flaggedBy(RULE, node(run)), [], run);
  });
  it('does not flag builder stages that are only copied from', () => {
    const text =
      'FROM node:20.14-alpine3.20 AS build\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nFROM node:20.14-alpine3.20\nCOPY --from=build /app/node_modules /app/node_modules\nUSER node\n';
    assert.deepStrictEqual(flaggedBy(RULE, text), []);
  });
  it('offers an unsafe fix after the last yarn command of the && chain, and none when the chain continues with ||', () => {
    const text = node('RUN yarn install --frozen-lockfile && yarn build && echo done');
    const finding = lintText(text).findings.find((f) => f.rule.id === RULE)!;
    const [fix] = finding.fixes!();
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(
      applyEdits(text, fix.edits),
      node('RUN yarn install --frozen-lockfile && yarn build && yarn cache clean && echo done'),
    );
    const or = lintText(node('RUN yarn install || echo failed')).findings.find((f) => f.rule.id === RULE)!;
    assert.deepStrictEqual(or.fixes!(), []);
    const piped = lintText(node('RUN yarn install | tee /tmp/log')).findings.find((f) => f.rule.id === RULE)!;
    assert.deepStrictEqual(piped.fixes!(), []);
  });
});
