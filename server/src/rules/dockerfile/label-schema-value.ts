import { labelPairs, matchesLabelType } from '../../dockerfile/labels';
import type { LabelType } from '../../protocol';
import { defineDockerfileRule } from '../types';

/** The hadolint code of each type check; the message id is the type. */
const CODE: Record<Exclude<LabelType, 'text'>, string> = {
  url: 'DL3052',
  rfc3339: 'DL3053',
  spdx: 'DL3054',
  hash: 'DL3055',
  semver: 'DL3056',
  email: 'DL3058',
};

export default defineDockerfileRule({
  id: 'label-schema-value',
  title: 'Label values must match their type in the label schema',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3051' },
    { tool: 'hadolint', id: 'DL3052' },
    { tool: 'hadolint', id: 'DL3053' },
    { tool: 'hadolint', id: 'DL3054' },
    { tool: 'hadolint', id: 'DL3055' },
    { tool: 'hadolint', id: 'DL3056' },
    { tool: 'hadolint', id: 'DL3058' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    empty: 'Label "{label}" is empty: give it a value.',
    url: 'Label "{label}" must be an absolute URL (such as https://example.com/repo), not "{value}".',
    rfc3339: 'Label "{label}" must be an RFC 3339 timestamp (such as 2024-05-01T12:00:00Z), not "{value}".',
    spdx: 'Label "{label}" must be an SPDX license expression (such as MIT or Apache-2.0 OR MIT), not "{value}".',
    hash: 'Label "{label}" must be a git commit hash (7 or 40 lowercase hex digits), not "{value}".',
    semver: 'Label "{label}" must be a semantic version (such as 1.4.2), not "{value}".',
    email: 'Label "{label}" must be an email address, not "{value}".',
  },
  docs: {
    flags: `With \`dockerCoach.labelSchema\` set: a label of the schema that is empty, or whose value does not
      have the schema's type: \`url\` (absolute URL), \`rfc3339\` (timestamp), \`spdx\` (licence expression with
      \`AND\`, \`OR\`, \`WITH\`), \`hash\` (short or full git hash), \`semver\` (semantic version), \`email\`. \`text\`
      accepts any value. Values built from variables (\`$BUILD_DATE\`) are only known at build time and are not
      checked.`,
    why: `Label values are read by machines: registries link \`org.opencontainers.image.source\`, scanners
      read \`licenses\`, release tooling compares \`version\`. A value in the wrong format is silently ignored or
      misread by those tools, so the schema names the format and this rule checks it while you write.`,
    bad: [
      {
        code: `FROM alpine:3.20
LABEL org.opencontainers.image.version="v1.2" org.opencontainers.image.licenses="Apache 2"
USER nobody
`,
        settings: {
          labelSchema: { 'org.opencontainers.image.version': 'semver', 'org.opencontainers.image.licenses': 'spdx' },
        },
        expect: [
          { messageId: 'semver', line: 2, column: 40, text: '"v1.2"' },
          { messageId: 'spdx', line: 2, column: 81, text: '"Apache 2"' },
        ],
      },
      {
        caption: 'An empty value',
        code: `FROM alpine:3.20
LABEL org.opencontainers.image.source=""
USER nobody
`,
        settings: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
        expect: [{ messageId: 'empty', line: 2, column: 39, text: '""' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
ARG BUILD_DATE
LABEL org.opencontainers.image.version="1.2.0" org.opencontainers.image.licenses="Apache-2.0 OR MIT" \\
      org.opencontainers.image.source="https://github.com/acme/demo" org.opencontainers.image.created="\${BUILD_DATE}"
USER nobody
`,
        settings: {
          labelSchema: {
            'org.opencontainers.image.version': 'semver',
            'org.opencontainers.image.licenses': 'spdx',
            'org.opencontainers.image.source': 'url',
            'org.opencontainers.image.created': 'rfc3339',
          },
        },
      },
    ],
  },
  check(model, report, context) {
    const schema = context.settings.labelSchema ?? {};
    for (const pair of labelPairs(model)) {
      if (!Object.prototype.hasOwnProperty.call(schema, pair.key) || pair.dynamic) continue;
      const type = schema[pair.key];
      const value = pair.value ?? '';
      const range = pair.valueRange ?? pair.keyRange;
      if (value.trim() === '') {
        report({ messageId: 'empty', data: { label: pair.key }, range, hadolintCode: 'DL3051' });
      } else if (type !== 'text' && CODE[type] && !matchesLabelType(type, value)) {
        report({ messageId: type, data: { label: pair.key, value }, range, hadolintCode: CODE[type] });
      }
    }
  },
});
