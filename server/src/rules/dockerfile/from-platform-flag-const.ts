import { TextEdit } from 'vscode-languageserver-types';
import { deleteFlag } from '../../dockerfile/edits';
import { DockerfileModel, Stage } from '../../dockerfile/model';
import { fromReferences, resolveStageRef } from '../../dockerfile/stageRefs';
import { variableReferences } from '../../dockerfile/variables';
import { defineDockerfileRule, FixProposal } from '../types';

export default defineDockerfileRule({
  id: 'from-platform-flag-const',
  title: 'Do not pin FROM --platform to a constant',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'buildkit', id: 'FromPlatformFlagConstDisallowed' }],
  lesson: 'multi-stage-builds',
  fix: 'unsafe',
  messages: {
    constant:
      'FROM --platform={platform} pins this stage to one platform: use a variable such as $BUILDPLATFORM, drop the flag, or name the stage after the platform.',
  },
  docs: {
    flags: `A \`FROM --platform=\` with a constant value such as \`linux/amd64\`, unless the stage name contains
      the platform's OS or architecture (\`AS build-amd64\`), which marks a deliberately platform-specific stage.
      This is BuildKit's FromPlatformFlagConstDisallowed. The related
      [from-platform-flag](from-platform-flag.md) (hadolint DL3029, in the \`strict\` preset) flags every
      \`--platform\`, variables included.`,
    why: `A constant platform forces that stage onto one platform whatever \`docker build --platform\` asks
      for: a multi-platform build then produces images that contain binaries for the wrong architecture, or runs
      everything under emulation. Leave the platform to the build command, or use \`$BUILDPLATFORM\` for stages
      that only run build tools. The quick fix removes the flag; for a stage that other stages copy from, a
      second one sets \`--platform=$BUILDPLATFORM\` (right when the stage produces platform-independent files or
      cross-compiles for \`$TARGETARCH\`). Neither is applied automatically: both change where the stage runs.`,
    bad: [
      {
        code: `FROM --platform=linux/amd64 alpine:3.20
USER nobody
`,
        fixed: `FROM alpine:3.20
USER nobody
`,
        expect: [{ messageId: 'constant', line: 1, column: 6, text: '--platform=linux/amd64' }],
      },
      {
        caption: 'A build stage whose output is copied: the second quick fix runs it on the build platform',
        code: `FROM --platform=linux/amd64 node:20-alpine AS assets
RUN echo built > /index.html
FROM nginx:1.27
COPY --from=assets /index.html /usr/share/nginx/html/
USER nginx
`,
        fixed: `FROM node:20-alpine AS assets
RUN echo built > /index.html
FROM nginx:1.27
COPY --from=assets /index.html /usr/share/nginx/html/
USER nginx
`,
        expect: [{ messageId: 'constant', line: 1, column: 6, text: '--platform=linux/amd64' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
USER nobody
`,
      },
      {
        caption: 'Platform-specific stages named after their platform',
        code: `FROM --platform=linux/amd64 alpine:3.20 AS base-amd64
FROM --platform=linux/arm64 alpine:3.20 AS base-arm64
FROM base-amd64
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue()?.replace(/^(["'])(.*)\1$/, '$2');
      if (!flag || !value || variableReferences(value, 0, model.escapeChar).length > 0 || value.includes('$')) continue;
      const platform = parsePlatform(value);
      if (!platform) continue;
      const name = (stage.name ?? '').toLowerCase();
      if ((platform.os && name.includes(platform.os)) || (platform.arch && name.includes(platform.arch))) continue;
      report({
        messageId: 'constant',
        data: { platform: value },
        range: flag.getRange(),
        fixes: () => platformFixes(model, stage),
      });
    }
  },
});

function platformFixes(model: DockerfileModel, stage: Stage): FixProposal[] {
  const flag = stage.from.getPlatformFlag()!;
  const fixes: FixProposal[] = [
    {
      title: 'Remove --platform (build this stage for the requested platform)',
      safe: false,
      edits: [deleteFlag(model, flag)],
    },
  ];
  if (isCopiedBuilder(model, stage)) {
    fixes.push({
      title: 'Run this stage on the build platform (--platform=$BUILDPLATFORM)',
      safe: false,
      edits: [TextEdit.replace(flag.getRange(), '--platform=$BUILDPLATFORM')],
    });
  }
  return fixes;
}

/** A stage that is not the final one and whose files later stages copy (the cross-compiling pattern). */
function isCopiedBuilder(model: DockerfileModel, stage: Stage): boolean {
  if (stage === model.finalStage || model.stages.some((s) => s.fromStage === stage)) return false;
  for (const ref of fromReferences(model)) {
    const target = resolveStageRef(model, ref.name, ref.stage);
    if (target.kind === 'stage' && target.stage === stage) return true;
  }
  return false;
}

const OPERATING_SYSTEMS = new Set([
  'linux',
  'windows',
  'darwin',
  'freebsd',
  'netbsd',
  'openbsd',
  'solaris',
  'illumos',
  'aix',
  'android',
  'ios',
  'plan9',
  'js',
  'wasip1',
]);
const ARCH_ALIASES: Record<string, string> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
  i386: '386',
  i686: '386',
};

/** `os[/arch[/variant]]` as containerd reads it, normalised; null when it is not a platform. */
function parsePlatform(value: string): { os: string | null; arch: string | null } | null {
  const parts = value.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) return null;
  const arch = (a: string | undefined) => (a === undefined ? null : (ARCH_ALIASES[a] ?? a));
  if (parts.length === 1)
    return OPERATING_SYSTEMS.has(parts[0]) ? { os: parts[0], arch: null } : { os: null, arch: arch(parts[0]) };
  return { os: parts[0], arch: arch(parts[1]) };
}
