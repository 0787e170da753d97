import { Instruction, JSONInstruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { argumentsForm } from '../../dockerfile/execForm';
import { DockerfileModel } from '../../dockerfile/model';
import { copyFromFlag } from '../../dockerfile/stageRefs';
import { defineDockerfileRule, Report } from '../types';

export default defineDockerfileRule({
  id: 'copy-multiple-sources-dir',
  title: 'With several sources, the COPY destination must end with /',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [
    { tool: 'hadolint', id: 'DL3021' },
    { tool: 'trivy', id: 'DS011' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    slash:
      'This {keyword} has several sources, so its destination "{dest}" must be a folder written with a trailing "/".',
  },
  docs: {
    flags: `A \`COPY\` or \`ADD\` with more than one source whose destination does not end with \`/\`, in the shell
      form and in the JSON form (\`COPY ["a", "b", "/app"]\`). Destinations built from variables are not judged.`,
    why: `Several sources can only land inside a directory. The classic builder refuses the instruction
      ("When using COPY with more than one source file, the destination must be a directory and end with a /").
      BuildKit lets it through, but what it then builds depends on whether the destination already exists, and
      its own issue tracker records cases where every source is written to the same path and only the last one
      is left (moby/buildkit#1853, #4550). The trailing slash makes the destination a directory for every
      builder, and tells the reader at a glance that the files land inside a folder.`,
    bad: [
      {
        code: `FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json /app
USER node
`,
        fixed: `FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json /app/
USER node
`,
        expect: [{ messageId: 'slash', line: 3, column: 37, text: '/app' }],
      },
      {
        caption: 'The JSON form',
        code: `FROM node:20-alpine
WORKDIR /app
COPY ["package.json", "package-lock.json", "/app"]
USER node
`,
        fixed: `FROM node:20-alpine
WORKDIR /app
COPY ["package.json", "package-lock.json", "/app/"]
USER node
`,
        expect: [{ messageId: 'slash', line: 3, column: 44, text: '"/app"' }],
      },
    ],
    good: [
      {
        code: `FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
USER node
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const args = instruction.getArguments();
      if (args.length === 0 || args.some((a) => a.getValue().startsWith('<<'))) continue;
      if (args[0].getValue().startsWith('[')) {
        checkExecForm(model, instruction, keyword, report);
        continue;
      }
      if (args.length < 3) continue;
      // `COPY --from build /a /b`: the build stops at the flag, and "build" is not a source (copy-from-unknown-stage says so).
      if (copyFromFlag(instruction)?.getValue() === null) continue;
      const dest = args[args.length - 1];
      const value = dest.getValue().replace(/^["']|["']$/g, '');
      if (value.endsWith('/') || value.endsWith('\\') || value.includes('$')) continue;
      const range = dest.getRange();
      report({
        messageId: 'slash',
        data: { keyword, dest: value },
        range,
        fixes: () => {
          const raw = dest.getValue();
          const quoted = /^(["'])(.*)\1$/.exec(raw);
          const fixed = quoted ? `${quoted[1]}${quoted[2]}/${quoted[1]}` : `${raw}/`;
          return [{ title: `Write the destination as ${fixed}`, safe: true, edits: [TextEdit.replace(range, fixed)] }];
        },
      });
    }
  },
});

/** `COPY ["a", "b", "/app"]`: the same rule for the JSON form, when BuildKit reads it as one (a JSON array of strings). */
function checkExecForm(model: DockerfileModel, instruction: Instruction, keyword: string, report: Report): void {
  const form = argumentsForm(model, instruction);
  if (form.kind !== 'exec' || form.values.length < 3 || !(instruction instanceof JSONInstruction)) return;
  if (copyFromFlag(instruction)?.getValue() === null) return;
  const value = form.values[form.values.length - 1];
  if (value.endsWith('/') || value.endsWith('\\') || value.includes('$')) return;
  const strings = instruction.getJSONStrings();
  if (strings.length !== form.values.length) return;
  const dest = strings[strings.length - 1];
  const inner = dest.getJSONRange();
  report({
    messageId: 'slash',
    data: { keyword, dest: value },
    range: dest.getRange(),
    fixes: () => [
      { title: `Write the destination as "${value}/"`, safe: true, edits: [TextEdit.insert(inner.end, '/')] },
    ],
  });
}
