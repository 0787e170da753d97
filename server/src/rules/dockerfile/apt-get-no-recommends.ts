import { TextEdit } from 'vscode-languageserver-types';
import { aptConfigItems, aptInstalls } from '../../dockerfile/commands';
import { hasParsedOption } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'apt-get-no-recommends',
  title: 'apt-get install should use --no-install-recommends',
  defaultSeverity: 'info',
  category: 'performance',
  equivalents: [
    { tool: 'hadolint', id: 'DL3015' },
    { tool: 'trivy', id: 'DS029' },
  ],
  lesson: 'multi-stage-builds',
  fix: 'unsafe',
  messages: {
    missing: 'Add --no-install-recommends so that apt installs only what you asked for, not every recommended package.',
  },
  docs: {
    flags: `\`apt-get install\` without \`--no-install-recommends\` (or \`-o APT::Install-Recommends=false\`).`,
    why: `By default apt also installs "recommended" packages, which often adds tens or hundreds of
      megabytes (documentation, optional tools, X11 libraries) to the image. Images should contain only what the
      application needs: smaller images pull faster and have fewer packages that can carry vulnerabilities.
      Check that nothing you need was only a recommendation: \`curl\`, for example, recommends \`ca-certificates\`,
      which HTTPS downloads need, so name such packages explicitly.`,
    bad: [
      {
        code: `FROM ubuntu:24.04
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        fixed: `FROM ubuntu:24.04
RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 31, text: 'install' }],
      },
    ],
    good: [
      {
        code: `FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const install of aptInstalls(model)) {
      const off =
        hasParsedOption(install.args, '--no-install-recommends') ||
        aptConfigItems(install).some((item) => /^APT::Install-Recommends=(false|0|no|off)$/i.test(item));
      if (off) continue;
      report({
        messageId: 'missing',
        range: model.rangeOf(install.subcommand.start, install.subcommand.end),
        fixes: () => [
          {
            title: 'Add --no-install-recommends',
            // Unsafe: a recommended package may be needed at run time (curl recommends ca-certificates).
            safe: false,
            edits: [TextEdit.insert(model.document.positionAt(install.subcommand.end), ' --no-install-recommends')],
          },
        ],
      });
    }
  },
});
