import { runCommands } from '../../dockerfile/commands';
import { isAptInstall, packageCommands } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';
import { reportUnpinned } from '../unpinnedPackages';

export default defineDockerfileRule({
  id: 'apt-get-pin-versions',
  title: 'Pin package versions in apt-get install',
  defaultSeverity: 'warning',
  preset: 'strict',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3008' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    unpinned:
      '"{command}" leaves "{package}" unpinned: pin it as "{package}=<version>" so that a rebuild installs the same package.',
    unpinnedMany:
      '"{command}" leaves {count} packages unpinned ({packages}): pin each one ("{package}=<version>") so that a rebuild installs the same packages.',
  },
  docs: {
    flags: `An \`apt-get install\` (or \`apt install\`) with packages that have no version (\`curl\` instead of
      \`curl=8.5.0-2ubuntu10.6\`): one finding per command, naming its unpinned packages. A release pin
      (\`curl/bookworm-backports\`), a local \`.deb\` file, packages given through a variable and simulations
      (\`apt-get install -s\`, \`--dry-run\`) are not flagged.`,
    why: `Without a version apt installs whatever the mirror holds on the day of the build, so the same
      Dockerfile gives different images over time, and a rebuild can pull in a new major version or fail when
      the base image and the mirror drift apart. With \`package=version\` the build either installs exactly what
      you tested or fails loudly. Find the current version with \`apt-cache policy <package>\` in the base image;
      distributions drop superseded versions, so revisit the pins when you update the base image. That is also
      why this rule is in the \`strict\` preset, not the default one: a Debian or Ubuntu mirror offers only the
      newest version of a package in each suite (an update replaces the older one), so an exact pin makes the
      build fail as soon as a security update lands, and the official images pin the software they ship rather
      than each OS package.`,
    bad: [
      {
        code: `FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'unpinned', line: 2, column: 66, text: 'curl' }],
      },
    ],
    good: [
      {
        code: `FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
      {
        caption: 'Versions from build arguments',
        code: `FROM debian:12-slim
ARG CURL_VERSION=7.88.1-10+deb12u12
RUN apt-get update && apt-get install -y --no-install-recommends "curl=\${CURL_VERSION}" && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isAptInstall(command)) continue;
      const unpinned = command.args.operands.filter((word) => {
        const name = word.value;
        return name !== null && !name.includes('=') && !name.includes('/') && !name.endsWith('.deb');
      });
      reportUnpinned(model, report, command, unpinned);
    }
  },
});
