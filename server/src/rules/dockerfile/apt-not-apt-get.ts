import { TextEdit } from 'vscode-languageserver-types';
import { runCommands } from '../../dockerfile/commands';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'apt-not-apt-get',
  title: 'Use apt-get (or apt-cache), not apt, in scripts',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3027' }],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    apt: '"apt" is meant for people at a terminal and warns that its interface may change: use "apt-get" in a Dockerfile.',
  },
  docs: {
    flags: `The \`apt\` command in a \`RUN\`.`,
    why: `\`apt\` is the friendly front end for interactive use: progress bars, colours, and a command-line
      interface that Debian does not promise to keep stable. It even prints "WARNING: apt does not have a stable
      CLI interface. Use with caution in scripts." \`apt-get\` and \`apt-cache\` are the stable tools for scripts
      such as Dockerfiles.`,
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
      report({
        messageId: 'apt',
        range: model.rangeOf(word.start, word.end),
        fixes: () => [
          {
            title: 'Use apt-get',
            safe: true,
            edits: [TextEdit.replace(model.rangeOf(word.start, word.end), 'apt-get')],
          },
        ],
      });
    }
  },
});
