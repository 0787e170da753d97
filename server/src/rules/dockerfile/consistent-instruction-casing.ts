import { From, Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { INSTRUCTION_KEYWORDS, instructionCaseMajority } from '../../dockerfile/edits';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'consistent-instruction-casing',
  title: 'Write all instruction keywords in the same case',
  defaultSeverity: 'warning',
  category: 'style',
  equivalents: [{ tool: 'buildkit', id: 'ConsistentInstructionCasing' }],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    casing: '"{keyword}" does not match the {expected} case that most instructions here use: write "{fixed}".',
  },
  docs: {
    flags: `An instruction keyword that is not in the case most instructions of the file use: mixed case
      (\`Run\`) always, and upper case in a mostly lower-case file or the other way round. Ties count as upper
      case, as in BuildKit. Unlike BuildKit, ARGs before the first FROM are counted and checked too.`,
    why: `Keywords are case-insensitive, so this builds. But a file that mixes \`RUN\` and \`run\` is harder to
      scan, and BuildKit reports it as the ConsistentInstructionCasing build check. Upper-case keywords are the
      common convention.`,
    bad: [
      {
        code: `FROM alpine:3.20
run echo hi > /hello
USER nobody
`,
        fixed: `FROM alpine:3.20
RUN echo hi > /hello
USER nobody
`,
        expect: [{ messageId: 'casing', line: 2, column: 1, text: 'run' }],
      },
      {
        caption: 'Mixed case',
        code: `FROM alpine:3.20
Run echo hi > /hello
USER nobody
`,
        fixed: `FROM alpine:3.20
RUN echo hi > /hello
USER nobody
`,
        expect: [{ messageId: 'casing', line: 2, column: 1, text: 'Run' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
RUN echo hi > /hello
USER nobody
`,
      },
      {
        caption: 'All lower case is consistent too',
        code: `from alpine:3.20
run echo hi > /hello
user nobody
`,
      },
    ],
  },
  check(model, report) {
    const majority = instructionCaseMajority(model);
    for (const instruction of model.ast.getInstructions()) {
      const keyword = instruction.getInstruction();
      if (!INSTRUCTION_KEYWORDS.has(keyword.toUpperCase())) continue;
      const fixed = majority === 'lower' ? keyword.toLowerCase() : keyword.toUpperCase();
      if (keyword === fixed) continue;
      const range = instruction.getInstructionRange();
      report({
        messageId: 'casing',
        data: { keyword, expected: majority, fixed },
        range,
        fixes: () => [
          {
            title: `Write ${fixed}`,
            safe: true,
            edits: [TextEdit.replace(range, fixed), ...asKeywordEdit(instruction, majority)],
          },
        ],
      });
    }
  },
});

/** Recases the `AS` of `FROM … AS name` with its FROM, so the fix does not create a from-as-casing problem. */
function asKeywordEdit(instruction: Instruction, majority: 'upper' | 'lower'): TextEdit[] {
  if (!(instruction instanceof From)) return [];
  const args = instruction.getArguments();
  const as = args.length >= 3 ? args[args.length - 2] : undefined;
  if (!as || as.getValue().toLowerCase() !== 'as') return [];
  const wanted = majority === 'lower' ? 'as' : 'AS';
  return as.getValue() === wanted ? [] : [TextEdit.replace(as.getRange(), wanted)];
}
