import { cleanPattern, DockerignoreModel, hasWildcard, IgnorePattern, patternMatches } from '../../dockerignore/model';
import { defineDockerignoreRule } from '../types';

/** Patterns that exclude everything in the context. */
const CATCH_ALL = new Set(['*', '**', '**/*']);

export default defineDockerignoreRule({
  id: 'dockerignore-exception-overridden',
  title: 'An exception must come after the pattern it overrides',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [],
  lesson: 'layers-and-cache',
  fix: 'none',
  messages: {
    overridden:
      '"!{pattern}" is undone by line {line} ("{later}"), because the last matching line wins: move the exception below that line.',
  },
  docs: {
    flags: `An exception (\`!pattern\`) that a later line cancels: for a plain path, when the lines below
      exclude that path again; for a pattern with wildcards, when a later line repeats the same pattern or
      excludes everything (\`*\`, \`**\`) and no exception follows it.`,
    why: `Docker reads \`.dockerignore\` from top to bottom and the last line that matches a path decides
      whether it is sent to the builder. An exception only re-includes what the lines above it excluded; a line
      below it excludes the path again. So \`!README.md\` followed by \`*.md\` leaves \`README.md\` out of the
      context, and a \`COPY README.md\` fails with "not found". Put the broad pattern first and the exceptions
      after it.`,
    bad: [
      {
        code: `!README.md
*.md
`,
        expect: [{ messageId: 'overridden', line: 1, column: 1, text: '!README.md' }],
      },
      {
        caption: 'An allow-list written in the wrong order',
        code: `!src
!package.json
*
`,
        expect: [
          { messageId: 'overridden', line: 1, column: 1, text: '!src' },
          { messageId: 'overridden', line: 2, column: 1, text: '!package.json' },
        ],
      },
    ],
    good: [
      {
        code: `*.md
!README.md
`,
      },
      {
        code: `*
!src
!package.json
`,
      },
    ],
  },
  check(model, report) {
    model.patterns.forEach((pattern, index) => {
      if (!pattern.exception) return;
      const later = overriding(model, index);
      if (later)
        report({
          messageId: 'overridden',
          data: { pattern: pattern.text, line: later.line + 1, later: later.text },
          range: pattern.range,
        });
    });
  },
});

/** The later exclusion that cancels the exception at `index`, or null. */
function overriding(model: DockerignoreModel, index: number): IgnorePattern | null {
  const patterns = model.patterns;
  const path = cleanPattern(patterns[index].text);
  if (!hasWildcard(path) && !path.includes('\\')) {
    if (path === '' || path === '.' || !model.ignores(path)) return null;
    // The path ends up excluded although this line re-included it: the last exclusion below that matches it wins.
    for (let i = patterns.length - 1; i > index; i--) {
      if (!patterns[i].exception && patternMatches(patterns[i].text, path)) return patterns[i];
    }
    return null;
  }
  // With wildcards only the clear cases: the same pattern again, or everything, with no exception after it.
  let lastException = -1;
  patterns.forEach((p, i) => {
    if (p.exception) lastException = i;
  });
  for (let i = patterns.length - 1; i > Math.max(index, lastException); i--) {
    const text = cleanPattern(patterns[i].text);
    if (CATCH_ALL.has(text) || text === path) return patterns[i];
  }
  return null;
}
