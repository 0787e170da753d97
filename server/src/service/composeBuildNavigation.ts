/**
 * Go to definition from a compose file into the Dockerfile a service builds: `build.target` to its
 * stage (`FROM … AS name`), a `build.args` name to the `ARG` declarations of that name.
 */
import { pathToFileURL } from 'url';
import { Location, Position } from 'vscode-languageserver-types';
import { ComposeModel } from '../compose/model';
import { declaredArgs, serviceDockerfiles } from '../compose/serviceDockerfiles';

function within(offset: number, range: [number, number, number?] | undefined): boolean {
  return range !== undefined && offset >= range[0] && offset <= range[1];
}

export function composeBuildDefinition(
  model: ComposeModel,
  position: Position,
  readFile?: (absolutePath: string) => string | null,
): Location[] | null {
  if (!readFile) return null;
  const offset = model.document.offsetAt(position);
  for (const built of serviceDockerfiles(model, { readFile })) {
    const uri = pathToFileURL(built.file).toString();
    const target = built.target;
    if (target && !target.merged && within(offset, target.node.range ?? undefined)) {
      const wanted = target.value.toLowerCase();
      const stages = built.dockerfile.stages.filter((s) => s.name?.toLowerCase() === wanted);
      const found = stages.map((s) => Location.create(uri, s.from.getBuildStageRange() ?? s.from.getRange()));
      return found.length ? found : null;
    }
    for (const arg of built.args) {
      const inName = arg.span
        ? offset >= arg.span.start && offset <= arg.span.end
        : within(offset, arg.node.range ?? undefined);
      if (arg.merged || !inName) continue;
      const declarations = declaredArgs(built.dockerfile).get(arg.name) ?? [];
      return declarations.length ? declarations.map((d) => Location.create(uri, d.nameRange)) : null;
    }
  }
  return null;
}
