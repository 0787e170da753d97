/** Hover on instruction keywords: what the instruction does, its forms, an example. */
import { Onbuild } from 'dockerfile-ast';
import { Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import { DockerfileModel } from '../dockerfile/model';
import { INSTRUCTION_DOCS, InstructionDoc } from '../data/instructions';
import { LESSONS } from '../data/lessons';
import { DOCKERFILE_RULES } from '../rules/registry';

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

export function dockerfileHover(model: DockerfileModel, position: Position, docsUri: (ruleId: string) => string): Hover | null {
  for (const instruction of model.ast.getInstructions()) {
    const range = instruction.getRange();
    if (position.line < range.start.line || position.line > range.end.line) continue;
    const keywordRange = instruction.getInstructionRange();
    if (contains(keywordRange, position)) {
      const doc = INSTRUCTION_DOCS[instruction.getKeyword()];
      return doc ? { contents: { kind: MarkupKind.Markdown, value: instructionMarkdown(doc, docsUri) }, range: keywordRange } : null;
    }
    if (instruction instanceof Onbuild) {
      const triggerRange = instruction.getTriggerRange();
      const trigger = instruction.getTrigger()?.toUpperCase();
      if (triggerRange && trigger && contains(triggerRange, position)) {
        const doc = INSTRUCTION_DOCS[trigger];
        if (doc) return { contents: { kind: MarkupKind.Markdown, value: `*Runs later, in builds that use this image as their base (ONBUILD trigger).*\n\n${instructionMarkdown(doc, docsUri)}` }, range: triggerRange };
      }
    }
  }
  return null;
}

/** The rules that look at an instruction, for the "checked by" line. */
const RULES_BY_KEYWORD: Record<string, string[]> = {};
for (const rule of DOCKERFILE_RULES) {
  for (const keyword of Object.keys(INSTRUCTION_DOCS)) {
    if (new RegExp(`\\b${keyword}\\b`).test(rule.docs.flags)) (RULES_BY_KEYWORD[keyword] ??= []).push(rule.id);
  }
}

export function instructionMarkdown(doc: InstructionDoc, docsUri: (ruleId: string) => string): string {
  const parts = [
    `**${doc.keyword}**: ${doc.summary}`,
    '```dockerfile\n' + doc.forms.join('\n') + '\n```',
    doc.notes.map((n) => `- ${n}`).join('\n'),
    'Example:\n```dockerfile\n' + doc.example.trimEnd() + '\n```',
  ];
  const checkedBy = RULES_BY_KEYWORD[doc.keyword];
  if (checkedBy?.length) parts.push(`Checked by: ${checkedBy.map((id) => `[${id}](${docsUri(id)})`).join(', ')}`);
  parts.push(`[Dockerfile reference](${REFERENCE}#${doc.referenceAnchor}) · Lesson: *${LESSONS[doc.lesson]}*`);
  return parts.join('\n\n');
}
