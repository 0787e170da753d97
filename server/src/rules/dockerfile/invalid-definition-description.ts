import { Arg, From, Instruction } from 'dockerfile-ast';
import { TextEdit } from 'vscode-languageserver-types';
import { eol } from '../../dockerfile/edits';
import { DockerfileModel } from '../../dockerfile/model';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'invalid-definition-description',
  title: 'A comment right above FROM … AS or ARG should describe it',
  defaultSeverity: 'warning',
  preset: 'all',
  category: 'style',
  equivalents: [{ tool: 'buildkit', id: 'InvalidDefinitionDescription' }],
  lesson: 'writing-dockerfiles',
  fix: 'safe',
  messages: {
    description:
      'The comment above this {keyword} becomes the description of "{name}": start it with "{name} ", or put an empty line between them.',
    descriptionOfSeveral:
      'The comment above this ARG becomes the description of its arguments ({names}): start it with one of these names and a space, or put an empty line between them.',
  },
  docs: {
    flags: `A named \`FROM … AS name\` or an \`ARG\` whose comment line right above (no empty line in between)
      does not start with the name (for an \`ARG\` declaring several, one of them) followed by a space. Reported
      on the instruction, as BuildKit does; an empty \`#\` line above the instruction detaches the comment too.
      Only in the \`all\` preset, like BuildKit, which runs this check only when it is enabled as experimental (\`#
      check=experimental=InvalidDefinitionDescription\`). Docker Coach reads that directive too, or you can turn
      the rule on in the settings.`,
    why: `\`docker buildx build --call=outline\` and \`--call=targets\` list build stages and arguments with
      descriptions taken from the comment right above them, when it starts with their name. Other comments in
      that position end up as odd descriptions or hide the real one. An empty line detaches a comment that is
      not meant as a description.`,
    bad: [
      {
        code: `FROM alpine:3.20 AS base
# pinned for reproducible builds
ARG VERSION=1.4.2
LABEL org.opencontainers.image.version=\${VERSION}
USER nobody
`,
        fixed: `FROM alpine:3.20 AS base
# pinned for reproducible builds

ARG VERSION=1.4.2
LABEL org.opencontainers.image.version=\${VERSION}
USER nobody
`,
        settings: { rules: { 'invalid-definition-description': 'warning' } },
        expect: [{ messageId: 'description', line: 3, column: 1, text: 'ARG VERSION=1.4.2' }],
      },
    ],
    good: [
      {
        code: `# base is the runtime image
FROM alpine:3.20 AS base
# VERSION of the application to install
ARG VERSION=1.4.2
LABEL org.opencontainers.image.version=\${VERSION}
USER nobody
`,
        settings: { rules: { 'invalid-definition-description': 'warning' } },
      },
      {
        caption: 'An empty line detaches an ordinary comment',
        code: `FROM alpine:3.20 AS base
# pinned for reproducible builds

ARG VERSION=1.4.2
LABEL org.opencontainers.image.version=\${VERSION}
USER nobody
`,
        settings: { rules: { 'invalid-definition-description': 'warning' } },
      },
    ],
  },
  check(model, report) {
    const comments = new Map(model.ast.getComments().map((c) => [c.getRange().start.line, c]));
    const directives = new Set(model.directiveLines());
    for (const instruction of model.ast.getInstructions()) {
      const names = definedNames(instruction);
      if (names.length === 0) continue;
      // Like BuildKit, only the comment line right above counts; an empty `#` line ends a description.
      const above = instruction.getRange().start.line - 1;
      const comment = comments.get(above);
      if (!comment || directives.has(above)) continue;
      const content = comment.getContent().trim();
      if (content === '' || names.includes(content.split(' ')[0])) continue;
      const keyword = instruction.getKeyword();
      report({
        messageId: names.length === 1 ? 'description' : 'descriptionOfSeveral',
        data: { keyword, name: names[0], names: names.join(', ') },
        range: instruction.getRange(),
        fixes: () => [
          {
            title: 'Separate the comment with an empty line',
            safe: true,
            edits: [blankLineBefore(model, instruction)],
          },
        ],
      });
    }
  },
});

/**
 * The names a comment above this instruction describes: the stage name of a named FROM (lower-cased, as BuildKit
 * keeps it), or the names an ARG declares.
 */
function definedNames(instruction: Instruction): string[] {
  if (instruction instanceof From) {
    const stage = instruction.getBuildStage();
    return stage ? [stage.toLowerCase()] : [];
  }
  if (instruction instanceof Arg) return instruction.getProperties().map((p) => p.getName());
  return [];
}

function blankLineBefore(model: DockerfileModel, instruction: Instruction): TextEdit {
  return TextEdit.insert({ line: instruction.getRange().start.line, character: 0 }, eol(model));
}
