import { Instruction } from 'dockerfile-ast';
import { DockerfileModel } from '../../dockerfile/model';
import { isShellForm, joinRunsEdit, sameOptions } from '../../dockerfile/runMerge';
import { defineDockerfileRule, FixProposal } from '../types';

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

function mergeFixes(model: DockerfileModel, list: Instruction[], index: number): FixProposal[] {
  const single = joinRunsEdit(model, list[index - 1], list[index]);
  if (!single) return [];
  const fixes: FixProposal[] = [{ title: 'Merge this RUN into the one above', safe: true, edits: [single] }];
  // The whole chain of mergeable RUNs around this one, in one action.
  let first = index - 1;
  while (first > 0 && list[first - 1].getKeyword() === 'RUN' && joinRunsEdit(model, list[first - 1], list[first])) first--;
  let last = index;
  while (last + 1 < list.length && list[last + 1].getKeyword() === 'RUN' && joinRunsEdit(model, list[last], list[last + 1])) last++;
  if (last - first > 1) {
    const edits = [];
    for (let i = first + 1; i <= last; i++) edits.push(joinRunsEdit(model, list[i - 1], list[i])!);
    fixes.push({ title: `Merge all ${last - first + 1} consecutive RUN instructions`, safe: true, edits });
  }
  return fixes;
}
