import { runCommands } from '../../dockerfile/commands';
import { ShellWord } from '../../shell/shell';
import { isLocalPath, isSubcommand, isUrl, NPM_INSTALL, packageCommands } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';
import { commandLabel, spanOf, unpinnedData } from '../unpinnedPackages';

const GIT = /^(git(\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:)/;
const TARBALL = /\.(tgz|tar|tar\.gz)$/;

/** Why a package spec is not a pin, or null when it is one (or is not a registry package). */
function unpinned(spec: string): 'missing' | 'tag' | null {
  if (isLocalPath(spec) || TARBALL.test(spec)) return null;
  if (GIT.test(spec) || (!spec.startsWith('@') && spec.includes('/') && !isUrl(spec))) {
    // Git dependencies (and `user/repo` GitHub shorthands) are pinned by a commit or tag after `#`.
    return spec.includes('#') ? null : 'missing';
  }
  if (isUrl(spec)) return null;
  const at = spec.indexOf('@', spec.startsWith('@') ? spec.indexOf('/') + 1 : 0);
  if (at < 0) return 'missing';
  const version = spec.slice(at + 1);
  if (version === '') return 'missing';
  if (version.startsWith('npm:')) return unpinned(version.slice(4));
  // A version or range starts with a digit or an operator; anything else is a dist-tag such as `latest`, which moves.
  return /^(v?\d|[\^~<>=*])/.test(version) ? null : 'tag';
}

export default defineDockerfileRule({
  id: 'npm-pin-versions',
  title: 'Pin package versions in npm install',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3016' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    missing:
      '"{command}" leaves "{package}" unpinned: pin it as "{package}@<version>", or install from package.json and its lock file.',
    tag: '"{command}" installs "{package}" by the tag "{tag}", which moves with every release: pin a version ("{name}@<version>").',
    many: '"{command}" leaves {count} packages unpinned ({packages}): pin each one to a version ("{name}@<version>"), or install from package.json and its lock file.',
    manyTagged:
      '"{command}" leaves {count} packages unpinned ({packages}; a tag such as "{tag}" moves with every release): pin each one to a version ("{name}@<version>"), or install from package.json and its lock file.',
  },
  docs: {
    flags: `An \`npm install\` (or \`npm i\`, \`npm add\`) with packages that have no version, or a dist-tag such as
      \`@latest\`: one finding per command, naming those packages. A bare \`npm install\` and \`npm ci\` (which
      install from \`package.json\` and the lock file), local folders, tarballs, git dependencies pinned with
      \`#<commit>\` and packages given through a variable are not flagged. Unlike hadolint, a tag such as
      \`@latest\` or \`@next\` does not count as a pin.`,
    why: `Without a version npm installs the newest release on the day of the build, so the same Dockerfile
      gives different images and a new major version can break the build or the application. Dist-tags like
      \`latest\` move the same way. Pin \`name@version\` for global tools, and for application dependencies copy
      \`package.json\` with its lock file and run \`npm ci\`, which installs exactly the locked versions.`,
    bad: [
      {
        code: `FROM node:20.14-alpine3.20
RUN npm install -g typescript
USER node
`,
        expect: [{ messageId: 'missing', line: 2, column: 20, text: 'typescript' }],
      },
      {
        caption: 'A tag is not a pin',
        code: `FROM node:20.14-alpine3.20
RUN npm install -g npm@latest
USER node
`,
        expect: [{ messageId: 'tag', line: 2, column: 20, text: 'npm@latest' }],
      },
    ],
    good: [
      {
        code: `FROM node:20.14-alpine3.20
RUN npm install -g typescript@5.4.5 @angular/cli@17.3.8
USER node
`,
      },
      {
        caption: 'Locked dependencies from package.json',
        code: `FROM node:20.14-alpine3.20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
`,
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isSubcommand(command, 'npm', NPM_INSTALL)) continue;
      const unpinnedWords: ShellWord[] = [];
      const problems: { spec: string; problem: 'missing' | 'tag' }[] = [];
      for (const word of command.args.operands) {
        const spec = word.value;
        if (spec === null) continue;
        const problem = unpinned(spec);
        if (!problem) continue;
        unpinnedWords.push(word);
        problems.push({ spec, problem });
      }
      if (problems.length === 0) continue;
      const first = problems[0];
      const tagged = problems.find((p) => p.problem === 'tag');
      const tag = tagged ? tagged.spec.slice(tagged.spec.lastIndexOf('@') + 1) : '';
      const name = first.problem === 'tag' ? first.spec.slice(0, first.spec.lastIndexOf('@')) : first.spec;
      const messageId = problems.length === 1 ? first.problem : tagged ? 'manyTagged' : 'many';
      report({
        messageId,
        data: {
          ...unpinnedData(
            commandLabel(command),
            problems.map((p) => p.spec),
          ),
          name,
          tag,
        },
        range: spanOf(model, unpinnedWords),
      });
    }
  },
});
