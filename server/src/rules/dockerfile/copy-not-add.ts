import { Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { keywordLike } from '../../dockerfile/edits';
import { defineDockerfileRule } from '../types';

/** ADD-only behaviour: remote URLs, git repositories and local archives that ADD unpacks. */
const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz)$/i;
/** Flags that COPY does not accept. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export default defineDockerfileRule({
  id: 'copy-not-add',
  title: 'Use COPY rather than ADD for local files',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [
    { tool: 'hadolint', id: 'DL3020' },
    { tool: 'trivy', id: 'DS005' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    add: 'ADD of local files or folders: use COPY, which only copies and never downloads or unpacks.',
  },
  docs: {
    flags: `\`ADD\` whose sources are all local files or folders that are not archives. \`ADD\` of a URL, a git
      repository or a local tar archive (which \`ADD\` unpacks) is left alone.`,
    why: `\`ADD\` does more than copy: it downloads URLs and silently extracts local tar archives. Using it
      for plain files makes the reader wonder which of those behaviours is intended, and a file that happens to
      be an archive gets unpacked by surprise. \`COPY\` does exactly one thing, so Docker's own best-practice
      guide recommends it for local content.`,
    bad: [
      {
        code: `FROM alpine:3.20
ADD app.py /app/
USER nobody
`,
        fixed: `FROM alpine:3.20
COPY app.py /app/
USER nobody
`,
        expect: [{ messageId: 'add', line: 2, column: 1, text: 'ADD' }],
      },
      {
        code: `FROM alpine:3.20
ADD --chown=nobody . /app
USER nobody
`,
        fixed: `FROM alpine:3.20
COPY --chown=nobody . /app
USER nobody
`,
        expect: [{ messageId: 'add', line: 2, column: 1, text: 'ADD' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
COPY app.py /app/
USER nobody
`,
      },
      {
        caption: 'ADD unpacks a local archive',
        code: `FROM alpine:3.20
ADD rootfs.tar.gz /
USER nobody
`,
      },
      {
        caption: 'ADD fetches a URL (with a checksum)',
        code: `FROM alpine:3.20
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'ADD') continue;
      const sources = sourcesOf(instruction);
      if (sources.length === 0) continue;
      if (sources.some((s) => REMOTE.test(s) || ARCHIVE.test(s) || s.includes('$'))) continue;
      const flags =
        'getFlags' in instruction
          ? (instruction as Instruction & { getFlags(): { getName(): string }[] }).getFlags()
          : [];
      if (flags.some((f) => ADD_ONLY_FLAGS.has(f.getName()))) continue;
      report({
        messageId: 'add',
        range: instruction.getInstructionRange(),
        fixes: () => [
          {
            title: 'Replace ADD with COPY',
            safe: true,
            preferred: true,
            edits: [
              TextEdit.replace(instruction.getInstructionRange(), keywordLike(instruction.getInstruction(), 'COPY')),
            ],
          },
        ],
      });
    }
  },
});

/** All arguments but the destination; for the JSON form, the unquoted strings. */
function sourcesOf(instruction: Instruction): string[] {
  const args = instruction.getArguments().map((a) => a.getValue());
  if (args.length > 0 && args[0].startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args.join(' '));
      if (Array.isArray(parsed)) return parsed.slice(0, -1).map(String);
    } catch {
      return [];
    }
  }
  if (args.some((a) => a.startsWith('<<'))) return [];
  // BuildKit reads the words with its shell lexer, which takes the quotes off: `ADD "app.tgz" /srv/` unpacks.
  return args.slice(0, -1).map((a) => a.replace(/^(["'])(.*)\1$/, '$2'));
}
