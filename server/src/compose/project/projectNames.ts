/**
 * `compose/names.ts` over every file of a Compose project: the same service, network, volume, secret or
 * config wherever it is defined or used (an override, an included file, the file an `extends` names),
 * for definition, references, rename and reference hovers across files. Anchors stay in their file.
 */
import * as path from 'path';
import { filePathOf } from '../../util/files';
import { ComposeModel } from '../model';
import { NameOccurrence, nameOccurrences, occurrenceAt } from '../names';
import { ComposeProjectContext } from './projectContext';

export interface ProjectOccurrence {
  file: string;
  model: ComposeModel;
  occurrence: NameOccurrence;
}

/** The file a model was read from, or null for documents not on disk. */
export function fileOf(model: ComposeModel): string | null {
  return filePathOf(model.document.uri);
}

/** The key that says which occurrences are the same thing across the project's files. */
function keyOf(project: ComposeProjectContext, file: string, o: NameOccurrence): string {
  if (o.kind === 'anchor') return `${file}|${o.group}`;
  if (o.inFile !== undefined) {
    const target = path.resolve(path.dirname(file), o.inFile);
    return `${project.namespaceOf(target)}|service:${o.name}`;
  }
  return `${project.namespaceOf(file)}|${o.kind}:${o.name}`;
}

/**
 * Every occurrence of the name at `offset` in `model` across the project: the document's own (from
 * `model`, its current text) and the other compose files'. A name used in a file only extended from,
 * and defined nowhere in it, is looked up in the project (Compose resolves it there).
 */
export function projectOccurrences(
  project: ComposeProjectContext,
  model: ComposeModel,
  offset: number,
): { at: NameOccurrence; all: ProjectOccurrence[] } | null {
  const at = occurrenceAt(model, offset);
  if (!at) return null;
  const file = project.file;
  const models: [string, ComposeModel][] = [[file, model]];
  for (const other of project.composeFiles) {
    if (other === file) continue;
    const m = project.model(other);
    if (m) models.push([other, m]);
  }
  const collect = (key: string): ProjectOccurrence[] => {
    const found: ProjectOccurrence[] = [];
    for (const [f, m] of models) {
      for (const o of nameOccurrences(m))
        if (keyOf(project, f, o) === key) found.push({ file: f, model: m, occurrence: o });
    }
    return found;
  };
  const key = keyOf(project, file, at);
  let all = collect(key);
  if (at.kind !== 'anchor' && !all.some((o) => o.occurrence.definition) && !key.startsWith('project|')) {
    const inProject = collect(`project|${at.kind}:${at.name}`);
    if (inProject.some((o) => o.occurrence.definition)) all = [...all, ...inProject];
  }
  return { at, all };
}
