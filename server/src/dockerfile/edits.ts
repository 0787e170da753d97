/** Small builders for the text edits that fixes produce. */
import { Flag, Instruction, Run } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from './model';

/** The line break the document already uses. */
export function eol(model: DockerfileModel): string {
  return model.eol;
}

/** Inserts whole lines before the line where `instruction` starts, at its indentation. */
export function insertLinesBefore(model: DockerfileModel, instruction: Instruction, lines: string[]): TextEdit {
  const line = instruction.getRange().start.line;
  const indent = model.indentOf(line);
  const nl = eol(model);
  return TextEdit.insert({ line, character: 0 }, lines.map((l) => indent + l + nl).join(''));
}

/** Inserts whole lines after the last line of `instruction`. */
export function insertLinesAfter(model: DockerfileModel, instruction: Instruction, lines: string[]): TextEdit {
  const end = instruction.getRange().end;
  const nl = eol(model);
  const indent = model.indentOf(instruction.getRange().start.line);
  return TextEdit.insert(end, lines.map((l) => nl + indent + l).join(''));
}

/**
 * True when `offset` lies on or after the closing line of one of the RUN's
 * heredocs: text added there would land after the heredoc's terminator and
 * break it (`cat > f <<EOF … EOF` as the RUN's last command).
 */
export function pastHeredocBody(model: DockerfileModel, run: Instruction, offset: number): boolean {
  if (!(run instanceof Run)) return false;
  return run.getHeredocs().some((heredoc) => {
    const closing = heredoc.getDelimiterRange();
    if (closing) return offset >= model.offsetAt({ line: closing.start.line, character: 0 });
    const content = heredoc.getContentRange();
    return content !== null && offset >= model.offsetAt(content.start);
  });
}

/** Deletes the lines an instruction occupies, including its line break. */
export function deleteInstructionLines(model: DockerfileModel, instruction: Instruction): TextEdit {
  const range = instruction.getRange();
  return deleteLines(model, range.start.line, range.end.line);
}

/** Deletes lines `first` to `last` (inclusive) with their line breaks. */
export function deleteLines(model: DockerfileModel, first: number, last: number): TextEdit {
  const start = model.offsetAt({ line: first, character: 0 });
  let end = model.offsetAt({ line: last + 1, character: 0 });
  if (end === model.text.length && !/\n$/.test(model.text)) {
    // Last line without a final line break: also remove the break before it.
    return TextEdit.del(model.rangeOf(Math.max(0, start - eol(model).length), end));
  }
  end = Math.max(end, start);
  return TextEdit.del(model.rangeOf(start, end));
}

/** Deletes an instruction flag (`--platform=…`) and the blanks after it. */
export function deleteFlag(model: DockerfileModel, flag: Flag): TextEdit {
  const range = flag.getRange();
  let end = model.offsetAt(range.end);
  while (/[ \t]/.test(model.text[end] ?? '')) end++;
  return TextEdit.del(model.rangeOf(model.offsetAt(range.start), end));
}

/** A double-quoted Dockerfile word whose value is exactly `value` (no variable expansion). */
export function dockerQuote(value: string): string {
  return `"${value.replace(/[\\"$]/g, '\\$&')}"`;
}

/** `keyword` in the case of a keyword it replaces (`add` → `copy`, `ADD` → `COPY`). */
export function keywordLike(written: string, keyword: string): string {
  return written === written.toLowerCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}

/**
 * `keyword` in the case most instructions of the document use (upper case
 * unless lower case is the strict majority, as BuildKit counts), so inserted
 * instructions do not break ConsistentInstructionCasing.
 */
export function keywordInDocumentCase(model: DockerfileModel, keyword: string): string {
  return instructionCaseMajority(model) === 'lower' ? keyword.toLowerCase() : keyword.toUpperCase();
}

/** The case of the majority of instruction keywords; ties go to upper case. */
export function instructionCaseMajority(model: DockerfileModel): 'upper' | 'lower' {
  let lower = 0;
  let upper = 0;
  for (const instruction of model.ast.getInstructions()) {
    const word = instruction.getInstruction();
    if (!INSTRUCTION_KEYWORDS.has(word.toUpperCase())) continue;
    if (word === word.toLowerCase()) lower++;
    else if (word === word.toUpperCase()) upper++;
  }
  return lower > upper ? 'lower' : 'upper';
}

/** Every Dockerfile instruction keyword (a line starting with anything else is a parse error). */
export const INSTRUCTION_KEYWORDS: ReadonlySet<string> = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);
