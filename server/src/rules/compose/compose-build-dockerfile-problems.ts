import { pathToFileURL } from 'url';
import { composeFolder } from '../../compose/references';
import { builtDockerfile, pathFromCompose } from '../../compose/serviceDockerfiles';
import { defineComposeRule, NestedFinding } from '../types';

/** Related locations shown with the finding (the editor lists them under it). */
const RELATED_KEPT = 20;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export default defineComposeRule({
  id: 'compose-build-dockerfile-problems',
  title: 'The Dockerfile a service builds has problems',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    problems: 'The Dockerfile {path} has {summary}: line {line}: {first}',
  },
  docs: {
    flags: `A service whose \`build:\` uses a local Dockerfile that has errors or warnings under the Dockerfile
      rules (with the same settings). The finding sits on \`build\`/\`dockerfile\`, names the first problem and
      links to every one of them; when the Dockerfile has only warnings it is one level milder. Only Dockerfiles
      on disk (or open in the editor) are read; remote contexts and \`dockerfile_inline\` are skipped.`,
    why: `Reviewing a compose file rarely means opening every Dockerfile it builds, yet a missing \`USER\` or
      an unpinned base image there ends up in the running stack. Seeing the count where the build is declared
      makes those problems reachable from the file that starts the stack.`,
    bad: [
      {
        code: `services:
  api:
    build: ./api
`,
        files: { 'api/Dockerfile': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD python app.py\n' },
        expect: [{ messageId: 'problems', line: 3, column: 12, text: './api' }],
      },
    ],
    good: [
      {
        code: `services:
  api:
    build: ./api
`,
        files: {
          'api/Dockerfile': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["python", "app.py"]\n',
        },
      },
    ],
  },
  check(model, report, context) {
    const { readFile, lintDockerfile } = context;
    const folder = composeFolder(model);
    if (!readFile || !lintDockerfile || !folder) return;
    for (const service of model.services) {
      const found = builtDockerfile(model, service, folder, readFile);
      if (!found) continue;
      const { build, file, text } = found;
      const serious = lintDockerfile(file, text).filter((f) => f.severity === 'error' || f.severity === 'warning');
      if (serious.length === 0) continue;
      const errors = serious.filter((f) => f.severity === 'error');
      const warnings = serious.length - errors.length;
      const first: NestedFinding = errors[0] ?? serious[0];
      const summary = [errors.length ? plural(errors.length, 'error') : '', warnings ? plural(warnings, 'warning') : '']
        .filter(Boolean)
        .join(' and ');
      const node = build.entry.merged ? service.key : (build.dockerfileNode ?? build.contextNode ?? build.entry.key);
      const uri = pathToFileURL(file).toString();
      report({
        messageId: 'problems',
        data: {
          path: pathFromCompose(folder, file),
          summary,
          line: first.range.start.line + 1,
          first: `${first.message} (${first.ruleId})`,
        },
        range: model.rangeOfNode(node)!,
        milder: errors.length === 0,
        related: [...errors, ...serious.filter((f) => f.severity === 'warning')]
          .slice(0, RELATED_KEPT)
          .map((f) => ({ uri, range: f.range, message: `${f.severity}: ${f.message} (${f.ruleId})` })),
      });
    }
  },
});
