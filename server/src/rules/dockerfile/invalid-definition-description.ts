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
    description: 'The comment above this {keyword} becomes the description of "{name}": start it with "{name} ", or put an empty line between them.',
  },
  docs: {
    flags: 'Comment lines directly above a named `FROM … AS name` or an `ARG NAME` (no empty line in between) of which none starts with the name followed by a space. Only in the `all` preset, like BuildKit, which runs this check only when it is enabled as experimental (`# check=experimental=InvalidDefinitionDescription`). Docker Coach reads that directive too, or you can turn the rule on in the settings.',
    why: '`docker buildx build --call=outline` and `--call=targets` list build stages and arguments with descriptions taken from the comment right above them, when it starts with their name. Other comments in that position end up as odd descriptions or hide the real one. An empty line detaches a comment that is not meant as a description.',
    bad: [
      {
        code: 'FROM alpine:3.20 AS base\n# pinned for reproducible builds\nARG VERSION=1.4.2\nLABEL org.opencontainers.image.version=${VERSION}\nUSER nobody\n',
        fixed: 'FROM alpine:3.20 AS base\n# pinned for reproducible builds\n\nARG VERSION=1.4.2\nLABEL org.opencontainers.image.version=${VERSION}\nUSER nobody\n',
        settings: { rules: { 'invalid-definition-description': 'warning' } },
      },
    ],
    good: [
      {
        code: '# base is the runtime image\nFROM alpine:3.20 AS base\n# VERSION of the application to install\nARG VERSION=1.4.2\nLABEL org.opencontainers.image.version=${VERSION}\nUSER nobody\n',
        settings: { rules: { 'invalid-definition-description': 'warning' } },
      },
      {
        caption: 'An empty line detaches an ordinary comment',
        code: 'FROM alpine:3.20 AS base\n# pinned for reproducible builds\n\nARG VERSION=1.4.2\nLABEL org.opencontainers.image.version=${VERSION}\nUSER nobody\n',
        settings: { rules: { 'invalid-definition-description': 'warning' } },
      },
    ],
  },
  check(model, report) {
    const comments = new Map(model.ast.getComments().map((c) => [c.getRange().start.line, c]));
    const directives = new Set(model.directiveLines());
    for (const instruction of model.ast.getInstructions()) {
      const name = definedName(instruction);
      if (!name) continue;
      const lines: number[] = [];
      for (let line = instruction.getRange().start.line - 1; comments.has(line) && !directives.has(line); line--) lines.unshift(line);
      if (lines.length === 0) continue;
      const describes = lines.some((line) => {
        const content = comments.get(line)!.getContent();
        return content.startsWith(`${name} `) || content.toLowerCase().startsWith(`${name.toLowerCase()} `) && instruction instanceof From;
      });
      if (describes) continue;
      const first = comments.get(lines[0])!.getRange().start;
      const last = comments.get(lines[lines.length - 1])!.getRange().end;
      report({
        messageId: 'description',
        data: { keyword: instruction.getKeyword(), name },
        range: { start: first, end: last },
        fixes: () => [{ title: 'Separate the comment with an empty line', safe: true, edits: [blankLineBefore(model, instruction)] }],
      });
    }
  },
});

/** The stage name of a named FROM, or the name of an ARG that declares exactly one. */
function definedName(instruction: Instruction): string | null {
  if (instruction instanceof From) return instruction.getBuildStage();
  if (instruction instanceof Arg) {
    const properties = instruction.getProperties();
    return properties.length === 1 ? properties[0].getName() : null;
  }
  return null;
}

function blankLineBefore(model: DockerfileModel, instruction: Instruction): TextEdit {
  return TextEdit.insert({ line: instruction.getRange().start.line, character: 0 }, eol(model));
}
