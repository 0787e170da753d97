import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'numeric-user',
  title: 'Give USER as a numeric user id',
  defaultSeverity: 'info',
  preset: 'strict',
  category: 'security',
  equivalents: [{ tool: 'hadolint', id: 'DL3066' }],
  lesson: 'security',
  fix: 'none',
  messages: {
    name: 'User "{user}" is a name: give the numeric user id so that the platform running the container can verify it is not root.',
  },
  docs: {
    flags: `A \`USER\` whose user part (before any \`:group\`) is a name rather than a number. Values from
      variables are not checked. In the \`strict\` preset (hadolint reports it by default), not the default one:
      turn it on where images run under a policy such as Kubernetes \`runAsNonRoot\`.`,
    why: `A user name is only resolved inside the container, through its \`/etc/passwd\`. A host or
      orchestrator that must check the user before starting the container cannot do that: Kubernetes with
      \`runAsNonRoot: true\` refuses to start an image whose \`USER\` is a name, because it cannot prove the name is
      not root. A numeric id (\`USER 10001\`) works everywhere, even without a passwd entry.`,
    bad: [
      {
        code: `FROM alpine:3.20
USER nobody
`,
        settings: { rules: { 'numeric-user': 'info' } },
        expect: [{ messageId: 'name', line: 2, column: 6, text: 'nobody' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
USER 65534:65534
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'USER') continue;
      const arg = instruction.getArguments()[0];
      if (!arg) continue;
      const user = arg.getValue().split(':')[0];
      if (user === '' || /^\d+$/.test(user) || user.includes('$')) continue;
      const start = arg.getRange().start;
      report({
        messageId: 'name',
        data: { user },
        range: { start, end: { line: start.line, character: start.character + user.length } },
      });
    }
  },
});
