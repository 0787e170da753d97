import { commandsOf, runCommands } from '../../dockerfile/commands';
import { DockerfileModel } from '../../dockerfile/model';
import { PackageCommand, packageCommands } from '../../dockerfile/packages';
import { removeChainedCommand } from '../../dockerfile/shellEdits';
import { defineDockerfileRule, FixProposal } from '../types';

const UPGRADES: Partial<Record<PackageCommand['manager'], string[]>> = {
  apt: ['upgrade', 'dist-upgrade', 'full-upgrade'],
  apk: ['upgrade'],
  yum: ['update', 'upgrade', 'update-minimal', 'upgrade-minimal', 'distro-sync', 'distrosync', 'dsync'],
  zypper: ['update', 'up', 'dist-upgrade', 'dup', 'patch'],
};

export default defineDockerfileRule({
  id: 'no-package-upgrade',
  title: 'Prefer a newer base image to upgrading every package',
  defaultSeverity: 'info',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3005' },
    { tool: 'hadolint', id: 'DL3031' },
    { tool: 'trivy', id: 'DS024' },
  ],
  lesson: 'layers-and-cache',
  fix: 'unsafe',
  messages: {
    upgrade:
      '"{command}" upgrades every package of the base image inside a cached layer: prefer a newer base image (rebuild it with --pull) and install only what you need.',
  },
  docs: {
    flags: `A whole-system upgrade: \`apt-get upgrade\`, \`dist-upgrade\` or \`full-upgrade\` (also with \`apt\`),
      \`apk upgrade\`, \`yum\`/\`dnf\`/\`microdnf update\` or \`upgrade\`, \`zypper update\` or \`dist-upgrade\`, when no
      package is named. Upgrading named packages is not flagged. hadolint removed its similar rules (DL3005 for
      apt-get, DL3031 for yum), so this one only informs.`,
    why: `Official base images are rebuilt regularly with their security updates, so a recent base image
      usually gives you the same fixes without any upgrade. An upgrade in the Dockerfile has costs: the new
      versions are stored next to the old ones in the base layer, so the image grows; the result depends on the
      day of the build; and, because the layer is cached, later builds keep the packages of the first build
      until the cache is dropped, which gives a false feeling of being up to date. Prefer a tag that gets
      rebuilt (or a digest that you bump), and \`docker build --pull\`. When the base really lags behind a fix you
      need, an upgrade is a reasonable stopgap: keep it and silence this rule. The quick fix removes the upgrade
      from its \`&&\` chain; it is not applied automatically (the image then keeps the base image's package
      versions), and it is not offered when the upgrade is the whole \`RUN\` or the only thing an \`update\` before
      it was for.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get upgrade -y && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'upgrade', line: 2, column: 31, text: 'upgrade' }],
      },
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'upgrade', line: 2, column: 31, text: 'upgrade' }],
      },
      {
        code: `FROM alpine:3.20
RUN apk upgrade --no-cache
USER nobody
`,
        expect: [{ messageId: 'upgrade', line: 2, column: 9, text: 'upgrade' }],
      },
    ],
    good: [
      {
        caption: 'A current base image instead',
        code: `FROM debian:12.6-slim
USER nobody
`,
      },
      {
        caption: 'Upgrading one package',
        code: `FROM alpine:3.20
RUN apk upgrade --no-cache openssl
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      const upgrades = UPGRADES[command.manager];
      const sub = command.subcommand;
      if (!upgrades || !sub || !upgrades.includes(sub.value!)) continue;
      if (command.args.operands.length > 0) continue;
      const name = command.name ?? command.manager;
      const hadolintCode = name === 'apt-get' ? 'DL3005' : name === 'yum' ? 'DL3031' : undefined;
      // Decided now (it is cheap) so that a refused removal offers no empty fix.
      const fixes = removeUpgradeFixes(model, command, `${name} ${sub.value}`);
      report({
        messageId: 'upgrade',
        data: { command: `${name} ${sub.value}` },
        range: model.rangeOf(sub.start, sub.end),
        hadolintCode,
        fixes: fixes.length > 0 ? () => fixes : undefined,
      });
    }
  },
});

function removeUpgradeFixes(model: DockerfileModel, upgrade: PackageCommand, label: string): FixProposal[] {
  // `apt-get update && apt-get upgrade`: without the upgrade, the update would be left with nothing to do.
  const others = [...packageCommands(commandsOf(model, upgrade.run))].filter(
    (c) => c.manager === upgrade.manager && c.command !== upgrade.command,
  );
  const indexUpdate = upgrade.manager === 'apt' || upgrade.manager === 'apk' ? 'update' : null;
  if (
    indexUpdate &&
    others.some((c) => c.subcommand?.value === indexUpdate) &&
    !others.some((c) => c.subcommand?.value !== indexUpdate)
  )
    return [];
  const edit = removeChainedCommand(model, upgrade.script, upgrade.command);
  return edit
    ? [{ title: `Remove "${label}" (keep the base image's package versions)`, safe: false, edits: [edit] }]
    : [];
}
