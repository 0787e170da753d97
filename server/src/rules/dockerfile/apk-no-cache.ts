import { TextEdit } from 'vscode-languageserver-types';
import { mountsCacheAt, runCommands } from '../../dockerfile/commands';
import { hasParsedOption, isSubcommand, packageCommand } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'apk-no-cache',
  title: 'apk add should use --no-cache',
  defaultSeverity: 'info',
  category: 'performance',
  equivalents: [
    { tool: 'hadolint', id: 'DL3019' },
    { tool: 'trivy', id: 'DS025' },
  ],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    missing: '"apk add" without --no-cache keeps the package index in the layer: add --no-cache.',
  },
  docs: {
    flags:
      '`apk add` without `--no-cache`, unless the `RUN` mounts a cache on `/var/cache/apk` or the same `RUN` removes `/var/cache/apk/*`.',
    why: 'Without `--no-cache`, `apk` keeps the downloaded package index (and, when a cache is set up, the packages) under `/var/cache/apk`, and that stays in the image layer. `--no-cache` fetches a fresh index for this one command and stores nothing, so there is no `apk update` to run first and nothing to delete afterwards.',
    bad: [
      {
        code: 'FROM alpine:3.20\nRUN apk add curl\nUSER nobody\n',
        fixed: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER nobody\n',
        expect: [{ messageId: 'missing', line: 2, column: 9, text: 'add' }],
      },
    ],
    good: [
      { code: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\nUSER nobody\n' },
      {
        caption: 'A cache mount keeps the cache out of the image',
        code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r2\nUSER nobody\n',
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      const command = packageCommand(rc);
      if (!command || !isSubcommand(command, 'apk', ['add'])) continue;
      const sub = command.subcommand!;
      if (hasParsedOption(command.args, '--no-cache')) continue;
      if (mountsCacheAt(rc.run, /^\/var\/cache\/apk$/)) continue;
      const cleaned = rc.script.commands.some(
        (c) => c.words[0]?.value === 'rm' && c.words.some((w) => w.value?.startsWith('/var/cache/apk')),
      );
      if (cleaned) continue;
      report({
        messageId: 'missing',
        range: model.rangeOf(sub.start, sub.end),
        fixes: () => [
          {
            title: 'Add --no-cache',
            safe: true,
            edits: [TextEdit.insert(model.document.positionAt(sub.end), ' --no-cache')],
          },
        ],
      });
    }
  },
});
