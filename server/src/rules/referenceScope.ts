/** Which files the compose reference rules may look up a name in. */
import { ComposeModel } from '../compose/model';
import { ComposeProjectContext } from '../compose/project/projectContext';
import { hasIncludes, isPartialFile } from '../compose/references';
import { RuleContext } from './types';

/**
 * What the reference rules check a document against: `{ project }` when every file that may define
 * its names was read, `{ project: null }` for a document that stands alone (no project, and nothing
 * suggests other files), and null when names may come from files nobody can see (an `include:` or a
 * file combined with others, such as `docker-compose.prod.yml`, outside a project that was loaded).
 */
export function referenceScope(
  model: ComposeModel,
  context: RuleContext,
): { project: ComposeProjectContext | null } | null {
  const project = context.composeProject?.() ?? null;
  if (project && project.complete && !(project.membership === 'alone' && isPartialFile(model))) return { project };
  return hasIncludes(model) ? null : { project: null };
}
