/** Small helpers for hover Markdown. */
import { Instruction } from 'dockerfile-ast';
import { LessonId, LESSONS } from '../protocol';

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The 1-based line number an instruction starts on, as editors show it. */
export function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

/** Where hover links lead: a rule's page and a lesson's page (the VS Code client turns both into command links). */
export interface DocLinks {
  rule(id: string): string;
  lesson(id: string): string;
}

/** The links of a documentation folder `…/docs/rules`: lessons are in `…/lessons`, as the rule pages link them. */
export function docLinks(docsBaseUri: string): DocLinks {
  const lessonsBase = /\/[^/]+\/[^/]+$/.test(docsBaseUri)
    ? docsBaseUri.replace(/\/[^/]+\/[^/]+$/, '/lessons')
    : `${docsBaseUri}/../../lessons`;
  return { rule: (id) => `${docsBaseUri}/${id}.md`, lesson: (id) => `${lessonsBase}/${id}.md` };
}

/** The lesson that teaches something, as a link to its page. */
export function lessonLink(lesson: LessonId, links: DocLinks): string {
  return `Lesson: [${LESSONS[lesson]}](${links.lesson(lesson)})`;
}
