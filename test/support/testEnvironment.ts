/**
 * Loaded by mocha before the unit and protocol tests (.mocharc.json): the programs they start keep their
 * code cache (server/src/util/codeCache.ts) in a temporary folder, removed at the end, not in the user's.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

if (!process.env.DOCKER_COACH_CACHE_DIR) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-test-cache-'));
  process.env.DOCKER_COACH_CACHE_DIR = folder;
  process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}
