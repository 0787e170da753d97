import { TextEdit } from 'vscode-languageserver-types';
import { argumentsText } from '../../dockerfile/model';
import { dockerQuote, keywordLike } from '../../dockerfile/edits';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'maintainer-deprecated',
  title: 'MAINTAINER is deprecated: use a LABEL',
  defaultSeverity: 'warning',
  category: 'maintainability',
  equivalents: [
    { tool: 'hadolint', id: 'DL4000' },
    { tool: 'buildkit', id: 'MaintainerDeprecated' },
    { tool: 'trivy', id: 'DS022' },
  ],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    deprecated: 'MAINTAINER is deprecated: record the author with LABEL org.opencontainers.image.authors instead.',
  },
  docs: {
    flags: `Any \`MAINTAINER\` instruction.`,
    why: `\`MAINTAINER\` has been deprecated since Docker 1.13. It still works (the builder records its text
      as the image's author, and BuildKit only warns with its MaintainerDeprecated check), so this is a warning,
      not an error. Labels carry the same information in a standard, queryable way: \`docker inspect\` shows them
      and registries understand the OCI annotation key \`org.opencontainers.image.authors\`.`,
    bad: [
      {
        code: `FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
USER nobody
`,
        fixed: `FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
USER nobody
`,
        expect: [{ messageId: 'deprecated', line: 2, column: 1, text: 'MAINTAINER' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const instruction of model.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      report({
        messageId: 'deprecated',
        range: instruction.getInstructionRange(),
        tags: ['deprecated'],
        fixes: () => {
          const author = argumentsText(model, instruction).replace(/^"(.*)"$/, '$1');
          const label = `${keywordLike(instruction.getInstruction(), 'LABEL')} org.opencontainers.image.authors=${dockerQuote(author)}`;
          return [
            {
              title: 'Replace MAINTAINER with LABEL org.opencontainers.image.authors',
              safe: true,
              edits: [TextEdit.replace(instruction.getRange(), label)],
            },
          ];
        },
      });
    }
  },
});
