import { TextEdit } from 'vscode-languageserver-types';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'expose-proto-casing',
  title: 'Write the EXPOSE protocol in lower case',
  defaultSeverity: 'warning',
  category: 'style',
  equivalents: [{ tool: 'buildkit', id: 'ExposeProtoCasing' }],
  lesson: 'networking',
  fix: 'safe',
  messages: {
    casing: 'Protocol "{protocol}" should be lower case: write "{port}/{expected}".',
  },
  docs: {
    flags: `An \`EXPOSE\` port whose protocol is not in lower case, such as \`80/TCP\`.`,
    why: `Docker's port specifications use \`tcp\`, \`udp\` and \`sctp\` in lower case. Docker lower-cases the
      protocol when it records the port, so \`80/TCP\` works, but the Dockerfile then says something other than
      the image metadata and other port lists (compose files, \`docker run -p\`). BuildKit reports it as the
      ExposeProtoCasing build check.`,
    bad: [
      {
        code: `FROM nginx:1.27
EXPOSE 8080/TCP
USER nginx
`,
        fixed: `FROM nginx:1.27
EXPOSE 8080/tcp
USER nginx
`,
        expect: [{ messageId: 'casing', line: 2, column: 13, text: 'TCP' }],
      },
    ],
    good: [
      {
        code: `FROM nginx:1.27
EXPOSE 8080/tcp 5353/udp
USER nginx
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        const value = arg.getValue();
        // BuildKit's protocol is everything after the first slash (`8080/tcp/X` has `tcp/X`, not a casing matter).
        const slash = value.indexOf('/');
        if (slash < 0) continue;
        const protocol = value.slice(slash + 1);
        if (!/^[A-Za-z]+$/.test(protocol) || protocol === protocol.toLowerCase()) continue;
        const start = arg.getRange().start;
        const range = { start: { line: start.line, character: start.character + slash + 1 }, end: arg.getRange().end };
        const expected = protocol.toLowerCase();
        report({
          messageId: 'casing',
          data: { protocol, port: value.slice(0, slash), expected },
          range: arg.getRange().start.line === arg.getRange().end.line ? range : arg.getRange(),
          fixes: () => [
            {
              title: `Write ${expected}`,
              safe: true,
              edits: [TextEdit.replace(arg.getRange(), `${value.slice(0, slash)}/${expected}`)],
            },
          ],
        });
      }
    }
  },
});
