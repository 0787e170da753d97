/**
 * Joining consecutive RUN instructions into one with `&&`, keeping comments
 * and continuation lines (merge-run-layers, update-without-install).
 */
import { Instruction, Run } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from './model';
import { eol } from './edits';
import { commandName } from '../shell/shell';

/** Builtins whose effect would leak into the commands merged after them. */
/** A line pragma (`# docker-coach ignore=…`, `# hadolint ignore=…`): it applies to the instruction below it. */
const LINE_PRAGMA = /^\s*#\s*(docker-coach|hadolint)\s+ignore\s*=/;

/** Whether an ignore pragma sits in the comment lines right above an instruction. */
function hasPragmaAbove(model: DockerfileModel, instruction: Instruction): boolean {
  for (let line = instruction.getRange().start.line - 1; line >= 0; line--) {
    const text = model.lineText(line);
    if (LINE_PRAGMA.test(text)) return true;
    if (text.trim() !== '' && !text.trim().startsWith('#')) return false;
  }
  return false;
}

const STATEFUL = new Set([
  'cd',
  'pushd',
  'popd',
  'export',
  'set',
  'shopt',
  'source',
  '.',
  'alias',
  'unset',
  'umask',
  'trap',
  'ulimit',
  'declare',
  'typeset',
  'readonly',
  'local',
  'exit',
  'exec',
  'return',
  'eval',
  'enable',
  'hash',
]);

function flagsOf(run: Instruction): string[] {
  return run instanceof Run
    ? run
        .getFlags()
        .map((f) => `${f.getName()}=${f.getValue() ?? ''}`)
        .sort()
    : [];
}

/** True when both RUNs have the same flags (`--mount`, `--network`, `--security`), in any order. */
export function sameOptions(a: Instruction, b: Instruction): boolean {
  return flagsOf(a).join('\n') === flagsOf(b).join('\n');
}

/** A RUN whose script we parse, without heredocs: what can be joined with `&&`. */
export function isShellForm(model: DockerfileModel, run: Instruction): boolean {
  const scripts = model.shellScripts(run);
  return scripts !== null && !(run instanceof Run && run.getHeredocs().length > 0);
}

/**
 * The edit that turns `previous` and `next` into one RUN: it replaces only the
 * gap between the end of `previous` and the arguments of `next`, so the edits
 * for a chain never overlap. Null when joining would change what runs.
 */
export function joinRunsEdit(model: DockerfileModel, previous: Instruction, next: Instruction): TextEdit | null {
  if (!sameOptions(previous, next) || !isShellForm(model, previous) || !isShellForm(model, next)) return null;
  // Inside the merged RUN a pragma between them would apply to nothing, and one above the first would cover both.
  if (hasPragmaAbove(model, previous) || hasPragmaAbove(model, next)) return null;
  const before = model.shellScripts(previous)!;
  const after = model.shellScripts(next)!;
  if (before.length !== 1 || after.length !== 1 || before[0].error || after[0].error || before[0].hasComments)
    return null;
  if (before[0].commands.some((c) => !c.nested && (c.words.length === 0 || STATEFUL.has(commandName(c.words) ?? ''))))
    return null;
  if (after[0].commands.some((c, i) => c.nested || (i > 0 && c.join !== '&&' && c.join !== '|' && c.join !== '|&')))
    return null;
  const nextArgs = next.getArguments();
  if (nextArgs.length === 0 || before[0].commands.length === 0) return null;

  const prevStart = model.offsetAt(previous.getRange().start);
  let gapStart = Math.max(...before[0].commands.map((c) => c.end));
  const tail = model.text.slice(gapStart, model.offsetAt(previous.getRange().end));
  if (!/^\s*;?\s*$/.test(tail)) return null; // a trailing `&` or something we do not understand
  const gapEnd = model.offsetAt(nextArgs[0].getRange().start);
  const nl = eol(model);
  const prevLines = model.text.slice(prevStart, gapStart).split(/\r?\n/);
  const leadingStyle = prevLines.length > 1 && prevLines.slice(1).some((l) => /^\s*(&&|\|\|)/.test(l));
  const indent = prevLines.length > 1 ? /^[ \t]*/.exec(prevLines[prevLines.length - 1])![0] || '    ' : '    ';
  const comments = model.text
    .slice(model.offsetAt(previous.getRange().end), model.offsetAt(next.getRange().start))
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));
  const esc = model.escapeChar;
  let joiner = leadingStyle ? ` ${esc}${nl}` : ` && ${esc}${nl}`;
  for (const comment of comments) joiner += `${indent}${comment}${nl}`;
  joiner += leadingStyle ? `${indent}&& ` : indent;
  gapStart = Math.min(gapStart, model.offsetAt(previous.getRange().end));
  return TextEdit.replace(model.rangeOf(gapStart, gapEnd), joiner);
}
