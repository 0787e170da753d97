import { runCommands } from '../../dockerfile/commands';
import { hasParsedOption, isSubcommand, packageCommands } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'gem-pin-versions',
  title: 'Pin gem versions in gem install',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3028' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    unpinned: 'Gem "{package}" has no version: pin it as "{package}:<version>" or with --version.',
  },
  docs: {
    flags: 'A gem in `gem install` (or `gem i`) without a version, unless the command gives `-v`/`--version`. Local `.gem` files and gems given through a variable are not flagged.',
    why: 'Without a version `gem install` fetches the newest release on the day of the build, so the same Dockerfile gives different images and a new major version can break the build. Write `gem install bundler:2.5.11` (or `--version 2.5.11`); for application gems, copy `Gemfile` and `Gemfile.lock` and run `bundle install`, which installs the locked versions.',
    bad: [{ code: 'FROM ruby:3.3-slim\nRUN gem install bundler\nUSER nobody\n' }],
    good: [
      { code: 'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.11\nUSER nobody\n' },
      { code: 'FROM ruby:3.3-slim\nRUN gem install rails --version 7.1.3\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isSubcommand(command, 'gem', ['install', 'i'])) continue;
      if (hasParsedOption(command.args, '-v', '--version')) continue;
      for (const word of command.args.operands) {
        const name = word.value;
        if (name === null || name.includes(':') || name.endsWith('.gem')) continue;
        report({ messageId: 'unpinned', data: { package: name }, range: model.rangeOf(word.start, word.end) });
      }
    }
  },
});
