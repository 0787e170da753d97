/**
 * Edits inside RUN scripts for fixes: taking a command out of a `&&` chain
 * without leaving a dangling operator, continuation or comment behind.
 */
import { TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from './model';
import { ShellCommand, ShellScript } from '../shell/shell';

/**
 * Removes `command` from the top-level `&&` chain it belongs to, together
 * with the `&&` that joins it (and the continuation and comment lines before
 * it). Null when the command is not plainly `&&`-chained (nested, piped,
 * joined with `||`, alone in its script, carrying a heredoc), so that the
 * removal could change what the rest of the script does.
 */
export function removeChainedCommand(
  model: DockerfileModel,
  script: ShellScript,
  command: ShellCommand,
): TextEdit | null {
  const list = script.commands;
  const i = list.indexOf(command);
  if (i < 0 || script.error || command.nested || command.inPipeline) return null;
  if (model.text.slice(command.start, command.end).includes('<<')) return null;
  const previous = list[i - 1];
  const next = list[i + 1];
  if (command.join === '&&' && previous && !previous.nested) {
    // `a && c …` → `a …`: take the operator before the command, in both the
    // trailing (`a && \`) and the leading (`\` + `&& c`) continuation styles.
    return TextEdit.del(model.rangeOf(previous.end, command.end));
  }
  if (
    (command.join === 'start' || command.join === ';' || command.join === 'newline') &&
    next &&
    next.join === '&&' &&
    !next.nested
  ) {
    // `c && b …` → `b …`, unless a comment sits between them.
    if (model.text.slice(command.end, next.start).includes('#')) return null;
    return TextEdit.del(model.rangeOf(command.start, next.start));
  }
  return null;
}
