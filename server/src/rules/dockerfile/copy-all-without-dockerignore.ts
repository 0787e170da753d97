import { posix } from 'path';
import { copyInstructions } from '../../dockerfile/copies';
import { dockerignoreModel } from '../../dockerignore/model';
import { TextEdit } from 'vscode-languageserver-types';
import { runCommands } from '../../dockerfile/commands';
import { imageBaseName } from '../../dockerfile/image';
import { DockerfileModel } from '../../dockerfile/model';
import { appendToDockerignore } from '../sharedFixes';
import { defineDockerfileRule, FixProposal } from '../types';

type Ecosystem = 'node' | 'python' | 'java' | 'ruby' | 'php' | 'go';

const ECOSYSTEM_ENTRIES: Record<Ecosystem, string[]> = {
  node: ['node_modules', 'npm-debug.log*', 'yarn-error.log', '.npm', 'coverage'],
  python: ['__pycache__/', '*.py[cod]', '.venv/', 'venv/', '.pytest_cache/', '.mypy_cache/'],
  java: ['.gradle/', '*.class'],
  ruby: ['.bundle/', 'vendor/bundle/', 'log/', 'tmp/'],
  php: ['vendor/'],
  go: [],
};

const COMMAND_ECOSYSTEMS: Record<string, Ecosystem> = {
  npm: 'node',
  yarn: 'node',
  pnpm: 'node',
  npx: 'node',
  node: 'node',
  pip: 'python',
  pip3: 'python',
  python: 'python',
  python3: 'python',
  poetry: 'python',
  uv: 'python',
  mvn: 'java',
  gradle: 'java',
  java: 'java',
  bundle: 'ruby',
  gem: 'ruby',
  ruby: 'ruby',
  composer: 'php',
  php: 'php',
  go: 'go',
};

const IMAGE_ECOSYSTEMS: Record<string, Ecosystem> = {
  node: 'node',
  python: 'python',
  'eclipse-temurin': 'java',
  maven: 'java',
  gradle: 'java',
  ruby: 'ruby',
  php: 'php',
  composer: 'php',
  golang: 'go',
};

/** The ecosystems a Dockerfile builds, from its base images and the commands it runs. */
function ecosystems(model: DockerfileModel): Ecosystem[] {
  const found = new Set<Ecosystem>();
  for (const stage of model.stages) {
    const name = stage.image ? imageBaseName(stage.image) : null;
    if (name && IMAGE_ECOSYSTEMS[name]) found.add(IMAGE_ECOSYSTEMS[name]);
  }
  for (const command of runCommands(model)) {
    if (!command.name) continue;
    // `pip3.12`, `python3.12` → `pip`, `python`.
    const ecosystem = COMMAND_ECOSYSTEMS[command.name] ?? COMMAND_ECOSYSTEMS[command.name.replace(/[\d.]+$/, '')];
    if (ecosystem) found.add(ecosystem);
  }
  return [...found].sort();
}

/** A starting `.dockerignore` for the ecosystems the Dockerfile builds. */
export function dockerignoreTemplate(model: DockerfileModel, nl: string): string {
  const lines = [
    '# What `COPY . .` must not take into the image (written by Docker Coach: review it).',
    '.git',
    '.env',
    '.env.*',
    '!.env.example',
    '*.log',
    '.idea/',
    '.vscode/',
  ];
  for (const ecosystem of ecosystems(model)) {
    const entries = ECOSYSTEM_ENTRIES[ecosystem];
    if (entries.length) lines.push('', `# ${ecosystem}`, ...entries);
  }
  return lines.join(nl) + nl;
}

function siblingUri(documentUri: string, name: string): string | null {
  if (!documentUri.startsWith('file:')) return null;
  return documentUri.replace(/\/[^/]*$/, `/${name}`);
}

function createFix(model: DockerfileModel): FixProposal[] {
  const uri = siblingUri(model.document.uri, '.dockerignore');
  if (!uri) return [];
  const nl = model.text.includes('\r\n') ? '\r\n' : '\n';
  return [
    {
      title: 'Create a .dockerignore for this build context',
      safe: false,
      edits: [],
      otherFiles: [
        { uri, create: true, edits: [TextEdit.insert({ line: 0, character: 0 }, dockerignoreTemplate(model, nl))] },
      ],
    },
  ];
}

