import { deleteLines } from '../../dockerfile/edits';
import { defineDockerfileRule } from '../types';

/** The comment forms `engine/pragmas.ts` honours. */
const PRAGMA = /^(\s*)(#\s*(?:docker-coach|hadolint)\s+(?:(?:global|stage)\s+)?ignore\s*=.*?)\s*$/;

export default defineDockerfileRule({
  id: 'inline-ignore-pragma',
  title: 'Avoid inline ignore comments',
  defaultSeverity: 'info',
  preset: 'all',
  category: 'maintainability',
  equivalents: [{ tool: 'hadolint', id: 'DL1001' }],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    pragma:
      'An inline ignore comment silences checks here: configure rules in the settings instead, or fix the problem.',
  },
  docs: {
    flags: `\`# docker-coach ignore=…\` and \`# hadolint ignore=…\` comments, including their \`global\` forms. Only
      in the \`all\` preset: turn it on when rule exceptions must live in shared configuration rather than in
      Dockerfiles.`,
    why: `Ignore comments are easy to add and easy to forget. A team that reviews lint exceptions centrally
      (in workspace settings or a shared configuration) can use this rule to keep Dockerfiles from quietly
      switching checks off. The quick fix deletes the comment; it is not applied automatically, because the
      problems it silenced come back.`,
    bad: [
      {
        code: `FROM alpine:3.20
# docker-coach ignore=merge-run-layers
RUN echo one
RUN echo two
USER nobody
`,
        settings: { rules: { 'inline-ignore-pragma': 'warning' } },
        expect: [{ messageId: 'pragma', line: 2, column: 1, text: '# docker-coach ignore=merge-run-layers' }],
      },
      {
        caption: 'A comment left behind after the problem was fixed',
        code: `FROM alpine:3.20
# hadolint ignore=DL3059
RUN echo one && echo two
USER nobody
`,
        fixed: `FROM alpine:3.20
RUN echo one && echo two
USER nobody
`,
        settings: { rules: { 'inline-ignore-pragma': 'warning' } },
        expect: [{ messageId: 'pragma', line: 2, column: 1, text: '# hadolint ignore=DL3059' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
RUN echo one && echo two
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    const heredocLines = new Set<number>();
    for (const instruction of model.ast.getInstructions()) {
      const { start, end } = instruction.getRange();
      if (end.line > start.line) for (let line = start.line + 1; line <= end.line; line++) heredocLines.add(line);
    }
    const lines = model.text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      if (heredocLines.has(line)) continue;
      const match = PRAGMA.exec(lines[line].replace(/\r$/, ''));
      if (!match) continue;
      const start = match[1].length;
      report({
        messageId: 'pragma',
        range: { start: { line, character: start }, end: { line, character: start + match[2].length } },
        fixes: () => [
          {
            title: 'Delete this ignore comment (the problems it silences come back)',
            safe: false,
            edits: [deleteLines(model, line, line)],
          },
        ],
      });
    }
  },
});
