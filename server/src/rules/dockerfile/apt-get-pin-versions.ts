import { runCommands } from '../../dockerfile/commands';
import { isSubcommand, packageCommands } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'apt-get-pin-versions',
  title: 'Pin package versions in apt-get install',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3008' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    unpinned: 'Package "{package}" has no version: pin it as "{package}=<version>" so a rebuild installs the same package.',
  },
  docs: {
    flags: 'A package in `apt-get install` (or `apt install`) without a version (`curl` instead of `curl=8.5.0-2ubuntu10.6`). A release pin (`curl/bookworm-backports`), a local `.deb` file and packages given through a variable are not flagged.',
    why: 'Without a version apt installs whatever the mirror holds on the day of the build, so the same Dockerfile gives different images over time, and a rebuild can pull in a new major version or fail when the base image and the mirror drift apart. With `package=version` the build either installs exactly what you tested or fails loudly. Find the current version with `apt-cache policy <package>` in the base image; distributions drop superseded versions, so revisit the pins when you update the base image.',
    bad: [
      { code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n' },
    ],
    good: [
      { code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6 && rm -rf /var/lib/apt/lists/*\nUSER nobody\n' },
      {
        caption: 'Versions from build arguments',
        code: 'FROM debian:12-slim\nARG CURL_VERSION=7.88.1-10+deb12u12\nRUN apt-get update && apt-get install -y --no-install-recommends "curl=${CURL_VERSION}" && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isSubcommand(command, 'apt', ['install'])) continue;
      for (const word of command.args.operands) {
        const name = word.value;
        if (name === null || name.includes('=') || name.includes('/') || name.endsWith('.deb')) continue;
        report({ messageId: 'unpinned', data: { package: name }, range: model.rangeOf(word.start, word.end) });
      }
    }
  },
});
