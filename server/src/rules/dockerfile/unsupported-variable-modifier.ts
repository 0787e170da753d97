import { Add, Copy, Heredoc, Instruction } from 'dockerfile-ast';
import { instructionFlagWords } from '../../dockerfile/flags';
import { DockerfileModel } from '../../dockerfile/model';
import { BrokenSubstitution, expandedByBuildKit, variableReferences } from '../../dockerfile/variables';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'unsupported-variable-modifier',
  title: 'Variable substitutions BuildKit does not support',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    modifier:
      '"{reference}": BuildKit does not support the modifier "{modifier}" (it knows -, +, ?, their ":" forms, #, ##, %, %%, / and //).',
    unclosed: '"{reference}" is never closed with "}", so BuildKit stops with a syntax error.',
    nameless: '"{reference}" names no variable, so BuildKit stops with "bad substitution".',
  },
  docs: {
    flags: `A \`\${name…}\` in an instruction that BuildKit expands itself (\`FROM\`, \`ARG\`, \`ENV\`, \`LABEL\`,
      \`COPY\`, \`ADD\`, \`WORKDIR\`, \`USER\`, \`EXPOSE\`, \`VOLUME\`, \`STOPSIGNAL\`, and \`RUN --mount\` options) with a
      modifier its lexer does not know, such as \`\${VAR:x}\`, \`\${VAR:}\` or \`\${VAR=default}\`; a \`\${\` never closed
      within its word (\`\${VERSION\`), or one that names no variable (\`\${}\`, \`\${:-x}\`). In \`RUN\`, \`CMD\` and
      \`ENTRYPOINT\` the shell expands variables, so they are not checked.`,
    why: `BuildKit stops with "unsupported modifier in substitution". Its substitutions are a subset of the
      shell's: \`\${VAR:-default}\`, \`\${VAR:+alternative}\`, \`\${VAR:?message}\` (and the forms without \`:\`),
      \`\${VAR#prefix}\`, \`\${VAR%suffix}\` and \`\${VAR/pattern/replacement}\`; substrings (\`\${VAR:0:3}\`) and
      assignments (\`\${VAR:=x}\`) do not exist.`,
    bad: [
      {
        code: `FROM alpine:3.20
ARG VERSION
ENV APP_VERSION=\${VERSION:latest}
USER nobody
`,
        expect: [{ messageId: 'modifier', line: 3, column: 26, text: ':latest' }],
      },
      {
        caption: 'A brace never closed',
        code: `FROM alpine:3.20
ARG VERSION
COPY app-\${VERSION.tar.gz /srv/
USER nobody
`,
        expect: [{ messageId: 'unclosed', line: 3, column: 10, text: '${VERSION.tar.gz' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
ARG VERSION
ENV APP_VERSION=\${VERSION:-latest}
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      const keyword = instruction.getKeyword().toUpperCase();
      if (keyword !== 'RUN' && !expandedByBuildKit(keyword)) continue;
      const range = instruction.getRange();
      if (!model.text.slice(model.offsetAt(range.start), model.offsetAt(range.end)).includes('${')) continue;
      const spans = expandedSpans(model, instruction, keyword);
      for (const [start, end] of spans) {
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
      // Braces are matched over all the arguments at once: a quoted word such as
      // ${DEBUG:+"-N -l"} spans several of the parser's arguments but is one to BuildKit.
      const broken: BrokenSubstitution[] = [];
      for (const [start, end] of joinArguments(spans, instruction, model))
        variableReferences(model.text.slice(start, end), start, model.escapeChar, broken);
      for (const b of broken) {
        // An unclosed one runs to the end of the instruction: show and mark its first word.
        const reference =
          b.kind === 'unclosed' ? model.text.slice(b.start, b.end).split(/\s/)[0] : model.text.slice(b.start, b.end);
        report({ messageId: b.kind, data: { reference }, range: model.rangeOf(b.start, b.start + reference.length) });
      }
    }
  },
});

/** The bodies of `COPY <<"EOF"` / `<<'EOF'` heredocs: BuildKit expands an unquoted one only. */
function literalHeredocBodies(model: DockerfileModel, instruction: Instruction): [number, number][] {
  if (!(instruction instanceof Copy || instruction instanceof Add)) return [];
  const heredocs = (instruction as unknown as { getHeredocs(): Heredoc[] }).getHeredocs();
  const bodies: [number, number][] = [];
  for (const heredoc of heredocs) {
    const opener = heredoc.getStartRange();
    const content = heredoc.getContentRange();
    if (!content || !/['"]/.test(model.text.slice(model.offsetAt(opener.start), model.offsetAt(opener.end)))) continue;
    bodies.push([model.offsetAt(content.start), model.offsetAt(content.end)]);
  }
  return bodies;
}

/**
 * The flag spans as they are, and runs of neighbouring argument spans joined
 * into one (a literal heredoc body between two arguments ends a run).
 */
function joinArguments(
  spans: [number, number][],
  instruction: Instruction,
  model: DockerfileModel,
): [number, number][] {
  const args = instruction.getArguments();
  if (args.length === 0) return spans;
  const first = model.offsetAt(args[0].getRange().start);
  const literal = literalHeredocBodies(model, instruction);
  const joined: [number, number][] = [];
  for (const span of spans) {
    const previous = joined[joined.length - 1];
    const adjacent =
      previous !== undefined &&
      previous[0] >= first &&
      span[0] >= first &&
      !literal.some(([from]) => from >= previous[1] && from < span[0]);
    if (adjacent) previous[1] = span[1];
    else joined.push([span[0], span[1]]);
  }
  return joined;
}

function isUnsupported(operator: string | null, modifier: string): boolean {
  if (operator === null) return modifier !== '';
  // `${v:}`, `${v:x}`, `${v:#…}`, `${v:=…}`; `${v:/…}` is left alone.
  if (operator === ':') return modifier[1] !== '/';
  return false;
}

/** Document spans BuildKit expands: the arguments of the instructions BuildKit expands and flag values; for RUN, only `--mount` values. */
function expandedSpans(model: DockerfileModel, instruction: Instruction, keyword: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const word of instructionFlagWords(model, instruction)) {
    if (word.value !== null && (keyword !== 'RUN' || word.name === 'mount')) spans.push([word.valueStart, word.end]);
  }
  if (keyword === 'RUN') return spans;
  const literal = literalHeredocBodies(model, instruction);
  for (const arg of instruction.getArguments()) {
    const range = arg.getRange();
    const start = model.offsetAt(range.start);
    if (!literal.some(([from, to]) => start >= from && start < to)) spans.push([start, model.offsetAt(range.end)]);
  }
  return spans;
}
