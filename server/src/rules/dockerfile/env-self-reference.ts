import { Arg, Env } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { eol } from '../../dockerfile/edits';
import { DockerfileModel } from '../../dockerfile/model';
import { variableReferences, VariableReference } from '../../dockerfile/variables';
import { defineDockerfileRule, FixProposal } from '../types';

/** The variables a raw ENV value expands, as Docker reads it (nothing inside single quotes or after the escape character). */
function variableUses(model: DockerfileModel, start: number, end: number): VariableReference[] {
  return variableReferences(model.text.slice(start, end), start, model.escapeChar);
}

export default defineDockerfileRule({
  id: 'env-self-reference',
  title: 'Do not use a variable in the ENV that defines it',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [{ tool: 'hadolint', id: 'DL3044' }],
  lesson: 'configuration-and-secrets',
  fix: 'unsafe',
  messages: {
    sameEnv:
      '${name} is set in this same ENV, but ENV expands variables before it assigns any, so this still sees the previous value of {name}: set {name} in an earlier ENV.',
  },
  docs: {
    flags: `An \`ENV\` with several variables where one value uses another variable set by the same instruction,
      and no earlier \`ENV\` or \`ARG\` defines that variable. A variable that uses its own old value
      (\`PATH=/opt/bin:$PATH\`) is fine.`,
    why: `Docker expands every \`$VAR\` in an \`ENV\` instruction before it assigns any of the new values. In
      \`ENV DIR=/opt/app BIN=$DIR/bin\`, \`$DIR\` is still the old (usually empty) value, so \`BIN\` becomes \`/bin\`,
      which is rarely what was meant. Define the variable in an earlier \`ENV\` and use it in a later one. The
      quick fix splits a one-line \`ENV\` so that each variable sees the values set before it; it is not applied
      automatically, because that changes the values on purpose.`,
    bad: [
      {
        code: `FROM alpine:3.20
ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
USER nobody
`,
        fixed: `FROM alpine:3.20
ENV APP_HOME=/opt/app
ENV APP_BIN=$APP_HOME/bin
USER nobody
`,
        expect: [{ messageId: 'sameEnv', line: 2, column: 31, text: '$APP_HOME' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
ENV APP_HOME=/opt/app
ENV APP_BIN=$APP_HOME/bin PATH=/opt/app/bin:$PATH
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const known = new Set<string>();
    for (const instruction of model.ast.getInstructions()) {
      if (instruction instanceof Arg) {
        const name = instruction.getProperty()?.getName();
        if (name) known.add(name);
        continue;
      }
      if (!(instruction instanceof Env)) continue;
      const properties = instruction.getProperties();
      const names = properties.map((p) => p.getName());
      // Only a variable set by another pair of the same ENV is reported: one pair has nothing to read.
      if (properties.length > 1)
        properties.forEach((property, index) => {
          const range = property.getValueRange();
          if (!range) return;
          for (const use of variableUses(model, model.offsetAt(range.start), model.offsetAt(range.end))) {
            const definedHere = names.some((n, j) => j !== index && n === use.name);
            if (definedHere && !known.has(use.name)) {
              report({
                messageId: 'sameEnv',
                data: { name: use.name },
                range: model.rangeOf(use.start, use.end),
                fixes: () => splitFixes(model, instruction),
              });
            }
          }
        });
      for (const name of names) known.add(name);
    }
  },
});

/**
 * Splits a one-line `ENV A=1 B=$A` before every variable whose value uses a
 * variable set earlier on the same line, so that it sees the new value.
 * Nothing for the legacy `ENV A 1` form, continued lines, or a use of a
 * variable that is only set further right (that would need reordering).
 */
function splitFixes(model: DockerfileModel, env: Env): FixProposal[] {
  const range = env.getRange();
  const properties = env.getProperties();
  if (range.start.line !== range.end.line || properties.some((p) => p.getAssignmentOperator() !== '=')) return [];
  const keyword = env.getInstruction();
  const separator = `${eol(model)}${model.indentOf(range.start.line)}${keyword} `;
  const edits: TextEdit[] = [];
  let group = new Set<string>();
  properties.forEach((property, k) => {
    const value = property.getValueRange();
    const uses = value ? variableUses(model, model.offsetAt(value.start), model.offsetAt(value.end)) : [];
    if (k > 0 && uses.some((u) => group.has(u.name))) {
      edits.push(
        TextEdit.replace({ start: properties[k - 1].getRange().end, end: property.getRange().start }, separator),
      );
      group = new Set();
    }
    group.add(property.getName());
  });
  if (edits.length === 0) return [];
  return [{ title: `Split this ${keyword} so later variables see the new values`, safe: false, edits }];
}
