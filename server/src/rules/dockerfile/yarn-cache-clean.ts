import { Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { commandsOf, mountsCacheAt, RunCommand, shippedStages } from '../../dockerfile/commands';
import { DockerfileModel } from '../../dockerfile/model';
import { hasParsedOption, PackageCommand, packageCommand } from '../../dockerfile/packages';
import { commandName, effectiveWords } from '../../shell/shell';
import { defineDockerfileRule, FixProposal, Report } from '../types';

/** `yarn`, `yarn install`, `yarn add …` and `yarn global add …`: the commands that fill the cache. */
function isYarnInstall(command: PackageCommand | null): command is PackageCommand {
  if (command?.manager !== 'yarn') return false;
  const sub = command.subcommand?.value;
  if (sub === undefined && hasParsedOption(command.args, '-v', '--version', '-h', '--help')) return false;
  return (
    sub === undefined ||
    sub === 'install' ||
    sub === 'add' ||
    (sub === 'global' && command.args.operands[0]?.value === 'add')
  );
}

function isCacheClean(rc: RunCommand): boolean {
  const command = packageCommand(rc);
  if (
    command?.manager === 'yarn' &&
    command.subcommand?.value === 'cache' &&
    command.args.operands[0]?.value === 'clean'
  )
    return true;
  return rc.name === 'rm' && rc.words.some((w) => w.value !== null && /yarn/i.test(w.value) && /cache/i.test(w.value));
}

/**
 * Appends `&& yarn cache clean` after the last yarn command of the `&&` chain
 * that holds the install, when the chain is at the top level of the script
 * and nothing after it depends on how the chain ends (`||`, pipes).
 */
function cleanFix(model: DockerfileModel, install: RunCommand): FixProposal[] {
  const commands = install.script.commands;
  let index = commands.indexOf(install.command);
  if (index < 0 || install.command.nested || install.command.inPipeline) return [];
  for (
    let j = index + 1;
    j < commands.length && commands[j].join === '&&' && !commands[j].nested && !commands[j].inPipeline;
    j++
  ) {
    if (commandName(effectiveWords(commands[j])) === 'yarn') index = j;
  }
  const next = commands[index + 1];
  if (next && next.join !== '&&' && next.join !== ';' && next.join !== 'newline') return [];
  const last = commands[index];
  return [
    {
      title: 'Add "yarn cache clean" to the same RUN',
      safe: false,
      edits: [TextEdit.insert(model.document.positionAt(last.end), ' && yarn cache clean')],
    },
  ];
}

/** Flags that exist only in Yarn 2 and later, where the cache may be what Plug'n'Play loads packages from. */
const MODERN_YARN_FLAGS = ['--immutable', '--immutable-cache', '--check-cache', '--mode', '--refresh-lockfile'];

export default defineDockerfileRule({
  id: 'yarn-cache-clean',
  title: 'Clean the yarn cache in the RUN that installs',
  defaultSeverity: 'info',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3060' }],
  lesson: 'layers-and-cache',
  fix: 'unsafe',
  messages: {
    missing:
      'The packages yarn downloads stay in its cache inside this layer: add "yarn cache clean" to the same RUN, or use a cache mount.',
  },
  docs: {
    flags: `\`yarn install\` (also a bare \`yarn\`, \`yarn add\` and \`yarn global add\`) in a \`RUN\` that does not run
      \`yarn cache clean\`, in a stage that ends up in the final image. Not flagged when the \`RUN\` mounts a cache
      for yarn (\`--mount=type=cache,target=/usr/local/share/.cache/yarn\`), removes the yarn cache with \`rm\`, or
      uses flags of Yarn 2+ such as \`--immutable\`. Unlike hadolint, builder stages that are only copied from are
      not flagged.`,
    why: `Yarn 1 keeps a copy of every downloaded package in its global cache
      (\`/usr/local/share/.cache/yarn\` for root) besides \`node_modules\`, so the layer holds every dependency
      twice. Cleaning the cache in the same \`RUN\` keeps it out of the image; a later \`RUN\` cannot shrink a layer
      that is already written. A BuildKit cache mount is better still: the cache survives between builds but
      never enters the image. The quick fix is not applied automatically: with Yarn 2+ in Plug'n'Play mode the
      cache is where packages are loaded from, and cleaning it breaks the application.`,
    bad: [
      {
        code: `FROM node:20.14-alpine3.20
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production
COPY . .
USER node
`,
        fixed: `FROM node:20.14-alpine3.20
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production && yarn cache clean
COPY . .
USER node
`,
        expect: [{ messageId: 'missing', line: 4, column: 10, text: 'install' }],
      },
    ],
    good: [
      {
        code: `FROM node:20.14-alpine3.20
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production && yarn cache clean
COPY . .
USER node
`,
      },
      {
        caption: 'A cache mount keeps the cache out of the image',
        code: `FROM node:20.14-alpine3.20
WORKDIR /app
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile --production
COPY . .
USER node
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of shippedStages(model)) {
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        checkRun(model, run, commandsOf(model, run), report);
      }
    }
  },
});

function checkRun(model: DockerfileModel, run: Instruction, commands: readonly RunCommand[], report: Report): void {
  const installs = commands.map(packageCommand).filter(isYarnInstall);
  if (installs.length === 0 || installs.some((i) => hasParsedOption(i.args, ...MODERN_YARN_FLAGS))) return;
  if (commands.some(isCacheClean) || mountsCacheAt(run, /yarn/i)) return;
  const install = installs[0];
  const word = install.subcommand ?? install.words[0];
  report({ messageId: 'missing', range: model.rangeOf(word.start, word.end), fixes: () => cleanFix(model, install) });
}
