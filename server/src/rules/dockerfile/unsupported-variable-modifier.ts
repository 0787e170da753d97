import { Instruction } from 'dockerfile-ast';
import { instructionFlagWords } from '../../dockerfile/flags';
import { DockerfileModel } from '../../dockerfile/model';
import { variableReferences } from '../../dockerfile/variables';
import { defineDockerfileRule } from '../types';

/** The instructions whose arguments BuildKit expands itself (RUN, CMD, ENTRYPOINT… leave `$` to the shell). */
const EXPANDED = new Set(['ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

export default defineDockerfileRule({
  id: 'unsupported-variable-modifier',
  title: 'Variable substitutions BuildKit does not support',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    modifier: '"{reference}": BuildKit does not support the modifier "{modifier}" (it knows -, +, ?, their ":" forms, #, ##, %, %%, / and //).',
  },
  docs: {
    flags:
      'A `${name…}` in an instruction that BuildKit expands itself (`FROM`, `ARG`, `ENV`, `LABEL`, `COPY`, `ADD`, `WORKDIR`, `USER`, `EXPOSE`, ' +
      '`VOLUME`, `STOPSIGNAL`, and `RUN --mount` options) with a modifier its lexer does not know, such as `${VAR:x}`, `${VAR:}` or `${VAR=default}`. ' +
      'In `RUN`, `CMD` and `ENTRYPOINT` the shell expands variables, so they are not checked.',
    why: 'BuildKit stops with "unsupported modifier in substitution". Its substitutions are a subset of the shell\'s: `${VAR:-default}`, ' +
      '`${VAR:+alternative}`, `${VAR:?message}` (and the forms without `:`), `${VAR#prefix}`, `${VAR%suffix}` and `${VAR/pattern/replacement}`; ' +
      'substrings (`${VAR:0:3}`) and assignments (`${VAR:=x}`) do not exist.',
    bad: [{ code: 'FROM alpine:3.20\nARG VERSION\nENV APP_VERSION=${VERSION:latest}\nUSER nobody\n' }],
    good: [{ code: 'FROM alpine:3.20\nARG VERSION\nENV APP_VERSION=${VERSION:-latest}\nUSER nobody\n' }],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      const keyword = instruction.getKeyword().toUpperCase();
      if (keyword !== 'RUN' && !EXPANDED.has(keyword)) continue;
      const range = instruction.getRange();
      if (!model.text.slice(model.offsetAt(range.start), model.offsetAt(range.end)).includes('${')) continue;
      for (const [start, end] of expandedSpans(model, instruction, keyword)) {
        for (const ref of variableReferences(model.text.slice(start, end), start, model.escapeChar)) {
          const modifierStart = ref.nameEnd;
          const modifierEnd = ref.end - 1;
          const modifier = model.text.slice(modifierStart, modifierEnd);
          if (!isUnsupported(ref.operator, modifier)) continue;
          const shown = ref.operator === ':' ? `:${modifier.slice(1, 2)}` : modifier.slice(0, 1);
          report({
            messageId: 'modifier',
            data: { reference: model.text.slice(ref.start, ref.end), modifier: shown },
            range: model.rangeOf(modifierStart, modifierEnd > modifierStart ? modifierEnd : ref.end),
          });
        }
      }
    }
  },
});

function isUnsupported(operator: string | null, modifier: string): boolean {
  if (operator === null) return modifier !== '';
  // `${v:}`, `${v:x}`, `${v:#…}`, `${v:=…}`; `${v:/…}` is left alone.
  if (operator === ':') return modifier[1] !== '/';
  return false;
}

/** Document spans BuildKit expands: the arguments of `EXPANDED` instructions and flag values; for RUN, only `--mount` values. */
function expandedSpans(model: DockerfileModel, instruction: Instruction, keyword: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const word of instructionFlagWords(model, instruction)) {
    if (word.value !== null && (keyword !== 'RUN' || word.name === 'mount')) spans.push([word.valueStart, word.end]);
  }
  if (keyword === 'RUN') return spans;
  for (const arg of instruction.getArguments()) {
    const range = arg.getRange();
    spans.push([model.offsetAt(range.start), model.offsetAt(range.end)]);
  }
  return spans;
}
