import { TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from '../../dockerfile/model';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'no-empty-continuation',
  title: 'No empty lines inside a continued instruction',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'buildkit', id: 'NoEmptyContinuation' }],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    empty: 'Empty line inside this continued instruction ({lines}): remove it (Docker plans to reject this).',
  },
  docs: {
    flags: `A blank line between the lines of an instruction continued with \`\\\` (or the \`# escape=\`
      character). Comment lines inside the continuation are fine. Reported once per instruction, on its last
      line as BuildKit does; the message gives the empty lines.`,
    why: `Docker skips a blank line inside a continued instruction, so the instruction goes on after it.
      Readers expect the opposite: a blank line looks like the end of the instruction, and a \`\\\` left at the end
      of the last line silently swallows the next instruction. BuildKit warns about it and Docker has announced
      that it will become an error.`,
    bad: [
      {
        code: `FROM alpine:3.20
RUN apk add --no-cache \\
    curl=8.9.1-r2 \\

    git=2.45.2-r0
USER nobody
`,
        fixed: `FROM alpine:3.20
RUN apk add --no-cache \\
    curl=8.9.1-r2 \\
    git=2.45.2-r0
USER nobody
`,
        expect: [{ messageId: 'empty', line: 5, column: 5, text: 'git=2.45.2-r0' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
RUN apk add --no-cache \\
    # tools for the health check
    curl=8.9.1-r2 \\
    git=2.45.2-r0
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      const { start, end } = instruction.getRange();
      if (start.line === end.line) continue; // one line: no line inside to be empty
      // Most instructions have no blank line at all: only those with one are read line by line.
      if (!/(?:\r\n?|\n)[^\S\r\n]*(?:[\r\n]|$)/.test(model.text.slice(model.offsetAt(start), model.offsetAt(end))))
        continue;
      const { empty, lastLine } = emptyContinuationLines(model, start.line, end.line);
      if (empty.length === 0) continue;
      // BuildKit reports the instruction's last line, where its parser notices the empty lines; the message names them.
      const lastText = model.lineText(lastLine);
      const indent = lastText.length - lastText.trimStart().length;
      const lines = (empty.length === 1 ? 'line ' : 'lines ') + empty.map((line) => line + 1).join(', ');
      report({
        messageId: 'empty',
        data: { lines },
        // A last line of blanks only gives an empty range at its end.
        range: {
          start: { line: lastLine, character: indent },
          end: { line: lastLine, character: Math.max(indent, lastText.replace(/\s+$/, '').length) },
        },
        fixes: () => [
          {
            title: 'Remove the empty lines',
            safe: true,
            edits: empty.map((line) =>
              TextEdit.del({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }),
            ),
          },
        ],
      });
    }
  },
});

/** Blank lines inside the continuation of the instruction spanning `first`..`last`, and the line its continuation ends on. */
function emptyContinuationLines(
  model: DockerfileModel,
  first: number,
  last: number,
): { empty: number[]; lastLine: number } {
  const found: number[] = [];
  let lastLine = last;
  const escape = model.escapeChar;
  let continued = false;
  for (let line = first; line <= last; line++) {
    const text = model.lineText(line);
    if (continued && text.trim() === '') {
      found.push(line);
      continue;
    }
    if (continued && /^\s*#/.test(text)) continue;
    const trimmed = text.replace(/[ \t\r]+$/, '');
    continued = trimmed.endsWith(escape);
    if (!continued) {
      // The instruction ends here, or a heredoc body follows: nothing after it is a continuation.
      lastLine = line;
      break;
    }
  }
  // A blank line is only "inside" when the instruction goes on after it.
  while (found.length && found[found.length - 1] >= last) found.pop();
  return { empty: found, lastLine };
}
