import { RunCommand, runCommands } from '../../dockerfile/commands';
import { Scope } from '../../dockerfile/model';
import { defineDockerfileRule } from '../types';

type Tool = 'curl' | 'wget';

export default defineDockerfileRule({
  id: 'one-download-tool',
  title: 'Use either curl or wget, not both',
  defaultSeverity: 'warning',
  category: 'maintainability',
  equivalents: [
    { tool: 'hadolint', id: 'DL4001' },
    { tool: 'trivy', id: 'DS014' },
  ],
  lesson: 'multi-stage-builds',
  fix: 'none',
  messages: {
    both: 'This stage also downloads with {other}: use {other} here too, so the image needs only one download tool.',
  },
  docs: {
    flags: `A build stage whose \`RUN\` instructions use both \`curl\` and \`wget\`. The uses of the less used tool
      are reported (on a tie, the one that appears second).`,
    why: `curl and wget do the same job. Using both means both end up installed, with their libraries, in
      the image, and readers have to know two sets of options (\`-fsSLo\` versus \`-qO\`) for one task. Pick one per
      stage; if the base image ships only one of them (BusyBox wget on Alpine, curl on many others), that is the
      natural choice.`,
    bad: [
      {
        code: `FROM debian:12-slim
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN wget -nv -O /tmp/b.tgz https://example.com/b.tgz
USER nobody
`,
        expect: [{ messageId: 'both', line: 3, column: 5, text: 'wget' }],
      },
    ],
    good: [
      {
        code: `FROM debian:12-slim
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz \\
 && curl -fsSLo /tmp/b.tgz https://example.com/b.tgz
USER nobody
`,
      },
      {
        caption: 'Different stages may use different tools',
        code: `FROM alpine:3.20 AS fetch
RUN wget -O /tmp/a.tgz https://example.com/a.tgz
FROM debian:12-slim
COPY --from=fetch /tmp/a.tgz /tmp/a.tgz
RUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const byStage = new Map<Scope, Record<Tool, RunCommand[]>>();
    for (const rc of runCommands(model)) {
      if (rc.name !== 'curl' && rc.name !== 'wget') continue;
      let uses = byStage.get(rc.stage);
      if (!uses) byStage.set(rc.stage, (uses = { curl: [], wget: [] }));
      uses[rc.name].push(rc);
    }
    for (const uses of byStage.values()) {
      if (uses.curl.length === 0 || uses.wget.length === 0) continue;
      const curlFirst = uses.curl[0].command.start < uses.wget[0].command.start;
      const minority: Tool =
        uses.curl.length !== uses.wget.length
          ? uses.curl.length < uses.wget.length
            ? 'curl'
            : 'wget'
          : curlFirst
            ? 'wget'
            : 'curl';
      const other: Tool = minority === 'curl' ? 'wget' : 'curl';
      for (const rc of uses[minority]) {
        const name = rc.words[0];
        report({ messageId: 'both', data: { other }, range: model.rangeOf(name.start, name.end) });
      }
    }
  },
});
