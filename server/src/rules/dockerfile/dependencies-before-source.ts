import { Instruction } from 'dockerfile-ast';
import { commandsOf, RunCommand } from '../../dockerfile/commands';
import { defineDockerfileRule } from '../types';

interface Installer {
  /** Recognises the install command. */
  matches(rc: RunCommand): boolean;
  /** What to copy first. */
  manifests: string;
  /** File names that count as having copied the manifest (globs allowed in COPY are matched loosely). */
  files: RegExp;
}

const values = (rc: RunCommand) => rc.words.map((w) => w.value ?? '');

const INSTALLERS: Installer[] = [
  {
    matches: (rc) => (rc.name === 'npm' && ['install', 'i', 'ci'].includes(values(rc)[1])) || (rc.name === 'pnpm' && ['install', 'i'].includes(values(rc)[1])) || (rc.name === 'yarn' && (values(rc).length === 1 || values(rc)[1] === 'install')),
    manifests: 'package.json and the lock file',
    files: /(^|\/)(package[^/]*\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json)$/,
  },
  {
    matches: (rc) => (/^pip[0-9.]*$/.test(rc.name ?? '') || (/^python[0-9.]*$/.test(rc.name ?? '') && values(rc).includes('pip'))) && values(rc).includes('install') && values(rc).some((v) => v === '-r' || v.startsWith('--requirement')),
    manifests: 'the requirements file',
    files: /(^|\/)[^/]*requirements[^/]*\.(txt|in)$/,
  },
  {
    matches: (rc) => (rc.name === 'poetry' && values(rc)[1] === 'install') || (rc.name === 'pipenv' && values(rc)[1] === 'install') || (rc.name === 'uv' && values(rc)[1] === 'sync'),
    manifests: 'pyproject.toml and the lock file',
    files: /(^|\/)(pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|uv\.lock)$/,
  },
  { matches: (rc) => rc.name === 'bundle' && values(rc)[1] === 'install', manifests: 'Gemfile and Gemfile.lock', files: /(^|\/)Gemfile(\.lock)?$/ },
  { matches: (rc) => rc.name === 'go' && values(rc)[1] === 'mod' && values(rc)[2] === 'download', manifests: 'go.mod and go.sum', files: /(^|\/)go\.(mod|sum)$/ },
  { matches: (rc) => rc.name === 'composer' && values(rc)[1] === 'install', manifests: 'composer.json and composer.lock', files: /(^|\/)composer\.(json|lock)$/ },
  { matches: (rc) => rc.name === 'cargo' && values(rc)[1] === 'fetch', manifests: 'Cargo.toml and Cargo.lock', files: /(^|\/)Cargo\.(toml|lock)$/ },
  { matches: (rc) => rc.name === 'dotnet' && values(rc)[1] === 'restore', manifests: 'the project files', files: /\.(csproj|fsproj|vbproj|sln)$/ },
  { matches: (rc) => (rc.name === 'mvn' || rc.name === 'mvnw' || rc.name === './mvnw') && values(rc).some((v) => /^dependency:(go-offline|resolve)/.test(v)), manifests: 'pom.xml', files: /(^|\/)pom\.xml$/ },
];

export default defineDockerfileRule({
  id: 'dependencies-before-source',
  title: 'Install dependencies before copying the source',
  defaultSeverity: 'warning',
  category: 'performance',
  equivalents: [],
  lesson: 'layers-and-cache',
  fix: 'none',
  messages: {
    early: 'The whole build context is copied before "{command}" installs dependencies, so every source change re-runs the install. Copy {manifests} first, install, then copy the rest.',
  },
  docs: {
    flags: 'A `COPY` (or `ADD`) of the whole build context (`.`) that comes before a dependency install (`npm ci`, `pip install -r`, `go mod download`, `bundle install` and similar) in the same stage, when the dependency manifest was not copied on its own first.',
    why: 'Docker reuses a cached layer only while everything before it is unchanged. Copying all sources first means that editing any file invalidates the cache for the install step, and the next build downloads every dependency again. Copying only the manifest and lock file first keeps the install layer cached until the dependencies really change.',
    bad: [
      { code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "server.js"]\n' },
      { code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN pip install --no-cache-dir -r requirements.txt\nUSER nobody\nCMD ["python", "app.py"]\n' },
    ],
    good: [
      { code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n' },
      { code: 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const copies: { instruction: Instruction; sources: string[] }[] = [];
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'COPY' || keyword === 'ADD') {
          const flags = 'getFlags' in instruction ? (instruction as Instruction & { getFlags(): { getName(): string }[] }).getFlags() : [];
          if (flags.some((f) => f.getName() === 'from')) continue;
          const args = instruction.getArguments().map((a) => a.getValue());
          copies.push({ instruction, sources: args.slice(0, -1).map((s) => s.replace(/^["']|["']$/g, '')) });
          continue;
        }
        if (keyword !== 'RUN') continue;
        const install = [...commandsOf(model, instruction, stage)].find((rc) => INSTALLERS.some((i) => i.matches(rc)));
        if (!install) continue;
        const installer = INSTALLERS.find((i) => i.matches(install))!;
        const wholeContext = copies.find((c) => c.sources.some((s) => s === '.' || s === './' || s === '*'));
        const manifestFirst = copies.some((c) => c !== wholeContext && copies.indexOf(c) < copies.indexOf(wholeContext!) && c.sources.some((s) => installer.files.test(s) || /[*?[]/.test(s) && installer.files.test(s.replace(/\*/g, ''))));
        if (wholeContext && !manifestFirst) {
          const args = wholeContext.instruction.getArguments();
          const source = args.find((a) => ['.', './', '*'].includes(a.getValue())) ?? args[0];
          report({
            messageId: 'early',
            data: { command: install.words.map((w) => w.value ?? '…').slice(0, 3).join(' '), manifests: installer.manifests },
            range: source.getRange(),
          });
        }
        break;
      }
    }
  },
});
