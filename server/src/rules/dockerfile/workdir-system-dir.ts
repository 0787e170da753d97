import { posix } from 'path';
import { defineDockerfileRule } from '../types';

/** Directories that belong to the operating system: the project's files would mix with (or replace) its own. */
const SYSTEM_DIRS = new Set([
  '/',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/etc',
  '/boot',
  '/var',
  '/var/lib',
  '/var/cache',
  '/usr',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib64',
  '/usr/libexec',
  '/usr/include',
  '/usr/share',
  '/usr/local/bin',
  '/usr/local/sbin',
]);

/** Filesystems that Docker mounts over at run time: whatever the image puts there is hidden. */
const RUNTIME_MOUNTS = ['/proc', '/sys', '/dev'];

/** Why an absolute WORKDIR is a bad place (a system directory, or under a runtime mount); null when it is fine. */
export function workdirProblem(raw: string): { path: string; mount?: string } | null {
  const path = posix.normalize(raw).replace(/(.)\/$/, '$1');
  const mount = RUNTIME_MOUNTS.find((m) => path === m || path.startsWith(`${m}/`));
  if (mount) return { path, mount };
  return SYSTEM_DIRS.has(path) ? { path } : null;
}

export default defineDockerfileRule({
  id: 'workdir-system-dir',
  title: 'Do not use a system directory as WORKDIR',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    system:
      "WORKDIR {path} is a system directory: your files would land among the operating system's own. Use a directory of its own such as /app.",
    mounted:
      'WORKDIR {path} is inside {mount}, which Docker mounts over when the container starts, so files put there are hidden. Use a directory such as /app.',
  },
  docs: {
    flags: `A \`WORKDIR\` that is the root directory or one of the operating system's directories (\`/usr\`,
      \`/etc\`, \`/bin\`, \`/lib\`, \`/var/lib\`, \`/usr/local/bin\`…), or anything under \`/proc\`, \`/sys\` or \`/dev\`.
      Subdirectories such as \`/usr/src/app\`, \`/usr/local/app\`, \`/var/lib/myapp\`, \`/opt/…\`, \`/srv\` or \`/home/…\`
      are fine; paths built from variables are not judged.`,
    why: `\`COPY . .\` and every relative path in \`RUN\` then write into that directory. In \`/\` or \`/usr\` the
      project's \`bin/\`, \`lib/\` or \`etc/\` folders merge with the system's, can overwrite files the distribution
      or a later package upgrade relies on, and make it hard to tell what belongs to the application. \`/proc\`,
      \`/sys\` and \`/dev\` are worse: the container runtime mounts its own filesystems there, so whatever the image
      stores in them is invisible when the container runs. A dedicated directory such as \`/app\` keeps the
      application in one place.`,
    bad: [
      {
        code: `FROM python:3.12-slim
WORKDIR /
COPY app.py ./
USER nobody
CMD ["python", "app.py"]
`,
        expect: [{ messageId: 'system', line: 2, column: 9, text: '/' }],
      },
      {
        code: `FROM python:3.12-slim
WORKDIR /usr/lib
COPY app.py ./
USER nobody
CMD ["python", "app.py"]
`,
        expect: [{ messageId: 'system', line: 2, column: 9, text: '/usr/lib' }],
      },
    ],
    good: [
      {
        code: `FROM python:3.12-slim
WORKDIR /app
COPY app.py ./
USER nobody
CMD ["python", "app.py"]
`,
      },
      {
        code: `FROM node:20.14-alpine3.20
WORKDIR /usr/src/app
COPY server.js ./
USER node
CMD ["node", "server.js"]
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'WORKDIR') continue;
      const args = instruction.getArguments();
      if (args.length !== 1) continue;
      const raw = args[0].getValue().replace(/^(["'])(.*)\1$/, '$2');
      if (!raw.startsWith('/') || raw.includes('$')) continue;
      const problem = workdirProblem(raw);
      if (problem)
        report({ messageId: problem.mount ? 'mounted' : 'system', data: { ...problem }, range: args[0].getRange() });
    }
  },
});
