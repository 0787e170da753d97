import { runCommands } from '../../dockerfile/commands';
import { hasParsedOption, isSubcommand, packageCommands } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';
import { reportUnpinned } from '../unpinnedPackages';

export default defineDockerfileRule({
  id: 'gem-pin-versions',
  title: 'Pin gem versions in gem install',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3028' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    unpinned: '"{command}" leaves the gem "{package}" unpinned: pin it as "{package}:<version>" or with --version.',
    unpinnedMany:
      '"{command}" leaves {count} gems unpinned ({packages}): pin each one as "{package}:<version>" (--version cannot be used with several gems).',
  },
  docs: {
    flags: `A \`gem install\` (or \`gem i\`) with gems that have no version, unless the command gives
      \`-v\`/\`--version\`: one finding per command, naming its unpinned gems. Local \`.gem\` files, gems given
      through a variable and the build flags after \`--\` are not flagged.`,
    why: `Without a version \`gem install\` fetches the newest release on the day of the build, so the same
      Dockerfile gives different images and a new major version can break the build. Write \`gem install
      bundler:2.5.11\` (or \`--version 2.5.11\`); for application gems, copy \`Gemfile\` and \`Gemfile.lock\` and run
      \`bundle install\`, which installs the locked versions.`,
    bad: [
      {
        code: `FROM ruby:3.3-slim
RUN gem install bundler
USER nobody
`,
        expect: [{ messageId: 'unpinned', line: 2, column: 17, text: 'bundler' }],
      },
    ],
    good: [
      {
        code: `FROM ruby:3.3-slim
RUN gem install bundler:2.5.11
USER nobody
`,
      },
      {
        code: `FROM ruby:3.3-slim
RUN gem install rails --version 7.1.3
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isSubcommand(command, 'gem', ['install', 'i'])) continue;
      if (hasParsedOption(command.args, '-v', '--version')) continue;
      // After `--` come the build flags of the gems' native extensions, not gem names.
      const buildFlags = command.words.find((word) => word.value === '--')?.start ?? null;
      const unpinned = command.args.operands.filter((word) => {
        const name = word.value;
        if (buildFlags !== null && word.start > buildFlags) return false;
        return name !== null && !name.includes(':') && !name.endsWith('.gem');
      });
      reportUnpinned(model, report, command, unpinned);
    }
  },
});
