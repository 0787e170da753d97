import { TextEdit } from 'vscode-languageserver-types';
import { runCommands } from '../../dockerfile/commands';
import { packageCommand } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';

/**
 * What `apt <command>` is in the tools meant for scripts. Safe: the same work with the same result. Not safe:
 * `apt` downloads packages without keeping the .deb files (APT::Keep-Downloaded-Packages is false for it, true for
 * apt-get), its `upgrade` also installs new dependencies, and apt-cache prints `show` and `search` differently;
 * so those are offered as quick fixes only. Commands with no counterpart (`list`, `edit-sources`) get no fix.
 */
const REPLACEMENTS = new Map<string, { tool: 'apt-get' | 'apt-cache'; command?: string; safe: boolean }>([
  ['update', { tool: 'apt-get', safe: true }],
  ['remove', { tool: 'apt-get', safe: true }],
  ['purge', { tool: 'apt-get', safe: true }],
  ['autoremove', { tool: 'apt-get', safe: true }],
  ['clean', { tool: 'apt-get', safe: true }],
  ['autoclean', { tool: 'apt-get', safe: true }],
  ['install', { tool: 'apt-get', safe: false }],
  ['upgrade', { tool: 'apt-get', safe: false }],
  ['full-upgrade', { tool: 'apt-get', command: 'dist-upgrade', safe: false }],
  ['search', { tool: 'apt-cache', safe: false }],
  ['show', { tool: 'apt-cache', safe: false }],
  ['policy', { tool: 'apt-cache', safe: false }],
  ['depends', { tool: 'apt-cache', safe: false }],
  ['rdepends', { tool: 'apt-cache', safe: false }],
]);

export default defineDockerfileRule({
  id: 'apt-not-apt-get',
  title: 'Use apt-get (or apt-cache), not apt, in scripts',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3027' }],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    apt: '"apt" is meant for people at a terminal and warns that its interface may change: use "{command}" in a Dockerfile.',
    aptOther:
      '"apt" is meant for people at a terminal and warns that its interface may change: use "apt-get" or "apt-cache" in a Dockerfile.',
  },
  docs: {
    flags: `The \`apt\` command in a \`RUN\`.`,
    why: `\`apt\` is the friendly front end for interactive use: progress bars, colours, and a command-line
      interface that Debian does not promise to keep stable. It even prints "WARNING: apt does not have a stable
      CLI interface. Use with caution in scripts." \`apt-get\` and \`apt-cache\` are the stable tools for scripts
      such as Dockerfiles.

      The fix names the matching tool: \`apt-get\` to install and remove, \`apt-get dist-upgrade\` for
      \`full-upgrade\`, \`apt-cache\` for \`search\`, \`show\`, \`policy\` and \`depends\`. Fix-all applies it
      only where the result is the same (\`update\`, \`remove\`, \`purge\`, \`autoremove\`, \`clean\`). Elsewhere
      you choose it: \`apt\` deletes the package files it downloads while \`apt-get\` keeps them in
      \`/var/cache/apt/archives\`, \`apt upgrade\` also installs new dependencies, and \`apt-cache\` prints
      \`show\` and \`search\` differently. \`apt list\` has no counterpart (\`dpkg-query\` lists what is installed), so
      it gets no fix.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'apt', line: 2, column: 23, text: 'apt' }],
      },
      {
        caption: "Searching is apt-cache's work",
        code: `FROM debian:12-slim
RUN apt-get update && apt search --names-only '^python3-yaml$' && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN apt-get update && apt-cache search --names-only '^python3-yaml$' && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'apt', line: 2, column: 23, text: 'apt' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      const word = rc.words[0];
      if (rc.name !== 'apt' || !word || word.value !== 'apt') continue;
      const subcommand = packageCommand(rc)?.subcommand;
      const replacement = subcommand?.value ? REPLACEMENTS.get(subcommand.value) : undefined;
      report({
        ...(replacement && subcommand
          ? { messageId: 'apt', data: { command: `${replacement.tool} ${replacement.command ?? subcommand.value}` } }
          : { messageId: 'aptOther' }),
        range: model.rangeOf(word.start, word.end),
        fixes: () => {
          if (!replacement || !subcommand) return [];
          const edits = [TextEdit.replace(model.rangeOf(word.start, word.end), replacement.tool)];
          if (replacement.command)
            edits.push(TextEdit.replace(model.rangeOf(subcommand.start, subcommand.end), replacement.command));
          const title = `Use ${replacement.tool}${replacement.command ? ` ${replacement.command}` : ''}`;
          return [{ title, safe: replacement.safe, edits }];
        },
      });
    }
  },
});
