import { TextEdit } from 'vscode-languageserver-types';
import { argumentsForm, toExecForm } from '../../dockerfile/execForm';
import { defineDockerfileRule } from '../types';

/** Instructions whose JSON form is a command: anything else is run by the shell as one command line. */
const COMMANDS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL']);
/** Instructions whose JSON form is a list of paths: anything else is split at blanks into paths. */
const PATHS = new Set(['COPY', 'ADD', 'VOLUME']);

export default defineDockerfileRule({
  id: 'malformed-exec-form',
  title: 'A JSON-looking argument list that is not JSON',
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
    malformedPaths:
      'This is not valid JSON ({reason}), so Docker splits it at blanks into paths, brackets and quotes included: write {suggestion}.',
    unterminatedPaths:
      'This is not valid JSON ({reason}), so Docker splits it at blanks into paths, brackets and quotes included: close the string where it ends, with a double quote.',
  },
  docs: {
    flags: `Arguments of \`CMD\`, \`ENTRYPOINT\`, \`RUN\`, \`SHELL\`, \`COPY\`, \`ADD\` or \`VOLUME\` that look like a
      JSON list but are not valid JSON: single quotes, parentheses, unquoted items, a trailing comma, or a string
      without its closing quote. The fix rewrites the list as JSON, except for a missing closing quote: where that
      string was meant to end cannot be told, so there is no fix.`,
    why: `Docker only takes the arguments as a list when they parse as a JSON array of double-quoted strings.
      Anything else is silently read another way. \`CMD\`, \`ENTRYPOINT\`, \`RUN\` and \`SHELL\` take it as a shell
      command line: \`CMD ['node', 'app.js']\` runs \`/bin/sh -c "['node', 'app.js']"\`, which fails at run time with
      a confusing "not found" error, or the container exits at once. \`COPY\`, \`ADD\` and \`VOLUME\` split it at
      blanks into paths, brackets and quotes included: \`VOLUME ['/data']\` declares a volume at \`/['/data']\`, and
      \`COPY ['app.py', '/app/']\` looks for a file named \`['app.py',\`. The parse itself gives no error.`,
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
      {
        caption: 'A volume in single quotes',
        code: `FROM postgres:16
VOLUME ['/var/lib/postgresql/data']
`,
        fixed: `FROM postgres:16
VOLUME ["/var/lib/postgresql/data"]
`,
        expect: [{ messageId: 'malformedPaths', line: 2, column: 8, text: "['/var/lib/postgresql/data']" }],
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
      const keyword = instruction.getKeyword();
      const paths = PATHS.has(keyword);
      if (!paths && !COMMANDS.has(keyword)) continue;
      const range = instruction.getArgumentsRange();
      if (!range) continue;
      const form = argumentsForm(model, instruction);
      if (form.kind !== 'malformed') continue;
      if (form.values === null) {
        report({ messageId: paths ? 'unterminatedPaths' : 'unterminated', data: { reason: form.reason }, range });
        continue;
      }
      const suggestion = toExecForm(form.values);
      report({
        messageId: paths ? 'malformedPaths' : 'malformed',
        data: { reason: form.reason, suggestion },
        range,
        fixes: () => [{ title: `Rewrite as ${suggestion}`, safe: true, edits: [TextEdit.replace(range, suggestion)] }],
      });
    }
  },
});
