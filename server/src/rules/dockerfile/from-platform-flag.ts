import { deleteFlag } from '../../dockerfile/edits';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'from-platform-flag',
  title: 'Do not use --platform with FROM',
  defaultSeverity: 'warning',
  preset: 'strict',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3029' }],
  lesson: 'multi-stage-builds',
  fix: 'unsafe',
  messages: {
    platform: 'Do not use --platform with FROM: let docker build --platform choose the platform.',
  },
  docs: {
    flags: `Every \`FROM --platform=…\`, whatever its value, as hadolint's DL3029 does. In the \`strict\` preset,
      not the default one: it also flags \`--platform=$BUILDPLATFORM\`, the pattern Docker recommends for
      cross-compiling stages. The checks of the default preset follow BuildKit instead:
      [from-platform-flag-const](from-platform-flag-const.md) flags constant platforms and
      [redundant-target-platform](redundant-target-platform.md) flags \`$TARGETPLATFORM\`. Turn this rule on
      (\`"DL3029": "warning"\`) if your policy is to never set a platform in a Dockerfile.`,
    why: `A platform written into a Dockerfile overrides the one the build asks for. With a constant value,
      the image can end up with binaries for the wrong architecture; with a variable, readers must know the
      predefined platform arguments to follow the build. Teams that build for one platform only may prefer to
      keep all platform choices on the command line. The quick fix removes the flag; it is not applied
      automatically, because the stage then runs on the target platform (under emulation when that differs from
      the build machine).`,
    bad: [
      {
        code: `FROM --platform=$BUILDPLATFORM alpine:3.20
USER nobody
`,
        fixed: `FROM alpine:3.20
USER nobody
`,
        settings: { rules: { 'from-platform-flag': 'warning' } },
        expect: [{ messageId: 'platform', line: 1, column: 6, text: '--platform=$BUILDPLATFORM' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
USER nobody
`,
        settings: { rules: { 'from-platform-flag': 'warning' } },
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const flag = stage.from.getPlatformFlag();
      if (!flag || !flag.getValue()) continue;
      report({
        messageId: 'platform',
        range: flag.getRange(),
        fixes: () => [
          {
            title: 'Remove --platform (build this stage for the requested platform)',
            safe: false,
            edits: [deleteFlag(model, flag)],
          },
        ],
      });
    }
  },
});
