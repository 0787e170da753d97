/**
 * What the editor suites (test/editors/) share: the configuration docs/editors.md gives, the
 * `docker-coach-language-server` command those configurations name, and a headless editor run whose
 * script writes what the editor showed as JSON.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../../..');
export const SERVER = path.join(REPO, 'dist', 'server.js');
const EDITORS_DOC = path.join(REPO, 'docs', 'editors.md');

/** The first code block in `language` under the heading of docs/editors.md that starts with `heading`. */
export function documentedBlock(heading: string, language: 'lua' | 'elisp'): string {
  const doc = fs.readFileSync(EDITORS_DOC, 'utf8');
  const start = doc.indexOf(`\n${heading}`);
  assert.ok(start >= 0, `docs/editors.md has no heading "${heading}"`);
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(doc.slice(start));
  assert.ok(block, `no ${language} block under "${heading}"`);
  return block[1];
}

/**
 * A folder holding the command the configurations name, to put first on the PATH: it runs dist/server.js the
 * way the bin of the npm package does.
 */
export function serverCommandIn(home: string): string {
  const bin = path.join(home, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'docker-coach-language-server'),
    `#!/bin/sh\nexec '${process.execPath}' '${SERVER}' "$@"\n`,
    { mode: 0o755 },
  );
  return bin;
}

/**
 * Runs a headless editor whose script writes its result to `resultFile` (named to it by `env`) and returns that
 * result; fails with the editor's output when it wrote none, when the result has an `error`, or when the editor
 * exited with a failure.
 */
export function runEditor<T extends { error?: string; steps?: string[] }>(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; resultFile: string; timeoutMs: number },
): T {
  const run = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    // A bound, not a wait: the scripts wait for events and give up after 60 s on each.
    timeout: options.timeoutMs,
  });
  const name = path.basename(command);
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? `\n${run.error.message}` : ''}`;
  assert.ok(
    fs.existsSync(options.resultFile),
    `${name} wrote no result (exit ${run.status ?? run.signal}):\n${output}`,
  );
  const result = JSON.parse(fs.readFileSync(options.resultFile, 'utf8')) as T;
  assert.strictEqual(
    result.error,
    undefined,
    `the ${name} script failed${result.steps ? ` after steps [${result.steps.join(', ')}]` : ''}: ${result.error}\n${output}`,
  );
  assert.strictEqual(run.status, 0, `${name} exited with ${run.status ?? run.signal}:\n${output}`);
  return result;
}
