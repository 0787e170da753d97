import { TextEdit } from 'vscode-languageserver-types';
import { parseAllDocuments } from 'yaml';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'compose-version-obsolete',
  title: 'The top-level "version" key is obsolete',
  defaultSeverity: 'warning',
  category: 'maintainability',
  equivalents: [{ tool: 'dclint', id: 'no-version-field' }],
  lesson: 'compose',
  fix: 'safe',
  messages: {
    obsolete:
      'The top-level "version" is obsolete: Docker Compose ignores it (and warns) and always applies the current Compose Specification.',
  },
  docs: {
    flags: `A top-level \`version:\` key in a compose file.`,
    why: `Compose v2 implements the Compose Specification, which has no versions: the \`version\` value is
      ignored and \`docker compose\` prints a warning that it is obsolete. Keeping it suggests that features are
      limited to that old file format, which is no longer true.`,
    bad: [
      {
        code: `version: "3.8"
services:
  web:
    image: nginx:1.27
`,
        fixed: `services:
  web:
    image: nginx:1.27
`,
        expect: [{ messageId: 'obsolete', line: 1, column: 1, text: 'version' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: nginx:1.27
`,
      },
    ],
  },
  check(model, report) {
    const pair = model.topLevelPair('version');
    if (!pair) return;
    const range = model.rangeOfNode(pair.key);
    if (!range) return;
    report({
      messageId: 'obsolete',
      range,
      tags: ['deprecated'],
      fixes: () => {
        const span = model.lineSpanOfPair(pair);
        if (!span) return [];
        // In a file the YAML parser reads only just, the lines below may read differently without this one: no fix then.
        const after = model.text.slice(0, span.start) + model.text.slice(span.end);
        if (yamlErrorCount(after) > yamlErrorCount(model.text)) return [];
        return [
          {
            title: 'Remove the obsolete "version" key',
            safe: true,
            edits: [TextEdit.del(model.rangeOf(span.start, span.end))],
          },
        ];
      },
    });
  },
});

/** How many errors the YAML parser finds in a text. */
function yamlErrorCount(text: string): number {
  return parseAllDocuments(text).reduce((count, doc) => count + doc.errors.length, 0);
}
