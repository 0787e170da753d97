/**
 * Hovers on `${VAR}` / `$VAR` in compose files: the value Compose puts there, where it comes from (the
 * `.env` line, with a link; the environment; the default or alternative written in the file; not
 * set), and what the operator means. Values come from the project the file belongs to.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { ComposeModel } from '../compose/model';
import { ComposeProjectContext } from '../compose/project/projectContext';
import { VariableUse } from '../compose/project/loader';
import { SUBSTITUTION_OPERATORS } from '../data/composeVariables';
import { rangeContains } from '../util/ranges';

const MAX_SHOWN = 200;

/** A value as inline code (long values shortened, backticks kept readable). */
function shown(value: string): string {
  if (value === '') return '*an empty string*';
  const text = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${text.replace(/\n/g, '⏎')}${fence === '``' ? ' ' : ''}${fence}`;
}

export function composeVariableHover(
  model: ComposeModel,
  position: Position,
  project: ComposeProjectContext | null,
): Hover | null {
  if (!project || !model.text.includes('$')) return null;
  // The innermost reference under the cursor (a nested `${A:-${B}}` names two).
  const candidates = project.variables.filter((v) => rangeContains(v.range, position));
  if (!candidates.length) return null;
  const size = (v: VariableUse) =>
    (v.range.end.line - v.range.start.line) * 1e6 + v.range.end.character - v.range.start.character;
  const variable = candidates.reduce((a, b) => (size(b) < size(a) ? b : a));
  const operator = SUBSTITUTION_OPERATORS[variable.operator ?? 'none'];
  const environment = project.project.environment.get(variable.name);
  let source: string;
  if (environment && environment.source !== 'process') {
    const line = environment.source.range.start.line + 1;
    const file =
      path.relative(path.dirname(project.file), environment.source.file) || path.basename(environment.source.file);
    source = `set to ${shown(environment.value)} in [${file}](${pathToFileURL(environment.source.file).toString()}#L${line}) (line ${line})`;
  } else if (environment) {
    source = `set to ${shown(environment.value)} in the environment (of the process that checks the file: the language server in the editor, the shell for the command line)`;
  } else if (variable.set) {
    source = 'set by the env file of the included project this file belongs to';
  } else {
    source = 'not set (neither in the environment nor in .env)';
  }
  const lines = [`**Variable \`${variable.name}\`**: ${source}.`];
  if (variable.unresolved === 'required')
    lines.push(
      `Compose refuses to load the project: "${variable.message ?? `required variable ${variable.name} is missing a value`}".`,
    );
  else if (variable.unresolved === 'missing') lines.push('Compose warns and puts an empty string here.');
  else lines.push(`Compose puts ${shown(variable.value)} here.`);
  lines.push(`\`${operator.form}\`: ${operator.meaning}.`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: variable.range };
}
