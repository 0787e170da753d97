/**
 * Report wrappers the engine puts between a Dockerfile rule and its findings.
 *
 * Templates: a finding about text the template engine replaces (a control line, an inline action) is
 * dropped, and so is a fix that would change an action or cut one apart.
 *
 * ONBUILD triggers: rules see a trigger as an instruction of its own (`model.scopes`), with
 * document ranges inside the ONBUILD line; a fix written for a plain instruction may reach outside it (a line
 * inserted above the instruction would land before `ONBUILD`, or between `ONBUILD` and the trigger, and change
 * this image instead of the ones built on it). Such fixes are dropped; fixes that stay inside the trigger are kept.
 */
import type { FixProposal, Report } from '../rules/types';
import { DockerfileModel } from '../dockerfile/model';
import type { DockerfileTemplate } from '../dockerfile/templates';

/** Wraps `report` so that it drops what `template.hides` and the fixes that would touch an action. */
export function guardTemplate(template: DockerfileTemplate, report: Report): Report {
  return (finding) => {
    if (template.hides(finding.range)) return;
    const fixes = finding.fixes;
    if (!fixes) return report(finding);
    report({
      ...finding,
      fixes: () => fixes().filter((proposal) => !proposal.edits.some((edit) => template.touches(edit.range))),
    });
  };
}

interface Span {
  start: number;
  end: number;
}

/** Wraps `report` so that findings in ONBUILD triggers keep only the fixes that edit inside their trigger. */
export function guardTriggers(model: DockerfileModel, report: Report): Report {
  const spans: Span[] = [];
  for (const scope of model.scopes) {
    if (scope.kind !== 'onbuild') continue;
    for (const trigger of scope.instructions) {
      const range = trigger.getRange();
      spans.push({ start: model.offsetAt(range.start), end: model.offsetAt(range.end) });
    }
  }
  if (spans.length === 0) return report;
  spans.sort((a, b) => a.start - b.start);
  return (finding) => {
    const fixes = finding.fixes;
    const span = fixes && spanAt(spans, model.offsetAt(finding.range.start));
    if (!span) return report(finding);
    report({ ...finding, fixes: () => fixes().filter((proposal) => staysInside(model, proposal, span)) });
  };
}

/** The trigger span holding `offset`, by binary search (spans are in document order and do not overlap). */
function spanAt(spans: Span[], offset: number): Span | null {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle].start <= offset) low = middle + 1;
    else high = middle;
  }
  const span = spans[low - 1];
  return span && offset <= span.end ? span : null;
}

/**
 * Every edit inside the trigger, and none inserting text right before its keyword (that text would come
 * between `ONBUILD` and the trigger); no edits to other files.
 */
function staysInside(model: DockerfileModel, proposal: FixProposal, span: Span): boolean {
  if (proposal.otherFiles?.length) return false;
  return proposal.edits.every((edit) => {
    const start = model.offsetAt(edit.range.start);
    const end = model.offsetAt(edit.range.end);
    return start >= span.start && end <= span.end && (start > span.start || end > start);
  });
}
