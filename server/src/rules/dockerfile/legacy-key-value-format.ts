import { Env, Label, Property } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from '../../dockerfile/model';
import { defineDockerfileRule, FixProposal } from '../types';

export default defineDockerfileRule({
  id: 'legacy-key-value-format',
  title: 'Write ENV and LABEL as key=value',
  defaultSeverity: 'info',
  category: 'maintainability',
  equivalents: [{ tool: 'buildkit', id: 'LegacyKeyValueFormat' }],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    legacy: 'Write "{keyword} {name}=…" instead of the legacy "{keyword} {name} …" form.',
  },
  docs: {
    flags: `An \`ENV\` or \`LABEL\` in the legacy form \`ENV key value\`, without \`=\`. It is information, not a
      warning: the legacy form sets exactly one variable to the rest of the line, so it builds the same image,
      and the maintainers of the official images (python, php, postgres, golang) keep it despite BuildKit's
      warning. The fix modernises it without changing the value.`,
    why: `In the legacy form everything after the key, spaces included, becomes one value, so \`ENV A 1 B 2\`
      sets \`A\` to \`1 B 2\`. The \`key=value\` form can set several variables per instruction and reads the same way
      as in the shell. Docker documents the old form as deprecated and BuildKit warns about it. The fix quotes
      the value when it contains spaces, so the value stays exactly the same.`,
    bad: [
      {
        code: `FROM alpine:3.20
ENV APP_HOME /srv/app
USER nobody
`,
        fixed: `FROM alpine:3.20
ENV APP_HOME=/srv/app
USER nobody
`,
        expect: [{ messageId: 'legacy', line: 2, column: 5, text: 'APP_HOME /srv/app' }],
      },
      {
        caption: 'A value with spaces is quoted',
        code: `FROM alpine:3.20
LABEL org.opencontainers.image.title My service
USER nobody
`,
        fixed: `FROM alpine:3.20
LABEL org.opencontainers.image.title="My service"
USER nobody
`,
        expect: [{ messageId: 'legacy', line: 2, column: 7, text: 'org.opencontainers.image.title My service' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
ENV APP_HOME=/srv/app
LABEL org.opencontainers.image.title="My service"
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (!(instruction instanceof Env || instruction instanceof Label)) continue;
      const properties = instruction.getProperties();
      if (properties.length !== 1) continue;
      const property = properties[0];
      if (property.getAssignmentOperator() !== null || property.getValueRange() === null) continue;
      const keyword = instruction.getInstruction();
      report({
        messageId: 'legacy',
        data: { keyword, name: property.getName() },
        range: property.getRange(),
        fixes: () => keyValueFix(model, property),
      });
    }
  },
});

/** `key value` → `key=value`, quoting the value when needed; no fix when quoting could change it. */
function keyValueFix(model: DockerfileModel, property: Property): FixProposal[] {
  const valueRange = property.getValueRange()!;
  const start = model.offsetAt(property.getNameRange().end);
  const valueStart = model.offsetAt(valueRange.start);
  const raw = model.text.slice(valueStart, model.offsetAt(valueRange.end));
  if (raw.includes(model.escapeChar) || raw.includes('\n')) return [];
  let value: string;
  if (!hasUnquotedBlank(raw)) value = raw;
  else if (!/["']/.test(raw)) value = `"${raw}"`;
  else return [];
  return [
    {
      title: 'Use the key=value form',
      safe: true,
      edits: [TextEdit.replace(model.rangeOf(start, model.offsetAt(valueRange.end)), `=${value}`)],
    },
  ];
}

function hasUnquotedBlank(text: string): boolean {
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (/\s/.test(ch)) {
      return true;
    }
  }
  return false;
}
