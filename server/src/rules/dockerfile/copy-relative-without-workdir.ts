import { posix } from 'path';
import { Copy } from 'dockerfile-ast';
import { Range, TextEdit } from 'vscode-languageserver-types';
import { argumentsText, DockerfileModel, parseJsonStringArray } from '../../dockerfile/model';
import { stageLineage } from '../../dockerfile/stageRefs';
import { isWindowsAbsolute } from '../../dockerfile/workdir';
import { defineDockerfileRule, FixProposal } from '../types';

/** The destination of a COPY as written (quotes removed) and where it is. */
export function copyDestination(model: DockerfileModel, copy: Copy): { value: string; range: Range } | null {
  const args = copy.getArguments();
  if (args.length === 0) return null;
  if (model.isExecForm(copy)) {
    const list = parseJsonStringArray(argumentsText(model, copy));
    if (!list || list.length < 2) return null;
    const last = args[args.length - 1];
    return { value: list[list.length - 1], range: last.getRange() };
  }
  // With heredocs, the destination is the last word of the instruction's first line.
  const firstLine = copy.getRange().start.line;
  const onFirstLine = copy.getHeredocs().length > 0 ? args.filter((a) => a.getRange().start.line === firstLine) : args;
  if (onFirstLine.length < 2) return null;
  const dest = onFirstLine[onFirstLine.length - 1];
  return { value: dest.getValue().replace(/^["']|["']$/g, ''), range: dest.getRange() };
}

function isAbsoluteOrDynamic(dest: string): boolean {
  return dest.startsWith('/') || dest.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dest);
}

export default defineDockerfileRule({
  id: 'copy-relative-without-workdir',
  title: 'Set WORKDIR before copying to a relative path',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3045' }],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    relative:
      'The destination "{dest}" is relative, but this stage sets no WORKDIR: it lands wherever the base image\'s working directory is. Set WORKDIR first or use an absolute path.',
  },
  docs: {
    flags: `A \`COPY\` to a relative destination in a stage with no \`WORKDIR\` before it, neither in the stage
      itself nor in a stage it is built \`FROM\` (for \`ONBUILD COPY\`, the triggers before it and the stage that
      stores them). A file part without \`FROM\` (an included file, a snippet) is not checked: the \`WORKDIR\`
      before it is out of sight. Destinations starting with a variable and Windows absolute paths (\`C:\\app\`,
      \`c:/app\`) are not checked, nor stages built \`FROM scratch\`, which has no working directory of its own, so
      a relative path there always starts at \`/\`.`,
    why: `A relative destination is resolved against the current working directory, which, without a
      \`WORKDIR\` of your own, is whatever the base image chose (often \`/\`, sometimes not). The files then land
      somewhere that changes when the base image does. An explicit \`WORKDIR\` (or an absolute destination) makes
      the layout of the image obvious and stable. The quick fix makes the destination absolute, resolved against
      \`/\`; it is not applied automatically, because the base image may set a \`WORKDIR\` of its own, and then the
      files really landed there (check with \`docker image inspect\`, or add a \`WORKDIR\` yourself instead).`,
    bad: [
      {
        code: `FROM node:20-alpine
COPY package.json ./
USER node
`,
        fixed: `FROM node:20-alpine
COPY package.json /
USER node
`,
        expect: [{ messageId: 'relative', line: 2, column: 19, text: './' }],
      },
      {
        code: `FROM node:20-alpine
COPY server.js app/
USER node
`,
        fixed: `FROM node:20-alpine
COPY server.js /app/
USER node
`,
        expect: [{ messageId: 'relative', line: 2, column: 16, text: 'app/' }],
      },
    ],
    good: [
      {
        code: `FROM node:20-alpine
WORKDIR /app
COPY package.json ./
USER node
`,
      },
      {
        caption: 'WORKDIR inherited from a parent stage',
        code: `FROM node:20-alpine AS base
WORKDIR /app
FROM base
COPY package.json ./
USER node
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.scopes) {
      const lineage = stageLineage(stage);
      // A file part without FROM (an included file, a snippet) comes after a WORKDIR we cannot see, or none.
      if (lineage.some((s) => s.kind === 'fragment')) continue;
      const ancestorsSetWorkdir = lineage
        .slice(1)
        .some((s) => s.instructions.some((i) => i.getKeyword() === 'WORKDIR'));
      // `scratch` has no configuration at all, so its working directory is always `/`.
      const fromScratch =
        lineage[lineage.length - 1].image?.repository.toLowerCase() === 'scratch' &&
        lineage[lineage.length - 1].image?.registry === null;
      let workdir = ancestorsSetWorkdir || fromScratch;
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() === 'WORKDIR') workdir = true;
        if (workdir || !(instruction instanceof Copy)) continue;
        const dest = copyDestination(model, instruction);
        if (
          !dest ||
          isAbsoluteOrDynamic(dest.value) ||
          isWindowsAbsolute(model.text.slice(model.offsetAt(dest.range.start), model.offsetAt(dest.range.end)))
        )
          continue;
        report({
          messageId: 'relative',
          data: { dest: dest.value },
          range: dest.range,
          fixes: () => absoluteDestinationFixes(model, dest),
        });
      }
    }
  },
});

/** `COPY x ./dir` → `COPY x /dir`: the path it meant when the base image sets no WORKDIR. */
function absoluteDestinationFixes(model: DockerfileModel, dest: { value: string; range: Range }): FixProposal[] {
  const absolute = posix.normalize(`/${dest.value}`);
  let raw = model.text.slice(model.offsetAt(dest.range.start), model.offsetAt(dest.range.end));
  // In exec form the last argument's range also covers the closing bracket.
  const bracket = /\s*\]$/.exec(raw)?.[0] ?? '';
  raw = raw.slice(0, raw.length - bracket.length);
  const quote = /^(["'])(.*)\1$/.exec(raw)?.[1] ?? '';
  const inner = quote ? raw.slice(1, -1) : raw;
  if (inner !== dest.value || /["'\\`\s]/.test(absolute)) return [];
  return [
    {
      title: `Copy to ${absolute} (where it lands unless the base image sets a WORKDIR)`,
      safe: false,
      edits: [TextEdit.replace(dest.range, `${quote}${absolute}${quote}${bracket}`)],
    },
  ];
}
