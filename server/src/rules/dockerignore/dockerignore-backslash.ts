import { TextEdit } from 'vscode-languageserver-types';
import { defineDockerignoreRule } from '../types';

/** A backslash between name characters reads as a Windows path separator (`build\output`). */
const SEPARATOR = /(?<=[A-Za-z0-9_.*-])\\(?=[A-Za-z0-9_-])/g;

export default defineDockerignoreRule({
  id: 'dockerignore-backslash',
  title: 'Separate .dockerignore paths with /',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    backslash:
      'A backslash is a path separator only when the build runs on Windows; on Linux and macOS it escapes the next character, so this pattern does not match the folder you mean. Write "/".',
  },
  docs: {
    flags: `A backslash used as a path separator in a pattern, such as \`build\\output\`: a backslash between
      name characters. A backslash before a special character (\`\\*\`, \`\\#\`, \`\\!\`) may be a deliberate escape and
      is left alone.`,
    why: `Docker compares \`.dockerignore\` patterns with \`/\`-separated paths. When the build runs on Windows,
      a backslash is turned into a separator too; on Linux and macOS, and so in CI, it escapes the next
      character instead, and \`build\\output\` no longer matches \`build/output\`. The same \`.dockerignore\` then
      sends different files depending on the machine. A forward slash works everywhere, and on Windows it means
      exactly what the backslash meant, so the fix is safe.`,
    bad: [
      {
        code: `.git
build\\output
`,
        fixed: `.git
build/output
`,
        expect: [{ messageId: 'backslash', line: 2, column: 6, text: '\\' }],
      },
    ],
    good: [
      {
        code: `.git
build/output
`,
      },
    ],
  },
  check(model, report) {
    for (const pattern of model.patterns) {
      for (const match of pattern.text.matchAll(SEPARATOR)) {
        const start = pattern.start + match.index;
        const range = model.rangeOf(start, start + 1);
        report({
          messageId: 'backslash',
          range,
          fixes: () => [{ title: 'Use / as the separator', safe: true, edits: [TextEdit.replace(range, '/')] }],
        });
      }
    }
  },
});
