import { TextEdit } from 'vscode-languageserver-types';
import { portSpecProblem } from '../../dockerfile/ports';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'expose-invalid-format',
  title: 'EXPOSE takes container ports, not IP addresses or host ports',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'buildkit', id: 'ExposeInvalidFormat' }],
  lesson: 'networking',
  fix: 'safe',
  messages: {
    format:
      '"{value}" maps an IP address or host port, which EXPOSE ignores: write only the container port "{port}" and publish with docker run -p.',
  },
  docs: {
    flags: `An \`EXPOSE\` value with a colon, i.e. an IP address or a host-port mapping (\`127.0.0.1:8080:80\`,
      \`8080:80\`). Values built from variables are not judged, nor mappings BuildKit refuses outright (a bad IP
      address or host port: [expose-valid-port](expose-valid-port.md) reports those as errors).`,
    why: `\`EXPOSE\` only documents which ports the container listens on; which host address and port they are
      published to is decided when the container runs (\`docker run -p\`, compose \`ports:\`). Docker keeps only the
      container port of such a value and drops the rest, so the Dockerfile promises a mapping that never
      happens. BuildKit warns, and has announced that this will become an error. The fix keeps the container
      port, which is all Docker uses.`,
    bad: [
      {
        code: `FROM nginx:1.27
EXPOSE 127.0.0.1:8080:80
USER nginx
`,
        fixed: `FROM nginx:1.27
EXPOSE 80
USER nginx
`,
        expect: [{ messageId: 'format', line: 2, column: 8, text: '127.0.0.1:8080:80' }],
      },
      {
        code: `FROM nginx:1.27
EXPOSE 8080:80/tcp
USER nginx
`,
        fixed: `FROM nginx:1.27
EXPOSE 80/tcp
USER nginx
`,
        expect: [{ messageId: 'format', line: 2, column: 8, text: '8080:80/tcp' }],
      },
    ],
    good: [
      {
        code: `FROM nginx:1.27
EXPOSE 80/tcp
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
        if (value.includes('$') || !value.includes(':')) continue;
        // A mapping BuildKit refuses outright is expose-valid-port's error.
        if (portSpecProblem(value)) continue;
        const port = value.slice(value.lastIndexOf(':') + 1);
        const range = arg.getRange();
        report({
          messageId: 'format',
          data: { value, port },
          range,
          // Only a real container port (`80`, `8000-8010`, `53/udp`) is kept; anything else needs a person.
          fixes: () =>
            /^\d+(-\d+)?(\/[A-Za-z]*)?$/.test(port)
              ? [{ title: `Expose only ${port}`, safe: true, edits: [TextEdit.replace(range, port)] }]
              : [],
        });
      }
    }
  },
});
