import { Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
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
    consecutive:
      'This RUN directly follows another RUN with the same options: each one adds a layer, so merge them with "&&".',
  },
  docs: {
    flags: `A \`RUN\` that directly follows another \`RUN\` of the same stage with the same options (\`--mount\`,
      \`--network\`, \`--security\`); comments in between do not count. \`RUN\`s in exec form or with heredocs are not
      flagged.`,
    why: `Every \`RUN\` produces a layer. Files deleted in a later layer still take space in the earlier one,
      and many small layers make images slower to pull. Related steps such as "update the package index,
      install, clean up" belong in one \`RUN\` so that the cleanup really shrinks the image and the steps are
      cached together. The quick fix joins the commands with \`&&\`, keeps comments and continuation lines, and
      refuses when joining would change what runs (a \`cd\`, \`export\` or \`set\` in the first \`RUN\`, or a \`;\`/\`||\`
      list in the second) or what an ignore pragma above either \`RUN\` covers.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        fixed: `FROM debian:12-slim
RUN apt-get update && \\
    apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`,
        expect: [{ messageId: 'consecutive', line: 3, column: 1, text: 'RUN' }],
      },
      {
        caption: 'Comments and continuation lines are kept',
        code: `FROM alpine:3.20
RUN apk add --no-cache \\
      curl \\
      git
# fetch the sources
RUN git clone https://example.com/repo.git /src
USER nobody
`,
        fixed: `FROM alpine:3.20
RUN apk add --no-cache \\
      curl \\
      git && \\
      # fetch the sources
      git clone https://example.com/repo.git /src
USER nobody
`,
        expect: [{ messageId: 'consecutive', line: 6, column: 1, text: 'RUN' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
USER nobody
`,
      },
      {
        caption: 'Different mounts are different steps',
        code: `FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3
RUN python -c "import flask"
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.scopes) {
      const list = stage.instructions;
      const chains = new RunChains(model, list);
      for (let i = 1; i < list.length; i++) {
        const previous = list[i - 1];
        const current = list[i];
        if (current.getKeyword() !== 'RUN' || previous.getKeyword() !== 'RUN') continue;
        if (!sameOptions(previous, current) || !isShellForm(model, previous) || !isShellForm(model, current)) continue;
        report({
          messageId: 'consecutive',
          range: current.getInstructionRange(),
          fixes: () => chains.fixes(i),
        });
      }
    }
  },
});

/**
 * The fixes of one stage's RUNs. Each join, and each chain of joinable RUNs
 * with its "merge all" fix, is worked out once and shared by every finding in
 * the chain, so asking every finding for its fixes stays linear.
 */
class RunChains {
  private readonly joins: (TextEdit | null | undefined)[] = [];
  private readonly chainFixes = new Map<number, FixProposal | null>();

  constructor(
    private readonly model: DockerfileModel,
    private readonly list: Instruction[],
  ) {}

  /** The edit joining the instruction at `index` into the one above, or null. */
  private join(index: number): TextEdit | null {
    if (this.joins[index] === undefined) {
      const [previous, next] = [this.list[index - 1], this.list[index]];
      this.joins[index] =
        previous.getKeyword() === 'RUN' && next.getKeyword() === 'RUN'
          ? joinRunsEdit(this.model, previous, next)
          : null;
    }
    return this.joins[index]!;
  }

  fixes(index: number): FixProposal[] {
    const single = this.join(index);
    if (!single) return [];
    if (!this.chainFixes.has(index)) {
      // The whole chain of mergeable RUNs around this one, in one action.
      let first = index - 1;
      while (first > 0 && this.join(first)) first--;
      let last = index;
      while (last + 1 < this.list.length && this.join(last + 1)) last++;
      const edits = [];
      for (let i = first + 1; i <= last; i++) edits.push(this.join(i)!);
      const all: FixProposal | null =
        last - first > 1
          ? { title: `Merge all ${last - first + 1} consecutive RUN instructions`, safe: true, edits }
          : null;
      for (let i = first + 1; i <= last; i++) this.chainFixes.set(i, all);
    }
    const all = this.chainFixes.get(index);
    return [{ title: 'Merge this RUN into the one above', safe: true, edits: [single] }, ...(all ? [all] : [])];
  }
}
