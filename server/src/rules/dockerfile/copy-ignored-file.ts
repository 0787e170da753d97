import { posix } from 'path';
import { copyInstructions, isRemoteSource } from '../../dockerfile/copies';
import { dockerignoreModel, hasWildcard } from '../../dockerignore/model';
import { appendToDockerignore } from '../sharedFixes';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'copy-ignored-file',
  title: 'Do not COPY files that .dockerignore excludes',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'buildkit', id: 'CopyIgnoredFile' }],
  lesson: 'layers-and-cache',
  fix: 'unsafe',
  messages: {
    ignored:
      '{keyword} {source}: line {line} of {file} ("{pattern}") leaves it out of the build context, so the build fails with "not found". Copy something else or re-include it with "!{path}".',
  },
  docs: {
    flags: `A \`COPY\` or \`ADD\` from the build context whose source is a plain path (no wildcard, no variable)
      that the context's \`.dockerignore\` excludes. Sources that an exception (\`!pattern\`) may partly re-include
      are not reported. Only reported when the editor or CLI knows the \`.dockerignore\`; the build context is
      assumed to be the Dockerfile's folder. BuildKit ships its \`CopyIgnoredFile\` check as experimental, so
      \`docker build --check\` only runs it when asked; here it is a warning by default, because what it finds is
      a build that fails.`,
    why: `Files matched by \`.dockerignore\` are never sent to the builder, so for \`COPY\` they do not exist:
      the build stops with \`"/config.yaml": not found\` even though the file is right there in the folder, which
      is confusing to debug. Either the pattern is too broad (\`*.yaml\` when one file is needed) or the \`COPY\` is
      left over. Re-include the file with an exception line such as \`!config.yaml\` after the pattern, or narrow
      the pattern.`,
    bad: [
      {
        code: `FROM nginx:1.27
COPY site/index.html /usr/share/nginx/html/
USER nginx
`,
        dockerignore: `.git
site/
`,
        fixed: `FROM nginx:1.27
COPY site/index.html /usr/share/nginx/html/
USER nginx
`,
        fixedDockerignore: `.git
site/
!site/index.html
`,
        expect: [{ messageId: 'ignored', line: 2, column: 6, text: 'site/index.html' }],
      },
    ],
    good: [
      {
        code: `FROM nginx:1.27
COPY site/index.html /usr/share/nginx/html/
USER nginx
`,
        dockerignore: `.git
site/*
!site/index.html
`,
      },
    ],
  },
  check(model, report, context) {
    const ignoreFile = context.dockerignore;
    if (!ignoreFile) return;
    const ignore = dockerignoreModel(ignoreFile.text);
    if (ignore.patterns.length === 0) return;
    for (const copy of copyInstructions(model)) {
      if (copy.from !== null) continue;
      for (const source of copy.sources) {
        const value = source.value;
        if (value.includes('$') || hasWildcard(value) || isRemoteSource(value)) continue;
        const path = posix.normalize(value.replace(/^\/+/, '')).replace(/\/+$/, '');
        if (path === '.' || path === '' || path.startsWith('..')) continue;
        if (!ignore.ignores(path) || ignore.mayReincludeBelow(path)) continue;
        const pattern = ignore.excludedBy(path);
        report({
          messageId: 'ignored',
          data: {
            keyword: copy.keyword,
            source: value,
            path,
            file: posix.basename(ignoreFile.path),
            line: pattern ? pattern.line + 1 : '?',
            pattern: pattern?.text ?? '',
          },
          range: source.range,
          // The last matching line wins, so `!path` at the end sends the file again.
          fixes: () =>
            appendToDockerignore(
              ignoreFile,
              [`!${path}`],
              (name) => `Add "!${path}" to ${name} so the build context includes it`,
            ),
        });
      }
    }
  },
});
