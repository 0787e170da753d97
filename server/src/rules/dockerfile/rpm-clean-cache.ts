import { TextEdit } from 'vscode-languageserver-types';
import { commandsOf, RunCommand, shippedStages } from '../../dockerfile/commands';
import {
  cacheIsMounted,
  fillsCache,
  isClean,
  removesCache,
  RpmCommand,
  rpmCommandOf,
  RpmTool,
} from '../../dockerfile/rpm';
import { defineDockerfileRule } from '../types';

const HADOLINT_CODE: Record<RpmTool, string> = { yum: 'DL3032', dnf: 'DL3040', microdnf: 'DL3040', zypper: 'DL3036' };
const CLEAN_COMMAND: Record<RpmTool, string> = {
  yum: 'yum clean all',
  dnf: 'dnf clean all',
  microdnf: 'microdnf clean all',
  zypper: 'zypper clean --all',
};

/** yum is dnf on current Red Hat systems, and they share their cache: any of them may clean up after the others. */
function family(tool: RpmTool): 'dnf' | 'zypper' {
  return tool === 'zypper' ? 'zypper' : 'dnf';
}

export default defineDockerfileRule({
  id: 'rpm-clean-cache',
  title: 'Clean the yum, dnf or zypper cache in the RUN that installs packages',
  defaultSeverity: 'warning',
  category: 'performance',
  equivalents: [
    { tool: 'hadolint', id: 'DL3032' },
    { tool: 'hadolint', id: 'DL3036' },
    { tool: 'hadolint', id: 'DL3040' },
    { tool: 'trivy', id: 'DS015' },
    { tool: 'trivy', id: 'DS019' },
    { tool: 'trivy', id: 'DS020' },
  ],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    missing: '"{tool} {subcommand}" leaves its package cache in this layer: add "{clean}" to the same RUN.',
  },
  docs: {
    flags: `A \`RUN\` in a stage that ends up in the final image, where \`yum\`, \`dnf\`, \`microdnf\` or \`zypper\`
      installs or upgrades packages and no \`clean\` of the same family (or an \`rm\` of its cache directory)
      follows the last such command. A \`RUN\` that mounts a cache (or tmpfs) on the cache directory is not
      flagged, nor are builder stages whose files are only copied from.`,
    why: `These tools keep the repository metadata they downloaded (often over a hundred megabytes) and
      sometimes the packages themselves under \`/var/cache/dnf\`, \`/var/cache/yum\` or \`/var/cache/zypp\`. Each
      instruction freezes its files into a layer, so a cleanup in a later \`RUN\` hides them without shrinking the
      image: the cleanup must be in the same \`RUN\`, after the last install. A later \`RUN\` that installs more
      packages simply downloads the metadata again. A \`--mount=type=cache\` on the cache directory is the modern
      alternative: nothing reaches a layer, and rebuilds reuse the downloads.`,
    bad: [
      {
        code: `FROM fedora:40
RUN dnf install -y httpd-2.4.62
USER nobody
`,
        fixed: `FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 9, text: 'install' }],
      },
      {
        caption: 'The clean-up has to come after the last install',
        code: `FROM centos:7
RUN yum clean all && yum install -y httpd-2.4.6
USER nobody
`,
        fixed: `FROM centos:7
RUN yum clean all && yum install -y httpd-2.4.6 && yum clean all
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 26, text: 'install' }],
      },
      {
        code: `FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 \\
 && zypper -n install git=2.43.0
USER nobody
`,
        fixed: `FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 \\
 && zypper -n install git=2.43.0 && zypper clean --all
USER nobody
`,
        expect: [{ messageId: 'missing', line: 3, column: 15, text: 'install' }],
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
        code: `FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 && zypper clean --all
USER nobody
`,
      },
      {
        caption: 'Removing the cache directory works too',
        code: `FROM centos:7
RUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum
USER nobody
`,
      },
      {
        caption: 'A cache mount keeps the cache out of the image',
        code: `FROM fedora:40
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd-2.4.62
USER nobody
`,
      },
      {
        caption: 'A builder stage that is not shipped',
        code: `FROM fedora:40 AS build
RUN dnf install -y gcc-14.2.1 && gcc --version > /version
FROM fedora:40
COPY --from=build /version /version
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of shippedStages(model)) {
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        const commands = commandsOf(model, run);
        const rpm = commands.map((c) => rpmCommandOf(c));
        for (const fam of ['dnf', 'zypper'] as const) {
          let last = -1;
          rpm.forEach((c, i) => {
            if (c && family(c.tool) === fam && fillsCache(c)) last = i;
          });
          if (last < 0) continue;
          const install = rpm[last]!;
          if (cacheIsMounted(run, install.tool)) continue;
          const cleaned = commands.slice(last + 1).some((c, k) => {
            const r = rpm[last + 1 + k];
            return (r && family(r.tool) === fam && isClean(r)) || removesCache(c, install.tool);
          });
          if (cleaned) continue;
          const clean = CLEAN_COMMAND[install.tool];
          report({
            messageId: 'missing',
            data: { tool: install.tool, subcommand: install.subcommand.value!, clean },
            range: model.rangeOf(install.subcommand.start, install.subcommand.end),
            hadolintCode: HADOLINT_CODE[install.tool],
            fixes: () => {
              if (!canAppendTo(install, commands[last + 1])) return [];
              return [
                {
                  title: `Add "${clean}" after the install`,
                  safe: true,
                  edits: [TextEdit.insert(model.document.positionAt(install.command.end), ` && ${clean}`)],
                },
              ];
            },
          });
        }
      }
    }
  },
});

/** `install && clean` keeps the meaning of the list only when the install is a plain link of the top-level chain. */
function canAppendTo(install: RpmCommand, next: RunCommand | undefined): boolean {
  const command = install.command;
  if (command.nested || command.inPipeline) return false;
  if (command.join !== 'start' && command.join !== '&&' && command.join !== ';' && command.join !== 'newline')
    return false;
  if (
    next &&
    next.script === install.script &&
    (next.command.join === '||' || next.command.join === '|' || next.command.join === '|&')
  )
    return false;
  return true;
}
