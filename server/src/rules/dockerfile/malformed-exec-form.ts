import { TextEdit } from 'vscode-languageserver-types';
import { argumentsForm, toExecForm } from '../../dockerfile/execForm';
import { defineDockerfileRule } from '../types';

const KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL']);

export default defineDockerfileRule({
  id: 'malformed-exec-form',
  title: 'A JSON-looking argument list that Docker runs in shell form',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    malformed:
      'This is not valid JSON ({reason}), so Docker runs it in shell form as one command line: write {suggestion}.',
    unterminated:
      'This is not valid JSON ({reason}), so Docker runs it in shell form as one command line: close the string where it ends, with a double quote.',
  },
  docs: {
    flags: `\`CMD\`, \`ENTRYPOINT\`, \`RUN\` or \`SHELL\` arguments that look like an exec-form list but are not valid
      JSON: single quotes, parentheses, unquoted items, a trailing comma, or a string without its closing quote.
      The fix rewrites the list as JSON, except for a missing closing quote: where that string was meant to end
      cannot be told, so there is no fix.`,
    why: `Docker only treats the arguments as exec form when they parse as a JSON array of double-quoted
      strings. Anything else is silently taken as a shell command line: \`CMD ['node', 'app.js']\` runs \`/bin/sh
      -c "['node', 'app.js']"\`, which fails at run time with a confusing "not found" error, or the container
      exits at once. The build itself gives no error.`,
    bad: [
      {
        caption: 'Single quotes',
        code: `FROM node:20-alpine
USER node
CMD ['node', 'server.js']
`,
        fixed: `FROM node:20-alpine
USER node
CMD ["node", "server.js"]
`,
        expect: [{ messageId: 'malformed', line: 3, column: 5, text: "['node', 'server.js']" }],
      },
      {
        caption: 'Parentheses',
        code: `FROM alpine:3.20
USER nobody
ENTRYPOINT ("/bin/app", "--serve")
`,
        fixed: `FROM alpine:3.20
USER nobody
ENTRYPOINT ["/bin/app", "--serve"]
`,
        expect: [{ messageId: 'malformed', line: 3, column: 12, text: '("/bin/app", "--serve")' }],
      },
    ],
    good: [
      {
        code: `FROM node:20-alpine
USER node
CMD ["node", "server.js"]
`,
      },
      {
        caption: 'A shell test is not a list',
        code: `FROM alpine:3.20
RUN [ -d /tmp ] && echo ok
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (!KEYWORDS.has(instruction.getKeyword())) continue;
      const range = instruction.getArgumentsRange();
      if (!range) continue;
      const form = argumentsForm(model, instruction);
      if (form.kind !== 'malformed') continue;
      if (form.values === null) {
        report({ messageId: 'unterminated', data: { reason: form.reason }, range });
        continue;
      }
      const suggestion = toExecForm(form.values);
      report({
        messageId: 'malformed',
        data: { reason: form.reason, suggestion },
        range,
        fixes: () => [{ title: `Rewrite as ${suggestion}`, safe: true, edits: [TextEdit.replace(range, suggestion)] }],
      });
    }
  },
});
