import { TextEdit } from 'vscode-languageserver-types';
import { mountsCacheAt, runCommands } from '../../dockerfile/commands';
import { pipArgumentsStart } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'pip-no-cache-dir',
  title: 'pip install should use --no-cache-dir',
  defaultSeverity: 'warning',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3042' }],
  lesson: 'layers-and-cache',
  fix: 'safe',
  messages: {
    missing: '"pip install" keeps downloaded wheels in ~/.cache/pip inside the layer: add --no-cache-dir, or use a cache mount.',
  },
  docs: {
    flags: '`pip install` (also `pip3`, `pip3.12` and `python -m pip`, with interpreter options such as `python3 -u -m pip`) without `--no-cache-dir`. Not flagged when the `RUN` mounts a cache on the pip cache directory, or when `PIP_NO_CACHE_DIR` is set with `ENV` earlier in the stage.',
    why: 'pip keeps every downloaded package in its cache (`~/.cache/pip`, which is `/root/.cache/pip` for root). In an image that cache is dead weight, often tens of megabytes, frozen into the layer. `--no-cache-dir` skips it. With BuildKit, `RUN --mount=type=cache,target=/root/.cache/pip` is even better: later builds reuse the downloads but the image never contains them.',
    bad: [
      {
        code: 'FROM python:3.12-slim\nRUN pip install flask==3.0.3\nUSER nobody\n',
        fixed: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\nUSER nobody\n',
      },
    ],
    good: [
      { code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\nUSER nobody\n' },
      { caption: 'A cache mount', code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3\nUSER nobody\n' },
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
      const envSet = rc.stage.instructions.some((i) => i.getKeyword() === 'ENV' && i.getRange().start.line < rc.run.getRange().start.line && /\bPIP_NO_CACHE_DIR\b/.test(i.getArguments().map((a) => a.getValue()).join(' ')));
      if (envSet) continue;
      const install = rc.words[installIndex];
      report({
        messageId: 'missing',
        range: model.rangeOf(install.start, install.end),
        fixes: () => [{ title: 'Add --no-cache-dir', safe: true, edits: [TextEdit.insert(model.document.positionAt(install.end), ' --no-cache-dir')] }],
      });
    }
  },
});
