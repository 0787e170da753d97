import { posix } from 'path';
import { Copy, Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { commandsOf, RunCommand } from '../../dockerfile/commands';
import { CopyInstruction, copyInstructions, copiesWholeContext } from '../../dockerfile/copies';
import { insertLinesAfter } from '../../dockerfile/edits';
import { DockerfileModel, Stage } from '../../dockerfile/model';
import {
  DEPENDENCY_MANIFESTS,
  DependencyInstall,
  dependencyInstall,
  packageCommand,
  PackageCommand,
} from '../../dockerfile/packages';
import { workdirBefore } from '../../dockerfile/workdir';
import { defineDockerfileRule, FixProposal } from '../types';

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
    let contextCopies: Map<Instruction, CopyInstruction> | undefined;
    for (const stage of model.stages) {
      const copies: CopyInstruction[] = [];
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'COPY' || keyword === 'ADD') {
          // The copies that read the build context (not `--from` a stage or an image).
          contextCopies ??= new Map(
            [...copyInstructions(model)].filter((c) => c.from === null).map((c) => [c.instruction, c]),
          );
          const copy = contextCopies.get(instruction);
          if (copy) copies.push(copy);
          continue;
        }
        if (keyword !== 'RUN') continue;
        const install = firstInstall(commandsOf(model, instruction));
        if (!install) continue;
        const wholeContext = copies.find((c) => c.sources.some((s) => copiesWholeContext(s.value)));
        const manifests = DEPENDENCY_MANIFESTS[install.ecosystem];
        // The files the install names itself count too (`pip install -r deps/prod.txt`).
        const named = (install.paths ?? []).map((p) => posix.basename(p));
        const isManifest = (s: string) =>
          manifests.files.test(s) ||
          (/[*?[]/.test(s) && manifests.files.test(s.replace(/\*/g, ''))) ||
          named.includes(posix.basename(s));
        const manifestFirst = copies.some(
          (c) =>
            c !== wholeContext &&
            copies.indexOf(c) < copies.indexOf(wholeContext!) &&
            c.sources.some((s) => isManifest(s.value)),
        );
        if (wholeContext && !manifestFirst) {
          const source = wholeContext.sources.find((s) => copiesWholeContext(s.value))!;
          const fixes = manifestFirstFixes(model, stage, wholeContext.instruction, instruction, install);
          report({
            messageId: 'early',
            data: {
              command: install.command.words
                .map((w) => w.value ?? '…')
                .slice(0, 3)
                .join(' '),
              manifests: manifests.description,
            },
            range: source.range,
            fixes: fixes.length > 0 ? () => fixes : undefined,
          });
        }
        break;
      }
    }
  },
});

function firstInstall(commands: readonly RunCommand[]): DependencyInstall | null {
  for (const rc of commands) {
    const install = dependencyInstall(rc);
    if (install) return install;
  }
  return null;
}

/** Instructions that may sit between the copy and the install: they neither read the sources nor move the working directory. */
const MOVABLE_ACROSS = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE']);

/** pip's options that read files from the build context. */
const PIP_FILE_OPTIONS = ['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-f', '--find-links'];

/**
 * Commands that may share the install's RUN once only the manifests are copied:
 * they do not read the project's sources (another install only when it reads
 * no manifest the fix leaves out).
 */
function needsNoSources(rc: RunCommand, manifests: readonly string[]): boolean {
  const install = dependencyInstall(rc);
  if (install) return install.paths !== null && install.paths.every((p) => manifests.includes(p));
  if (['rm', 'mkdir', 'true', 'echo'].includes(rc.name ?? '')) return true;
  const command = packageCommand(rc);
  if (!command) return false;
  const sub = command.subcommand?.value ?? '';
  switch (command.manager) {
    case 'apt':
    case 'apk':
    case 'yum':
    case 'zypper':
      return true;
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return ['cache', 'config', 'store'].includes(sub);
    case 'go':
      return sub === 'mod' && ['download', 'verify'].includes(command.args.operands[0]?.value ?? '');
    case 'bundler':
      return sub === 'config';
    case 'pip':
      // `pip install --upgrade pip setuptools`: registry packages only.
      return sub === 'install' && registryPackagesOnly(command);
    default:
      return false;
  }
}

function registryPackagesOnly(pip: PackageCommand): boolean {
  return (
    pip.args.options.every((o) => !PIP_FILE_OPTIONS.includes(o.name)) &&
    pip.args.operands.every((w) => w.value !== null && /^[A-Za-z0-9][A-Za-z0-9_.\-[\],=<>!~]*$/.test(w.value))
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
  install: DependencyInstall,
): FixProposal[] {
  if (!(copy instanceof Copy) || model.isExecForm(copy) || copy.getHeredocs().length > 0) return [];
  const args = copy.getArguments();
  if (args.length !== 2) return [];
  const dest = args[1].getValue();
  if (/["'\s]/.test(dest) || dest.includes(model.escapeChar)) return [];
  const between = stage.instructions.slice(stage.instructions.indexOf(copy) + 1, stage.instructions.indexOf(run));
  if (between.some((i) => !MOVABLE_ACROSS.has(i.getKeyword()))) return [];
  const paths = install.paths;
  if (!paths || !commandsOf(model, run).every((rc) => needsNoSources(rc, paths))) return [];

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
