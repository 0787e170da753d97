import { labelPairs } from '../../dockerfile/labels';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'label-not-in-schema',
  title: 'With strict labels, only labels of the schema are allowed',
  defaultSeverity: 'info',
  category: 'maintainability',
  equivalents: [{ tool: 'hadolint', id: 'DL3050' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    superfluous: 'Label "{label}" is not in the label schema, and dockerCoach.strictLabels allows only those.',
  },
  docs: {
    flags: 'With `dockerCoach.strictLabels` on: every `LABEL` key that is not in `dockerCoach.labelSchema`. Keys built from variables are not checked.',
    why: 'A strict label schema keeps the metadata of a team\'s images uniform: a label outside the schema is usually a typo of a schema key (`org.opencontainers.image.licence`) or metadata nobody agreed on, and tools that read the schema keys will not see it.',
    bad: [
      {
        code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.title="demo" team="payments"\nUSER nobody\n',
        settings: { labelSchema: { 'org.opencontainers.image.title': 'text' }, strictLabels: true },
      },
    ],
    good: [
      {
        code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.title="demo"\nUSER nobody\n',
        settings: { labelSchema: { 'org.opencontainers.image.title': 'text' }, strictLabels: true },
      },
    ],
  },
  check(model, report, context) {
    if (!context.settings.strictLabels) return;
    const schema = context.settings.labelSchema ?? {};
    for (const pair of labelPairs(model)) {
      if (pair.key.includes('$') || Object.prototype.hasOwnProperty.call(schema, pair.key)) continue;
      report({ messageId: 'superfluous', data: { label: pair.key }, range: pair.keyRange });
    }
  },
});
