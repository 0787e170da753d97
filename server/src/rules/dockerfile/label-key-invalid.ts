import { labelPairs } from '../../dockerfile/labels';
import { defineDockerfileRule } from '../types';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Why a label key breaks Docker's key conventions, or null when it follows them. */
function keyProblem(key: string): string | null {
  if (RESERVED.some((prefix) => key.startsWith(prefix)))
    return 'the com.docker.*, io.docker.* and org.dockerproject.* namespaces are reserved for Docker';
  if (/[^a-z0-9.-]/.test(key)) return 'keys may only use lowercase letters, digits, dots and hyphens';
  if (!/^[a-z]/.test(key)) return 'keys must begin with a lowercase letter';
  if (!/[a-z0-9]$/.test(key)) return 'keys must end with a lowercase letter or a digit';
  if (key.includes('..') || key.includes('--')) return 'keys must not contain consecutive dots or hyphens';
  return null;
}

export default defineDockerfileRule({
  id: 'label-key-invalid',
  title: "Label keys should follow Docker's key format",
  defaultSeverity: 'hint',
  category: 'style',
  equivalents: [{ tool: 'hadolint', id: 'DL3048' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    invalid: 'Label key "{key}": {reason}.',
  },
  docs: {
    flags: `A \`LABEL\` key that uses a reserved Docker namespace, characters other than lowercase letters,
      digits, \`.\` and \`-\`, does not start with a letter or end with a letter or digit, or repeats \`.\` or \`-\`.
      Keys built from variables are not checked.`,
    why: `Docker accepts almost any label key, but its guidelines ask for lowercase reverse-DNS keys
      (\`org.opencontainers.image.source\`) so that tools reading labels from many sources do not collide, and
      they reserve the \`com.docker.*\`, \`io.docker.*\` and \`org.dockerproject.*\` namespaces for Docker itself.
      Keys like \`Version\` or \`my_label\` work, yet they are easy to mistype and do not match what scanners and
      registries look for.`,
    bad: [
      {
        code: `FROM alpine:3.20
LABEL Maintainer="ops@example.com"
USER nobody
`,
        expect: [{ messageId: 'invalid', line: 2, column: 7, text: 'Maintainer' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
LABEL org.opencontainers.image.authors="ops@example.com" maintainer="ops@example.com"
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const pair of labelPairs(model)) {
      if (pair.key.includes('$')) continue;
      const reason = keyProblem(pair.key);
      if (reason) report({ messageId: 'invalid', data: { key: pair.key, reason }, range: pair.keyRange });
    }
  },
});
