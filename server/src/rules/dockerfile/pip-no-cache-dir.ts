import { Env } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { mountsCacheAt, RunCommand, runCommands } from '../../dockerfile/commands';
import { DockerfileModel } from '../../dockerfile/model';
import { pipArgumentsStart } from '../../dockerfile/packages';
import { stageLineage } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

/** The words pip's `strtobool` reads as a boolean (any case). */
const PIP_BOOLEANS = new Set(['y', 'yes', 't', 'true', 'on', '1', 'n', 'no', 'f', 'false', 'off', '0']);

/**
 * Whether a `PIP_NO_CACHE_DIR` value turns pip's cache off. pip turns it off for every boolean it reads, false ones
 * included (kept for backward compatibility: `PIP_NO_CACHE_DIR=0` disables the cache too); it ignores an empty value
 * and stops with an error on another word. A value only known at build time (null) is taken as turning it off.
 */
function disablesCache(value: string | null): boolean {
  return value === null || PIP_BOOLEANS.has(value.toLowerCase());
}

const NAME = 'PIP_NO_CACHE_DIR';

/** `PIP_NO_CACHE_DIR` as the command's environment: `PIP_NO_CACHE_DIR=1 pip …`, `env PIP_NO_CACHE_DIR=1 pip …`, or `export`ed earlier in the script. */
function setInScript(model: DockerfileModel, rc: RunCommand): boolean {
  const prefix = model.text.slice(rc.command.start, rc.command.words[0]?.start ?? rc.command.start);
  const inline = new RegExp(`(?:^|\\s)${NAME}=(\\S*)`).exec(prefix);
  if (inline) return disablesCache(/[$`"']/.test(inline[1]) ? null : inline[1]);
  const viaEnv = rc.command.words.find((w) => w.start < rc.words[0].start && w.value?.startsWith(`${NAME}=`));
  if (viaEnv) return disablesCache(viaEnv.value!.slice(NAME.length + 1));
  let exported: boolean | undefined;
  for (const item of rc.script.exports ?? []) {
    if (item.start >= rc.command.start) break;
    if (item.name === NAME && item.assigns) exported = disablesCache(item.value);
  }
  return exported ?? false;
}

/** `PIP_NO_CACHE_DIR` set with ENV before the RUN, in its stage or a stage it is built on (the last one wins). */
function setWithEnv(rc: RunCommand): boolean {
  const line = rc.run.getRange().start.line;
  let value: boolean | undefined;
  for (const scope of stageLineage(rc.stage).reverse()) {
    for (const instruction of scope.instructions) {
      if (scope === rc.stage && instruction.getRange().start.line >= line) break;
      if (!(instruction instanceof Env)) continue;
      for (const property of instruction.getProperties()) {
        if (property.getName() !== NAME) continue;
        const raw = property.getValue();
        value = raw === null ? false : disablesCache(/\$/.test(raw) ? null : raw);
      }
    }
  }
  return value ?? false;
}

export default defineDockerfileRule({
  id: 'pip-no-cache-dir',
  title: 'pip install should use --no-cache-dir',
  defaultSeverity: 'warning',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3042' }],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    missing:
      '"pip install" keeps downloaded wheels in ~/.cache/pip inside the layer: add --no-cache-dir, or use a cache mount.',
  },
  docs: {
    flags: `\`pip install\` (also \`pip3\`, \`pip3.12\` and \`python -m pip\`, with interpreter options such as
      \`python3 -u -m pip\`) without \`--no-cache-dir\`. Not flagged when the \`RUN\` mounts a cache on the pip cache
      directory, or when \`PIP_NO_CACHE_DIR\` is set: with \`ENV\` earlier in the stage or a stage it is built on,
      before the command (\`PIP_NO_CACHE_DIR=1 pip install …\`), or with \`export\` earlier in the \`RUN\`. pip turns
      its cache off for any boolean value of the variable, \`0\`, \`false\`, \`no\` and \`off\` included (kept that way
      for backward compatibility); an empty value is ignored.`,
    why: `pip keeps every downloaded package in its cache (\`~/.cache/pip\`, which is \`/root/.cache/pip\` for
      root). In an image that cache is dead weight, often tens of megabytes, frozen into the layer.
      \`--no-cache-dir\` skips it. With BuildKit, \`RUN --mount=type=cache,target=/root/.cache/pip\` is even better:
      later builds reuse the downloads but the image never contains them.`,
    bad: [
      {
        code: `FROM python:3.12-slim
RUN pip install flask==3.0.3
USER nobody
`,
        fixed: `FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
USER nobody
`,
        expect: [{ messageId: 'missing', line: 2, column: 9, text: 'install' }],
      },
    ],
    good: [
      {
        code: `FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
USER nobody
`,
      },
      {
        caption: 'A cache mount',
        code: `FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const rc of runCommands(model)) {
      const values = rc.words.map((w) => w.value);
      const pip = pipArgumentsStart(rc);
      if (pip < 0) continue;
      const installIndex = values.indexOf('install', pip);
      if (installIndex < 0 || values.slice(pip, installIndex).some((v) => v !== null && !v.startsWith('-'))) continue;
      if (values.some((v) => v === '--no-cache-dir' || v?.startsWith('--no-cache-dir='))) continue;
      if (mountsCacheAt(rc.run, /\.cache\/pip$/)) continue;
      if (setInScript(model, rc) || setWithEnv(rc)) continue;
      const install = rc.words[installIndex];
      report({
        messageId: 'missing',
        range: model.rangeOf(install.start, install.end),
        fixes: () => [
          {
            title: 'Add --no-cache-dir',
            safe: true,
            edits: [TextEdit.insert(model.document.positionAt(install.end), ' --no-cache-dir')],
          },
        ],
      });
    }
  },
});
