import { TextEdit } from 'vscode-languageserver-types';
import { CONFIRMING_SUBCOMMANDS, isNonInteractive, RpmTool, rpmCommands } from '../../dockerfile/rpm';
import { defineDockerfileRule } from '../types';

const HADOLINT_CODE: Record<RpmTool, string> = { yum: 'DL3030', dnf: 'DL3038', microdnf: 'DL3038', zypper: 'DL3034' };

export default defineDockerfileRule({
  id: 'rpm-install-yes',
  title: 'yum, dnf and zypper need a non-interactive switch',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3030' },
    { tool: 'hadolint', id: 'DL3034' },
    { tool: 'hadolint', id: 'DL3038' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    missing:
      '"{tool} {subcommand}" without {flag} waits for a confirmation that never comes during a build: add {flag}.',
  },
  docs: {
    flags: `\`yum\`, \`dnf\` or \`microdnf\` \`install\`/\`groupinstall\`/\`localinstall\` without \`-y\` (\`--assumeyes\`),
      and \`zypper\` \`install\`/\`remove\`/\`source-install\`/\`patch\` (and their short forms) without
      \`-n\`/\`--non-interactive\` or \`-y\`/\`--no-confirm\`. Options count in any position and inside clusters such as
      \`-qy\`.`,
    why: `A build has no terminal to answer "Is this ok [y/N]". Without the switch, yum and dnf take the
      missing answer as "no" and exit with an error, and zypper aborts the same way, so the build fails as soon
      as a package has to be confirmed. The fix for zypper adds the global \`--non-interactive\` option right
      after \`zypper\`, which every subcommand understands.`,
    bad: [
      {
        code: `FROM fedora:40
RUN dnf install httpd-2.4.62 && dnf clean all
USER nobody
`,
        fixed: `FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 9, text: 'install' }],
      },
      {
        code: `FROM opensuse/leap:15.6
RUN zypper install curl=8.6.0 && zypper clean --all
USER nobody
`,
        fixed: `FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 && zypper clean --all
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 12, text: 'install' }],
      },
      {
        code: `FROM centos:7
RUN yum install httpd-2.4.6 && yum clean all
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 9, text: 'install' }],
      },
    ],
    good: [
      {
        code: `FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
USER nobody
`,
      },
      {
        code: `FROM centos:7
RUN yum -q -y install httpd-2.4.6 && yum clean all
USER nobody
`,
      },
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
      if (!CONFIRMING_SUBCOMMANDS[command.tool].has(command.subcommand.value!)) continue;
      if (isNonInteractive(command)) continue;
      const zypper = command.tool === 'zypper';
      const toolWord = command.words[0];
      report({
        messageId: 'missing',
        data: { tool: command.tool, subcommand: command.subcommand.value!, flag: zypper ? '--non-interactive' : '-y' },
        range: model.rangeOf(command.subcommand.start, command.subcommand.end),
        hadolintCode: HADOLINT_CODE[command.tool],
        fixes: () => [
          zypper
            ? {
                title: 'Add --non-interactive',
                safe: true,
                edits: [TextEdit.insert(model.document.positionAt(toolWord.end), ' --non-interactive')],
              }
            : {
                title: 'Add -y',
                safe: true,
                edits: [TextEdit.insert(model.document.positionAt(command.subcommand.end), ' -y')],
              },
        ],
      });
    }
  },
});
