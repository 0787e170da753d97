import { describePortProblem, portSpecProblem } from '../../dockerfile/ports';
import { expandVariables, variableReferences, variableScopes } from '../../dockerfile/variables';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'expose-valid-port',
  title: 'EXPOSE ports must be between 0 and 65535',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3011' },
    { tool: 'trivy', id: 'DS008' },
  ],
  lesson: 'networking',
  fix: 'none',
  messages: {
    range: 'Port {port} is outside the valid range 0–65535.',
    invalid:
      '"{value}" is not a port: write a number (8080), a range (8000-8010), optionally with /tcp, /udp or /sctp.',
    protocol:
      '"{value}": "{protocol}" is not a protocol, and BuildKit stops the build ("invalid proto"): write /tcp, /udp or /sctp after the port.',
    spec: '"{value}": {detail}, and BuildKit stops the build.',
    expanded:
      '"{value}" becomes "{expanded}" with the ENV values set above it: {detail}, and BuildKit stops the build.',
  },
  docs: {
    flags: `An \`EXPOSE\` value that BuildKit refuses: a container port that is not a port number or range
      (\`start-end\`), a port above 65535, a protocol other than \`tcp\`, \`udp\` or \`sctp\` (in any case; a bare
      trailing \`/\` means tcp), and, in values with colons, an IP address that is not one, a host port that is
      not a port, or host and container ranges of different sizes. BuildKit reads the protocol as everything
      after the first \`/\`, so \`8080/tcp/x\` has the protocol \`tcp/x\` and fails the build (older Docker versions,
      which split at every \`/\`, kept \`8080/tcp\`). A value built from variables is judged when every variable is
      an \`ENV\` of the stage with a plain value; \`ARG\`s are not, since \`--build-arg\` may change them. Host
      mappings that are valid are [expose-invalid-format](expose-invalid-format.md)'s.`,
    why: `TCP and UDP ports are 16-bit numbers, so nothing can listen on port 70000. Docker rejects such a
      value when the image is built or the container starts, and a typo here usually means the port you meant to
      document is wrong too.`,
    bad: [
      {
        code: `FROM nginx:1.27
EXPOSE 80800
USER nginx
`,
        expect: [{ messageId: 'range', line: 2, column: 8, text: '80800' }],
      },
      {
        code: `FROM nginx:1.27
EXPOSE http
USER nginx
`,
        expect: [{ messageId: 'invalid', line: 2, column: 8, text: 'http' }],
      },
      {
        caption: 'Not a protocol',
        code: `FROM nginx:1.27
EXPOSE 8080/tcp/x
USER nginx
`,
        expect: [{ messageId: 'protocol', line: 2, column: 8, text: '8080/tcp/x' }],
      },
      {
        caption: 'Not an IP address',
        code: `FROM nginx:1.27
EXPOSE 8080::80
USER nginx
`,
        expect: [{ messageId: 'spec', line: 2, column: 8, text: '8080::80' }],
      },
      {
        caption: 'Through ENV',
        code: `FROM nginx:1.27
ENV PORT=http
EXPOSE $PORT
USER nginx
`,
        expect: [{ messageId: 'expanded', line: 3, column: 8, text: '$PORT' }],
      },
    ],
    good: [
      {
        code: `FROM nginx:1.27
EXPOSE 8080 8443/tcp 5353/udp 9000-9010 8081/
USER nginx
`,
      },
      {
        code: `FROM nginx:1.27
ARG PORT=8080
EXPOSE \${PORT}
USER nginx
`,
      },
    ],
  },
  check(model, report) {
    const scopes = variableScopes(model);
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        const value = arg.getValue();
        const range = arg.getRange();
        if (!value.includes('$')) {
          const problem = portSpecProblem(unescape(value, model.escapeChar));
          if (!problem) continue;
          if (problem.kind === 'protocol' && !value.includes(':'))
            report({ messageId: 'protocol', data: { value, protocol: problem.protocol }, range });
          else if (problem.kind === 'range')
            report({
              messageId: 'range',
              data: { port: problem.port.split('-').find((p) => Number(p) > 65535) ?? problem.port },
              range,
            });
          else if (problem.kind === 'container' && !value.includes(':'))
            report({ messageId: 'invalid', data: { value }, range });
          else report({ messageId: 'spec', data: { value, detail: describePortProblem(problem) }, range });
          continue;
        }
        // A value built from variables is judged only when every variable is an ENV of this stage set to plain text:
        // an ARG may be given another value with --build-arg, and the base image's ENV is not known here.
        const scope = scopes.scopeAt(instruction);
        if (!scope) continue;
        const values = new Map<string, string | null>();
        let known = true;
        for (const ref of variableReferences(value, 0, model.escapeChar)) {
          const definition = scope.defined.get(ref.name);
          if (!definition || definition.kind !== 'env' || definition.value === null || definition.value.includes('$'))
            known = false;
          else values.set(ref.name, definition.value);
        }
        if (!known) continue;
        const expanded = expandVariables(value, values, model.escapeChar);
        if (expanded === null) continue;
        // BuildKit splits the expanded text into words, and checks each.
        for (const word of expanded.split(/[ \t\r\n]+/).filter((w) => w !== '')) {
          const problem = portSpecProblem(word);
          if (problem) {
            report({
              messageId: 'expanded',
              data: { value, expanded: word, detail: describePortProblem(problem) },
              range,
            });
            break;
          }
        }
      }
    }
  },
});

/** The word as BuildKit reads it: escapes removed (`80\\80` is 8080); quotes are kept, as they make the value invalid anyway. */
function unescape(value: string, escapeChar: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) out += value[i] === escapeChar && i + 1 < value.length ? value[++i] : value[i];
  return out;
}
