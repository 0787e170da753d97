// Checks the CLI's SARIF against Microsoft's own SARIF validator (the SARIF
// Multitool, from npm: about 45 MB, so it is not part of `npm ci` or CI; the
// unit tests check the structure against a schema written from the spec).
//   npm run check:sarif
// Writes three logs (relative paths, absolute paths, stdin) and prints what the
// validator says; exits non-zero when it reports an error or a warning.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'dist/cli.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-sarif-'));
const corpus = 'test/fixtures/corpus';
const logs = {
  relative: spawnSync(process.execPath, [cli, 'lint', corpus, '--format', 'sarif', '--no-shellcheck'], {
    cwd: root,
    encoding: 'utf8',
  }).stdout,
  absolute: spawnSync(
    process.execPath,
    [cli, 'lint', path.join(root, corpus), '--format', 'sarif', '--no-shellcheck'],
    { cwd: os.tmpdir(), encoding: 'utf8' },
  ).stdout,
  stdin: spawnSync(process.execPath, [cli, 'lint', '-', '--format', 'sarif', '--no-shellcheck'], {
    input: 'FROM ubuntu\nMAINTAINER me\n',
    encoding: 'utf8',
  }).stdout,
};
let failed = false;
for (const [name, text] of Object.entries(logs)) {
  const file = path.join(work, `${name}.sarif`);
  fs.writeFileSync(file, text);
  const result = spawnSync(
    'npx',
    [
      '--yes',
      '@microsoft/sarif-multitool@5.7.0',
      'validate',
      file,
      '--output',
      path.join(work, `${name}.validation.sarif`),
    ],
    { encoding: 'utf8' },
  );
  const output = `${result.stdout}${result.stderr}`;
  const problems = output.split('\n').filter((line) => /\b(error|warning) (SARIF|ERR)\d*/.test(line));
  console.log(
    `${name}: ${JSON.parse(text).runs[0].results.length} results, ${problems.length} validator errors or warnings`,
  );
  for (const line of problems) console.log(`  ${line}`);
  if (result.status !== 0 || problems.length) failed = true;
}
process.exit(failed ? 1 : 0);
