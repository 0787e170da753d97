import { TextEdit } from 'vscode-languageserver-types';
import { aptConfigItems, aptInstalls } from '../../dockerfile/commands';
import { hasParsedOption, PackageCommand } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';

/** apt's quiet level: each `-q` adds one (`-qq` is two), `--quiet=2` or `-q=2` sets it. Level 2 implies -y. */
function quietLevel(command: PackageCommand): number {
  let level = 0;
  for (const option of command.args.options) {
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(option.word.value ?? '');
    if (set) return Number(set[1]);
    if (option.name === '-q' || option.name === '--quiet') level++;
  }
  return level;
}

export default defineDockerfileRule({
  id: 'apt-get-yes',
  title: 'apt-get install needs -y',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3014' },
    { tool: 'trivy', id: 'DS021' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    missing: '"{command} install" without -y waits for a confirmation that never comes during a build.',
  },
  docs: {
    flags: `\`apt-get install\` (or \`apt install\`) without \`-y\`, \`--yes\`, \`--assume-yes\` or \`-qq\`.`,
    why: `A build has no terminal to answer "Do you want to continue? [Y/n]". Without \`-y\` apt aborts as
      soon as it would ask, so the build fails, or it only works until a package pulls in a new dependency.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 31, text: 'install' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get -qq install --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const install of aptInstalls(model)) {
      const yes =
        hasParsedOption(install.args, '-y', '--yes', '--assume-yes') ||
        quietLevel(install) >= 2 ||
        aptConfigItems(install).some((item) => /^APT::Get::Assume-Yes=(true|1|yes|on)$/i.test(item));
      if (yes) continue;
      report({
        messageId: 'missing',
        data: { command: install.name ?? 'apt-get' },
        range: model.rangeOf(install.subcommand.start, install.subcommand.end),
        fixes: () => [
          {
            title: 'Add -y',
            safe: true,
            edits: [TextEdit.insert(model.document.positionAt(install.subcommand.end), ' -y')],
          },
        ],
      });
    }
  },
});
