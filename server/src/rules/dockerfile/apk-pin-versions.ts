import { runCommands } from '../../dockerfile/commands';
import { isSubcommand, packageCommands } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';
import { reportUnpinned } from '../unpinnedPackages';

export default defineDockerfileRule({
  id: 'apk-pin-versions',
  title: 'Pin package versions in apk add',
  defaultSeverity: 'warning',
  preset: 'strict',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3018' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    unpinned:
      '"{command}" leaves "{package}" unpinned: pin it as "{package}=<version>" (or "{package}~<version>" to allow patch releases).',
    unpinnedMany:
      '"{command}" leaves {count} packages unpinned ({packages}): pin each one ("{package}=<version>", or "{package}~<version>" to allow patch releases).',
  },
  docs: {
    flags: `An \`apk add\` with packages that have no version constraint (\`=\`, \`~\`, \`<\`, \`>\`): one finding per
      command, naming its unpinned packages. The name given to \`--virtual\`/\`-t\`, repositories given with \`-X\`,
      local \`.apk\` files and packages given through a variable are not flagged.`,
    why: `Without a version apk installs whatever the Alpine mirror holds on the day of the build, so the
      same Dockerfile gives different images over time. \`curl=8.9.1-r2\` pins an exact release; \`curl~8.9\`
      accepts any release of 8.9, which keeps security patches while avoiding surprise upgrades. Alpine removes
      superseded versions from its branches, so revisit the pins when you update the base image. That is also
      why this rule is in the \`strict\` preset, not the default one: an exact pin fails the build as soon as a
      security update replaces the version, and the official images pin the software they ship rather than each
      OS package.`,
    bad: [
      {
        code: `FROM alpine:3.20
RUN apk add --no-cache curl
USER nobody
`,
        expect: [{ messageId: 'unpinned', line: 2, column: 24, text: 'curl' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r2
USER nobody
`,
      },
      {
        caption: 'A fuzzy pin and a virtual package name',
        code: `FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps gcc~13.2 musl-dev=1.2.5-r0
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isSubcommand(command, 'apk', ['add'])) continue;
      const unpinned = command.args.operands.filter((word) => {
        const name = word.value;
        return name !== null && !/[=~<>]/.test(name) && !name.endsWith('.apk');
      });
      reportUnpinned(model, report, command, unpinned);
    }
  },
});
