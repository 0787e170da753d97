import { rpmCommands } from '../../dockerfile/rpm';
import { removeChainedCommand } from '../../dockerfile/shellEdits';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'zypper-no-dist-upgrade',
  title: 'Do not run zypper dist-upgrade in a build',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3035' }],
  lesson: 'registries-and-tags',
  fix: 'unsafe',
  messages: {
    distUpgrade:
      '"zypper {subcommand}" upgrades the whole distribution during the build: use a newer base image tag instead.',
  },
  docs: {
    flags: `\`zypper dist-upgrade\` (or \`zypper dup\`) in a \`RUN\`.`,
    why: `A distribution upgrade replaces most of the packages of the base image with whatever the
      repositories hold on the day of the build, may switch package vendors, and can move the image to a new
      release. The result is large, differs from build to build, and is no longer the base image that was
      tested. Pick a base image tag of the release you want (and rebuild when it is updated); apply single fixes
      with \`zypper patch\` or \`zypper update <package>\` if you must. The quick fix removes the command from its
      \`&&\` chain; it is not applied automatically because the build then keeps the base image's package
      versions.`,
    bad: [
      {
        code: `FROM opensuse/leap:15.6
RUN zypper -n refresh && zypper -n dist-upgrade && zypper -n install curl=8.6.0 && zypper clean --all
USER nobody
`,
        fixed: `FROM opensuse/leap:15.6
RUN zypper -n refresh && zypper -n install curl=8.6.0 && zypper clean --all
USER nobody
`,
        expect: [{ messageId: 'distUpgrade', line: 2, column: 36, text: 'dist-upgrade' }],
      },
    ],
    good: [
      {
        code: `FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 && zypper clean --all
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const command of rpmCommands(model)) {
      if (command.tool !== 'zypper') continue;
      const sub = command.subcommand.value;
      if (sub !== 'dist-upgrade' && sub !== 'dup') continue;
      // Removing it is the fix; it is offered only where the rest of the chain stays meaningful.
      const removal = removeChainedCommand(model, command.script, command.command);
      report({
        messageId: 'distUpgrade',
        data: { subcommand: sub },
        range: model.rangeOf(command.subcommand.start, command.subcommand.end),
        fixes: removal
          ? () => [{ title: `Remove "zypper ${sub}" (use a newer base image instead)`, safe: false, edits: [removal] }]
          : undefined,
      });
    }
  },
});
