import { Instruction, Run } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel } from '../../dockerfile/model';
import { eol } from '../../dockerfile/edits';
import { commandName } from '../../shell/shell';
import { defineDockerfileRule, FixProposal } from '../types';

/** A line pragma (`# docker-coach ignore=…`, `# hadolint ignore=…`): it applies to the instruction below it. */
const LINE_PRAGMA = /^\s*#\s*(docker-coach|hadolint)\s+ignore\s*=/;

/** Builtins whose effect would leak into the commands merged after them. */
const STATEFUL = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'shopt', 'source', '.', 'alias', 'unset', 'umask', 'trap', 'ulimit', 'declare', 'typeset', 'readonly', 'local', 'exit', 'exec', 'return', 'eval', 'enable', 'hash']);

export default defineDockerfileRule({
  id: 'merge-run-layers',
  title: 'Merge consecutive RUN instructions',
  defaultSeverity: 'info',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3059' }],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    consecutive: 'This RUN directly follows another RUN with the same options: each one adds a layer, so merge them with "&&".',
  },
  docs: {
    flags: 'A `RUN` that directly follows another `RUN` of the same stage with the same options (`--mount`, `--network`, `--security`); comments in between do not count. `RUN`s in exec form or with heredocs are not flagged.',
    why: 'Every `RUN` produces a layer. Files deleted in a later layer still take space in the earlier one, and many small layers make images slower to pull. Related steps such as "update the package index, install, clean up" belong in one `RUN` so that the cleanup really shrinks the image and the steps are cached together. The quick fix joins the commands with `&&`, keeps comments and continuation lines, and refuses when joining would change what runs (a `cd`, `export` or `set` in the first `RUN`, or a `;`/`||` list in the second) or what an ignore pragma above either `RUN` covers.',
    bad: [
      {
        code: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
        fixed: 'FROM debian:12-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
      },
      {
        caption: 'Comments and continuation lines are kept',
        code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n      curl \\\n      git\n# fetch the sources\nRUN git clone https://example.com/repo.git /src\nUSER nobody\n',
        fixed: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n      curl \\\n      git && \\\n      # fetch the sources\n      git clone https://example.com/repo.git /src\nUSER nobody\n',
      },
    ],
    good: [
      { code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*\nUSER nobody\n' },
      { caption: 'Different mounts are different steps', code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3\nRUN python -c "import flask"\nUSER nobody\n' },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      const list = stage.instructions;
      for (let i = 1; i < list.length; i++) {
        const previous = list[i - 1];
        const current = list[i];
        if (current.getKeyword() !== 'RUN' || previous.getKeyword() !== 'RUN') continue;
        if (!sameOptions(previous, current) || !isShellForm(model, previous) || !isShellForm(model, current)) continue;
        report({
          messageId: 'consecutive',
          range: current.getInstructionRange(),
          fixes: () => mergeFixes(model, list, i),
        });
      }
    }
  },
});

function flagsOf(run: Instruction): string[] {
  return run instanceof Run ? run.getFlags().map((f) => `${f.getName()}=${f.getValue() ?? ''}`).sort() : [];
}

function sameOptions(a: Instruction, b: Instruction): boolean {
  return flagsOf(a).join('\n') === flagsOf(b).join('\n');
}

function isShellForm(model: DockerfileModel, run: Instruction): boolean {
  const scripts = model.shellScripts(run);
  return scripts !== null && !(run instanceof Run && run.getHeredocs().length > 0);
}

function mergeFixes(model: DockerfileModel, list: Instruction[], index: number): FixProposal[] {
  const single = joinEdit(model, list[index - 1], list[index]);
  if (!single) return [];
  const fixes: FixProposal[] = [{ title: 'Merge this RUN into the one above', safe: true, edits: [single] }];
  // The whole chain of mergeable RUNs around this one, in one action.
  let first = index - 1;
  while (first > 0 && list[first - 1].getKeyword() === 'RUN' && joinEdit(model, list[first - 1], list[first])) first--;
  let last = index;
  while (last + 1 < list.length && list[last + 1].getKeyword() === 'RUN' && joinEdit(model, list[last], list[last + 1])) last++;
  if (last - first > 1) {
    const edits = [];
    for (let i = first + 1; i <= last; i++) edits.push(joinEdit(model, list[i - 1], list[i])!);
    fixes.push({ title: `Merge all ${last - first + 1} consecutive RUN instructions`, safe: true, edits });
  }
  return fixes;
}

/**
 * The edit that turns `previous` and `next` into one RUN: it replaces only the
 * gap between the end of `previous` and the arguments of `next`, so the edits
 * for a chain never overlap. Null when joining would change what runs.
 */
function joinEdit(model: DockerfileModel, previous: Instruction, next: Instruction): TextEdit | null {
  if (!sameOptions(previous, next) || !isShellForm(model, previous) || !isShellForm(model, next)) return null;
  // Inside the merged RUN a pragma between them would apply to nothing, and one above the first would cover both.
  if (hasPragmaAbove(model, previous) || hasPragmaAbove(model, next)) return null;
  const before = model.shellScripts(previous)!;
  const after = model.shellScripts(next)!;
  if (before.length !== 1 || after.length !== 1 || before[0].error || after[0].error || before[0].hasComments) return null;
  if (before[0].commands.some((c) => !c.nested && (c.words.length === 0 || STATEFUL.has(commandName(c.words) ?? '')))) return null;
  if (after[0].commands.some((c, i) => c.nested || (i > 0 && c.join !== '&&' && c.join !== '|' && c.join !== '|&'))) return null;
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

/** Whether an ignore pragma sits in the comment lines right above an instruction. */
function hasPragmaAbove(model: DockerfileModel, instruction: Instruction): boolean {
  for (let line = instruction.getRange().start.line - 1; line >= 0; line--) {
    const text = model.lineText(line);
    if (LINE_PRAGMA.test(text)) return true;
    if (text.trim() !== '' && !text.trim().startsWith('#')) return false;
  }
  return false;
}
