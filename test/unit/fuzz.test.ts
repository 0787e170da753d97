/**
 * Seeded fuzz test (CI mode): a few thousand mutated fixtures must lint
 * without exceptions or rule crashes, with findings inside the document,
 * each within 2 s, and the safe fixes of a sample must stay sound. The long
 * run is `npm run test:fuzz -- --count N --seed S` (see test/support/fuzz.ts).
 */
import * as assert from 'assert';
import * as path from 'path';
import { fuzz } from '../support/fuzz';

const root = path.resolve(__dirname, '../../..');

describe('fuzzing the linter (seeded)', () => {
  it('2,000 mutated Dockerfiles and compose files: no crash, ranges inside, time bound, sound safe fixes', function () {
    this.timeout(300000);
    const report = fuzz(root, { count: 2000, seed: 20261122, timeLimitMs: 2000, soundnessEvery: 20 });
    console.log(
      `      fuzz: ${report.inputs} inputs in ${(report.totalMs / 1000).toFixed(1)} s, safe fixes of ${report.soundnessChecked} checked (${report.safeFixesChecked}), slowest ${report.slowest.ms} ms (${report.slowest.name}, ${report.slowest.length} chars)`,
    );
    assert.deepStrictEqual(report.problems, []);
    assert.strictEqual(report.inputs, 2000);
  });
});
