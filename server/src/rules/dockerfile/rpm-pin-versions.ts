import {
  installedPackages,
  isUnpinnableSpec,
  moduleSpecHasStream,
  RpmTool,
  rpmCommands,
  rpmSpecHasVersion,
  zypperSpecHasVersion,
} from '../../dockerfile/rpm';
import { ShellWord } from '../../shell/shell';
import { defineDockerfileRule } from '../types';
import { spanOf, unpinnedData } from '../unpinnedPackages';

const HADOLINT_CODE: Record<RpmTool, string> = { yum: 'DL3033', dnf: 'DL3041', microdnf: 'DL3041', zypper: 'DL3037' };

export default defineDockerfileRule({
  id: 'rpm-pin-versions',
  title: 'Pin versions in yum, dnf and zypper installs',
  defaultSeverity: 'warning',
  preset: 'strict',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3033' },
    { tool: 'hadolint', id: 'DL3037' },
    { tool: 'hadolint', id: 'DL3041' },
  ],
  lesson: 'registries-and-tags',
  fix: 'none',
  messages: {
    package:
      '"{command}" leaves "{package}" unpinned: pin it to a version ({example}) so that rebuilds install the same package.',
    packageMany:
      '"{command}" leaves {count} packages unpinned ({packages}): pin each one to a version ({example}) so that rebuilds install the same packages.',
    module:
      '"{command}" leaves the module "{package}" without a stream: pin it ({package}:<stream>) so that rebuilds install the same version.',
    moduleMany:
      '"{command}" leaves {count} modules without a stream ({packages}): pin each one ({package}:<stream>) so that rebuilds install the same versions.',
  },
  docs: {
    flags: `Packages given to \`yum install\`, \`dnf install\` or \`microdnf install\` without a version
      (\`name-version[-release]\`, an \`.rpm\` file), modules given to \`dnf module install\` without a stream
      (\`name:stream\`), and packages given to \`zypper install\` without a version constraint (\`name=version\`,
      \`name>=version\`, \`name<version\`…): one finding per command, naming them. Words that are not literal
      (\`$PKGS\`), groups (\`@core\`), paths, URLs and zypper patterns are not checked.`,
    why: `Without a version, the package installed is whatever the repository holds on the day of the build.
      Two builds of the same Dockerfile then differ, and an update can break the image without any change to the
      Dockerfile. A version also changes the instruction text when you bump it, so the build cache is
      invalidated exactly when it should be. A version is recognised the way rpm spells one: for yum and dnf,
      the part after the last \`-\` must be a version or release starting with a digit, so \`python3-pip\` or
      \`java-17-openjdk\` are names, not pinned packages. The rule is in the \`strict\` preset, not the default one:
      distribution repositories replace a package when they publish an update, so an exact pin fails the build
      once that happens.`,
    bad: [
      {
        code: `FROM fedora:40
RUN dnf install -y httpd && dnf clean all
USER nobody
`,
        expect: [{ messageId: 'package', line: 2, column: 20, text: 'httpd' }],
      },
      {
        code: `FROM centos:7
RUN yum install -y python3-pip && yum clean all
USER nobody
`,
        expect: [{ messageId: 'package', line: 2, column: 20, text: 'python3-pip' }],
      },
      {
        code: `FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean --all
USER nobody
`,
        expect: [{ messageId: 'package', line: 2, column: 23, text: 'curl' }],
      },
      {
        code: `FROM rockylinux:9
RUN dnf module install -y nodejs && dnf clean all
USER nobody
`,
        expect: [{ messageId: 'module', line: 2, column: 27, text: 'nodejs' }],
      },
    ],
    good: [
      {
        code: `FROM fedora:40
RUN dnf install -y httpd-2.4.62 python3-pip-23.3.2-1.fc40 && dnf clean all
USER nobody
`,
      },
      {
        code: `FROM opensuse/leap:15.6
RUN zypper -n install "curl>=8.6" git=2.43.0 && zypper clean --all
USER nobody
`,
      },
      {
        code: `FROM rockylinux:9
RUN dnf module install -y nodejs:20 && dnf clean all
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const command of rpmCommands(model)) {
      const installed = installedPackages(command);
      if (!installed) continue;
      const unpinned: ShellWord[] = installed.specs.filter((word) => {
        const spec = word.value;
        if (spec === null || spec === '' || isUnpinnableSpec(spec, command.tool)) return false;
        if (installed.module) return !moduleSpecHasStream(spec);
        return !(command.tool === 'zypper' ? zypperSpecHasVersion(spec) : rpmSpecHasVersion(spec));
      });
      if (unpinned.length === 0) continue;
      const specs = unpinned.map((word) => word.value!);
      const label = [command.tool, command.subcommand.value, ...(installed.module ? ['install'] : [])].join(' ');
      const kind = installed.module ? 'module' : 'package';
      report({
        messageId: unpinned.length === 1 ? kind : `${kind}Many`,
        data: {
          ...unpinnedData(label, specs),
          example: command.tool === 'zypper' ? `${specs[0]}=<version>` : `${specs[0]}-<version>`,
        },
        range: spanOf(model, unpinned),
        hadolintCode: HADOLINT_CODE[command.tool],
      });
    }
  },
});
