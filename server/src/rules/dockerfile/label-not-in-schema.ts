import { TextEdit } from 'vscode-languageserver-types';
import { deleteInstructionLines } from '../../dockerfile/edits';
import { LabelPair, labelPairs } from '../../dockerfile/labels';
import { DockerfileModel } from '../../dockerfile/model';
import { defineDockerfileRule, FixProposal } from '../types';

/** Removes one label: the whole LABEL when it is the only one, else the pair and the blank before it (same line only). */
function removeLabel(model: DockerfileModel, pair: LabelPair): FixProposal[] {
  const properties = pair.instruction.getProperties();
  const title = `Remove the label "${pair.key}"`;
  if (properties.length === 1)
    return [{ title, safe: false, edits: [deleteInstructionLines(model, pair.instruction)] }];
  const index = properties.findIndex(
    (p) =>
      p.getRange().start.line === pair.keyRange.start.line &&
      p.getRange().start.character === pair.keyRange.start.character,
  );
  if (index < 0) return [];
  const range = properties[index].getRange();
  const neighbour = index > 0 ? properties[index - 1].getRange() : properties[index + 1].getRange();
  if (
    range.start.line !== range.end.line ||
    neighbour.start.line !== range.start.line ||
    neighbour.end.line !== range.start.line
  )
    return [];
  const edit =
    index > 0
      ? TextEdit.del({ start: neighbour.end, end: range.end })
      : TextEdit.del({ start: range.start, end: neighbour.start });
  return [{ title, safe: false, edits: [edit] }];
}

export default defineDockerfileRule({
  id: 'label-not-in-schema',
  title: 'With strict labels, only labels of the schema are allowed',
  defaultSeverity: 'info',
  category: 'maintainability',
  equivalents: [{ tool: 'hadolint', id: 'DL3050' }],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    superfluous: 'Label "{label}" is not in the label schema, and dockerCoach.strictLabels allows only those.',
  },
  docs: {
    flags: `With \`dockerCoach.strictLabels\` on: every \`LABEL\` key that is not in \`dockerCoach.labelSchema\`.
      Keys built from variables are not checked.`,
    why: `A strict label schema keeps the metadata of a team's images uniform: a label outside the schema is
      usually a typo of a schema key (\`org.opencontainers.image.licence\`) or metadata nobody agreed on, and
      tools that read the schema keys will not see it. The quick fix removes the label; it is not applied
      automatically, since the label may be a misspelt schema key worth keeping under the right name.`,
    bad: [
      {
        code: `FROM alpine:3.20
LABEL org.opencontainers.image.title="demo" team="payments"
USER nobody
`,
        settings: { labelSchema: { 'org.opencontainers.image.title': 'text' }, strictLabels: true },
        fixed: `FROM alpine:3.20
LABEL org.opencontainers.image.title="demo"
USER nobody
`,
        expect: [{ messageId: 'superfluous', line: 2, column: 45, text: 'team' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
LABEL org.opencontainers.image.title="demo"
USER nobody
`,
        settings: { labelSchema: { 'org.opencontainers.image.title': 'text' }, strictLabels: true },
      },
    ],
  },
  check(model, report, context) {
    if (!context.settings.strictLabels) return;
    const schema = context.settings.labelSchema ?? {};
    for (const pair of labelPairs(model)) {
      if (pair.key.includes('$') || Object.prototype.hasOwnProperty.call(schema, pair.key)) continue;
      report({
        messageId: 'superfluous',
        data: { label: pair.key },
        range: pair.keyRange,
        fixes: () => removeLabel(model, pair),
      });
    }
  },
});
