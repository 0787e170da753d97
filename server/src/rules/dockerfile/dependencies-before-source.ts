import { posix } from 'path';
import { Copy, Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { commandsOf, RunCommand } from '../../dockerfile/commands';
import { insertLinesAfter } from '../../dockerfile/edits';
import { DockerfileModel, Stage } from '../../dockerfile/model';
import { workdirBefore } from '../../dockerfile/workdir';
import { defineDockerfileRule, FixProposal } from '../types';

interface Installer {
  /** Recognises the install command. */
  matches(rc: RunCommand): boolean;
  /** What to copy first. */
  manifests: string;
  /** File names that count as having copied the manifest (globs allowed in COPY are matched loosely). */
  files: RegExp;
  /**
   * For the fix: the manifest files the install reads, as it names them
   * (relative to its working directory, or absolute; globs for the optional
   * ones); null when they cannot be known or the install also needs the
   * sources (installing the project itself, running its scripts).
   */
  manifestPaths(rc: RunCommand): string[] | null;
}

const values = (rc: RunCommand) => rc.words.map((w) => w.value ?? '');

const INSTALLERS: Installer[] = [
  {
    matches: (rc) =>
      (rc.name === 'npm' && ['install', 'i', 'ci'].includes(values(rc)[1])) ||
      (rc.name === 'pnpm' && ['install', 'i'].includes(values(rc)[1])) ||
      (rc.name === 'yarn' && (values(rc).length === 1 || values(rc)[1] === 'install')),
    manifests: 'package.json and the lock file',
    files: /(^|\/)(package[^/]*\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json)$/,
    manifestPaths: (rc) =>
      rc.name === 'npm'
        ? ['package*.json']
        : rc.name === 'pnpm'
          ? ['package.json', 'pnpm-lock.yaml']
          : ['package.json', 'yarn.lock'],
  },
  {
    matches: (rc) =>
      (/^pip[0-9.]*$/.test(rc.name ?? '') || (/^python[0-9.]*$/.test(rc.name ?? '') && values(rc).includes('pip'))) &&
      values(rc).includes('install') &&
      values(rc).some((v) => v === '-r' || v.startsWith('--requirement')),
    manifests: 'the requirements file',
    files: /(^|\/)[^/]*requirements[^/]*\.(txt|in)$/,
    manifestPaths: pipRequirementFiles,
  },
  {
    matches: (rc) =>
      (rc.name === 'poetry' && values(rc)[1] === 'install') ||
      (rc.name === 'pipenv' && values(rc)[1] === 'install') ||
      (rc.name === 'uv' && values(rc)[1] === 'sync'),
    manifests: 'pyproject.toml and the lock file',
    files: /(^|\/)(pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|uv\.lock)$/,
    // Poetry and uv also install the project itself unless told not to, and that needs the sources.
    manifestPaths: (rc) =>
      rc.name === 'pipenv'
        ? ['Pipfile', 'Pipfile.lock']
        : rc.name === 'poetry'
          ? values(rc).includes('--no-root')
            ? ['pyproject.toml', 'poetry.lock']
            : null
          : values(rc).includes('--no-install-project')
            ? ['pyproject.toml', 'uv.lock']
            : null,
  },
  {
    matches: (rc) => rc.name === 'bundle' && values(rc)[1] === 'install',
    manifests: 'Gemfile and Gemfile.lock',
    files: /(^|\/)Gemfile(\.lock)?$/,
    manifestPaths: () => ['Gemfile', 'Gemfile.lock'],
  },
  {
    matches: (rc) => rc.name === 'go' && values(rc)[1] === 'mod' && values(rc)[2] === 'download',
    manifests: 'go.mod and go.sum',
    files: /(^|\/)go\.(mod|sum)$/,
    manifestPaths: () => ['go.mod', 'go.sum'],
  },
  {
    matches: (rc) => rc.name === 'composer' && values(rc)[1] === 'install',
    manifests: 'composer.json and composer.lock',
    files: /(^|\/)composer\.(json|lock)$/,
    // Composer's install scripts usually run the application's own code.
    manifestPaths: (rc) => (values(rc).includes('--no-scripts') ? ['composer.json', 'composer.lock'] : null),
  },
  // `cargo fetch` needs the crate's targets, `dotnet restore` project files we cannot name, `mvnw` its wrapper files.
  {
    matches: (rc) => rc.name === 'cargo' && values(rc)[1] === 'fetch',
    manifests: 'Cargo.toml and Cargo.lock',
    files: /(^|\/)Cargo\.(toml|lock)$/,
    manifestPaths: () => null,
  },
  {
    matches: (rc) => rc.name === 'dotnet' && values(rc)[1] === 'restore',
    manifests: 'the project files',
    files: /\.(csproj|fsproj|vbproj|sln)$/,
    manifestPaths: () => null,
  },
  {
    matches: (rc) =>
      (rc.name === 'mvn' || rc.name === 'mvnw' || rc.name === './mvnw') &&
      values(rc).some((v) => /^dependency:(go-offline|resolve)/.test(v)),
    manifests: 'pom.xml',
    files: /(^|\/)pom\.xml$/,
    manifestPaths: (rc) => (rc.name === 'mvn' ? ['pom.xml'] : null),
  },
];

/** The `-r`/`-c` files of a pip install; null when one is not literal or the project itself is installed (`.`, `-e`). */
function pipRequirementFiles(rc: RunCommand): string[] | null {
  const files: string[] = [];
  const words = values(rc);
  for (let i = 1; i < words.length; i++) {
    const word = rc.words[i].value;
    if (word === null) return null;
    if (word === '-e' || word.startsWith('--editable') || word === '.' || word.startsWith('./') || word.startsWith('/'))
      return null;
    const option = /^(-r|-c|--requirement|--constraint)(=?)(.*)$/.exec(word);
    if (!option) continue;
    const value = option[3] !== '' ? option[3] : rc.words[++i]?.value;
    if (!value) return null;
    files.push(value);
  }
  return files.length > 0 ? files : null;
}

export default defineDockerfileRule({
  id: 'dependencies-before-source',
  title: 'Install dependencies before copying the source',
  defaultSeverity: 'warning',
  category: 'performance',
  equivalents: [],
  lesson: 'layers-and-cache',
  fix: 'unsafe',
  messages: {
    early:
      'The whole build context is copied before "{command}" installs dependencies, so every source change re-runs the install. Copy {manifests} first, install, then copy the rest.',
  },
  docs: {
    flags: `A \`COPY\` (or \`ADD\`) of the whole build context (\`.\`) that comes before a dependency install (\`npm
      ci\`, \`pip install -r\`, \`go mod download\`, \`bundle install\` and similar) in the same stage, when the
      dependency manifest was not copied on its own first.`,
    why: `Docker reuses a cached layer only while everything before it is unchanged. Copying all sources
      first means that editing any file invalidates the cache for the install step, and the next build downloads
      every dependency again. Copying only the manifest and lock file first keeps the install layer cached until
      the dependencies really change. The quick fix copies the manifest files the install reads
      (\`package*.json\`, the \`-r\` requirements files, \`go.mod go.sum\`, \`Gemfile Gemfile.lock\`, \`pom.xml\`…) with
      the same \`COPY\` flags, then moves the full copy after the install. It is not applied automatically: an
      install that needs more than those files (npm workspaces, a \`postinstall\` script, a requirements file that
      includes another) then fails. It is not offered when the install \`RUN\` does other work that may need the
      sources, when other build steps sit between the copy and the install, or for installs that always need the
      sources (\`cargo fetch\`, \`poetry install\` without \`--no-root\`, \`composer install\` without \`--no-scripts\`).`,
    bad: [
      {
        code: `FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci
USER node
CMD ["node", "server.js"]
`,
        fixed: `FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
USER node
CMD ["node", "server.js"]
`,
        expect: [{ messageId: 'early', line: 3, column: 6, text: '.' }],
      },
      {
        code: `FROM python:3.12-slim
WORKDIR /app
COPY --chown=nobody . /app
RUN pip install --no-cache-dir -r requirements.txt
USER nobody
CMD ["python", "app.py"]
`,
        fixed: `FROM python:3.12-slim
WORKDIR /app
COPY --chown=nobody requirements.txt /app/
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=nobody . /app
USER nobody
CMD ["python", "app.py"]
`,
        expect: [{ messageId: 'early', line: 3, column: 21, text: '.' }],
      },
    ],
    good: [
      {
        code: `FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
USER node
CMD ["node", "server.js"]
`,
      },
      {
        code: `FROM golang:1.22
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /app .
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const copies: { instruction: Instruction; sources: string[] }[] = [];
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'COPY' || keyword === 'ADD') {
          const flags =
            'getFlags' in instruction
              ? (instruction as Instruction & { getFlags(): { getName(): string }[] }).getFlags()
              : [];
          if (flags.some((f) => f.getName() === 'from')) continue;
          const args = instruction.getArguments().map((a) => a.getValue());
          copies.push({ instruction, sources: args.slice(0, -1).map((s) => s.replace(/^["']|["']$/g, '')) });
          continue;
        }
        if (keyword !== 'RUN') continue;
        const install = commandsOf(model, instruction).find((rc) => INSTALLERS.some((i) => i.matches(rc)));
        if (!install) continue;
        const installer = INSTALLERS.find((i) => i.matches(install))!;
        const wholeContext = copies.find((c) => c.sources.some((s) => s === '.' || s === './' || s === '*'));
        // The files the install names itself count too (`pip install -r deps/prod.txt`).
        const named = (installer.manifestPaths(install) ?? []).map((p) => posix.basename(p));
        const isManifest = (s: string) =>
          installer.files.test(s) ||
          (/[*?[]/.test(s) && installer.files.test(s.replace(/\*/g, ''))) ||
          named.includes(posix.basename(s));
        const manifestFirst = copies.some(
          (c) => c !== wholeContext && copies.indexOf(c) < copies.indexOf(wholeContext!) && c.sources.some(isManifest),
        );
        if (wholeContext && !manifestFirst) {
          const args = wholeContext.instruction.getArguments();
          const source = args.find((a) => ['.', './', '*'].includes(a.getValue())) ?? args[0];
          const fixes = manifestFirstFixes(model, stage, wholeContext.instruction, instruction, installer, install);
          report({
            messageId: 'early',
            data: {
              command: install.words
                .map((w) => w.value ?? '…')
                .slice(0, 3)
                .join(' '),
              manifests: installer.manifests,
            },
            range: source.getRange(),
            fixes: fixes.length > 0 ? () => fixes : undefined,
          });
        }
        break;
      }
    }
  },
});

/** Instructions that may sit between the copy and the install: they neither read the sources nor move the working directory. */
const MOVABLE_ACROSS = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE']);

/** Commands that may share the install's RUN: they do not read the project's sources. */
function needsNoSources(rc: RunCommand): boolean {
  const words = values(rc);
  if (INSTALLERS.some((i) => i.matches(rc))) return true;
  if (['rm', 'mkdir', 'true', 'echo', 'apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf'].includes(rc.name ?? ''))
    return true;
  if (['npm', 'yarn', 'pnpm'].includes(rc.name ?? '') && ['cache', 'config', 'store'].includes(words[1])) return true;
  if (rc.name === 'go' && words[1] === 'mod') return true;
  if (rc.name === 'bundle' && words[1] === 'config') return true;
  // `pip install --upgrade pip setuptools`: registry packages only.
  return (
    /^pip[0-9.]*$/.test(rc.name ?? '') &&
    words[1] === 'install' &&
    rc.words
      .slice(2)
      .every((w) => w.value !== null && /^(-[-A-Za-z]+|[A-Za-z0-9][A-Za-z0-9_.\-[\],=<>!~]*)$/.test(w.value))
  );
}

/**
 * `COPY . dest` + `RUN install` → `COPY <manifests> dest/` + `RUN install` +
 * `COPY . dest`. The manifests are placed where the install looks for them,
 * resolved through the working directory (the same for both, since nothing
 * that changes it may sit between them).
 */
function manifestFirstFixes(
  model: DockerfileModel,
  stage: Stage,
  copy: Instruction,
  run: Instruction,
  installer: Installer,
  install: RunCommand,
): FixProposal[] {
  if (!(copy instanceof Copy) || model.isExecForm(copy) || copy.getHeredocs().length > 0) return [];
  const args = copy.getArguments();
  if (args.length !== 2) return [];
  const dest = args[1].getValue();
  if (/["'\s]/.test(dest) || dest.includes(model.escapeChar)) return [];
  const between = stage.instructions.slice(stage.instructions.indexOf(copy) + 1, stage.instructions.indexOf(run));
  if (between.some((i) => !MOVABLE_ACROSS.has(i.getKeyword()))) return [];
  if (!commandsOf(model, run).every(needsNoSources)) return [];
  const paths = installer.manifestPaths(install);
  if (!paths) return [];

  // An unknown working directory (the base image's) stands for itself: paths
  // that reach outside it cannot be mapped to the build context.
  const cwd = workdirBefore(model, stage, copy) ?? '/\u0000workdir';
  const copyDir = posix.resolve(cwd, dest);
  const sources = paths.map((p) => posix.relative(copyDir, posix.resolve(cwd, p)));
  if (sources.some((s) => s === '' || s.startsWith('..') || s.includes('\u0000') || /[\s"'$]/.test(s))) return [];
  const dirs = new Set(sources.map((s) => posix.dirname(s)));
  if (dirs.size !== 1) return [];
  const dir = [...dirs][0];
  const target = dir === '.' ? (dest === '.' ? './' : dest.replace(/\/?$/, '/')) : `${posix.join(dest, dir)}/`;
  const files = sources.join(' ');

  const flags = copy
    .getFlags()
    .map((f) => model.text.slice(model.offsetAt(f.getRange().start), model.offsetAt(f.getRange().end)));
  const manifestCopy = [copy.getInstruction(), ...flags, files, target].join(' ');
  const copyText = model.text.slice(model.offsetAt(copy.getRange().start), model.offsetAt(copy.getRange().end));
  return [
    {
      title: `Copy ${files} first and the rest after the install`,
      safe: false,
      edits: [TextEdit.replace(copy.getRange(), manifestCopy), insertLinesAfter(model, run, [copyText])],
    },
  ];
}