/** What a whole-context copy should never take along. */
const MUST_EXCLUDE = ['.git', '.env'];

export default defineDockerfileRule({
  id: 'copy-all-without-dockerignore',
  title: 'Copying the whole context needs a .dockerignore',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [],
  lesson: 'layers-and-cache',
  fix: 'unsafe',
  messages: {
    missing:
      '{keyword} {source} copies the whole build context, and the context has no .dockerignore: add one that leaves out .git, .env, dependencies and build output.',
    incomplete:
      '{keyword} {source} copies the whole build context, and {file} does not exclude {names}: add {names} to it.',
  },
  docs: {
    flags: `A \`COPY\` or \`ADD\` of the whole build context (source \`.\` or \`./\`) when the context has no
      \`.dockerignore\`. When the \`.dockerignore\` exists but excludes neither \`.git\` nor \`.env\` (or one of them),
      the finding is one level milder (info by default). Only reported when the editor or CLI knows the build
      context, which is assumed to be the Dockerfile's folder.`,
    why: `Without a \`.dockerignore\`, \`COPY . .\` takes everything in the folder: the \`.git\` directory with
      the whole history, \`.env\` files with passwords, local \`node_modules\` or virtual environments built for
      another system, logs and build output. The image grows, secrets end up in a layer anyone who pulls the
      image can read, and any edited file — even a README — changes the layer's cache key, so every later step
      is rebuilt. A \`.dockerignore\` that lists these keeps the context small and the cache useful.`,
    bad: [
      {
        code: `FROM python:3.12-slim
WORKDIR /app
COPY . .
USER nobody
CMD ["python", "app.py"]
`,
        dockerignore: null,
        fixed: `FROM python:3.12-slim
WORKDIR /app
COPY . .
USER nobody
CMD ["python", "app.py"]
`,
        fixedDockerignore: `# What \`COPY . .\` must not take into the image (written by Docker Coach: review it).
.git
.env
.env.*
!.env.example
*.log
.idea/
.vscode/

# python
__pycache__/
*.py[cod]
.venv/
venv/
.pytest_cache/
.mypy_cache/
`,
        expect: [{ messageId: 'missing', line: 3, column: 6, text: '.' }],
      },
      {
        caption: 'The .dockerignore forgets .git',
        code: `FROM python:3.12-slim
WORKDIR /app
COPY . .
USER nobody
CMD ["python", "app.py"]
`,
        dockerignore: `.env
__pycache__
`,
        fixed: `FROM python:3.12-slim
WORKDIR /app
COPY . .
USER nobody
CMD ["python", "app.py"]
`,
        fixedDockerignore: `.env
__pycache__
.git
`,
        expect: [{ messageId: 'incomplete', line: 3, column: 6, text: '.' }],
      },
    ],
    good: [
      {
        code: `FROM python:3.12-slim
WORKDIR /app
COPY . .
USER nobody
CMD ["python", "app.py"]
`,
        dockerignore: `.git
.env
__pycache__
`,
      },
      {
        caption: 'Copying named files needs no .dockerignore',
        code: `FROM python:3.12-slim
WORKDIR /app
COPY app.py ./
USER nobody
CMD ["python", "app.py"]
`,
        dockerignore: null,
      },
    ],
  },
  check(model, report, context) {
    const ignoreFile = context.dockerignore;
    if (ignoreFile === undefined) return;
    const missing =
      ignoreFile === null ? [] : MUST_EXCLUDE.filter((name) => !dockerignoreModel(ignoreFile.text).ignores(name));
    if (ignoreFile !== null && missing.length === 0) return;
    for (const copy of copyInstructions(model)) {
      if (copy.from !== null) continue;
      const whole = copy.sources.find((s) => s.value === '.' || s.value === './');
      if (!whole) continue;
      if (ignoreFile === null) {
        report({
          messageId: 'missing',
          data: { keyword: copy.keyword, source: whole.value },
          range: whole.range,
          fixes: () => createFix(model),
        });
      } else {
        report({
          messageId: 'incomplete',
          data: {
            keyword: copy.keyword,
            source: whole.value,
            file: posix.basename(ignoreFile.path),
            names: missing.join(' and '),
          },
          range: whole.range,
          milder: true,
          fixes: () => appendToDockerignore(ignoreFile, missing, (name) => `Add ${missing.join(' and ')} to ${name}`),
        });
      }
    }
  },
});
