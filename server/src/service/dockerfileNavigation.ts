/**
 * Dockerfile navigation: definition, references, rename and highlights for
 * build stage names and ARG/ENV variables (one index: dockerfile/names.ts),
 * the outline by build stage, folding, and document links for base images
 * (Docker Hub pages) and COPY/ADD sources in the build context.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Add, Copy, Instruction } from 'dockerfile-ast';
import {
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  Location,
  Position,
  Range,
  SymbolKind,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { parseImageReference } from '../dockerfile/image';
import { DockerfileModel, Stage } from '../dockerfile/model';
import { filePathOf } from '../util/files';
import {
  dockerfileNames,
  NameOccurrence,
  RESERVED_STAGE_NAMES,
  STAGE_NAME_PATTERN,
  stageFlagValues,
  VARIABLE_NAME_PATTERN,
} from '../dockerfile/names';
import { copyFromFlag, resolveStageRef } from '../dockerfile/stageRefs';
import { BUILDKIT_ARGS, isValidImageReference, PLATFORM_ARGS, PROXY_ARGS } from '../dockerfile/variables';
import { RenameError } from './composeNavigation';

function at(model: DockerfileModel, position: Position): NameOccurrence | undefined {
  return dockerfileNames(model).at(model.offsetAt(position));
}

function rangeOf(model: DockerfileModel, o: NameOccurrence): Range {
  return model.rangeOf(o.start, o.end);
}

function location(model: DockerfileModel, range: Range): Location {
  return Location.create(model.document.uri, range);
}

/** Where a stage is defined: its `AS name`, or for an unnamed stage (`--from=0`) the image of its FROM. */
function stageDefinitionRange(stage: Stage): Range {
  return stage.from.getBuildStageRange() ?? stage.from.getImageRange() ?? stage.from.getRange();
}

/**
 * A stage reference goes to the stage's name; a variable reference to the ARG
 * or ENV it resolves to; a stage's `ARG NAME` that opts in to a global ARG goes
 * to the global one.
 */
export function dockerfileDefinition(model: DockerfileModel, position: Position): Location[] | null {
  const occurrence = at(model, position);
  if (!occurrence) return null;
  if (occurrence.kind === 'stage') return [location(model, stageDefinitionRange(occurrence.stage))];
  const target = occurrence.target;
  if (occurrence.definition && target.kind === 'arg' && target.value === null) {
    const globals = dockerfileNames(model)
      .definitionsIn(occurrence.group)
      .filter((d) => d.kind === 'global-arg');
    if (globals.length > 0) return globals.map((d) => location(model, d.nameRange));
  }
  return [location(model, target.nameRange)];
}

export function dockerfileReferences(
  model: DockerfileModel,
  position: Position,
  includeDeclaration: boolean,
): Location[] | null {
  const occurrence = at(model, position);
  if (!occurrence) return null;
  return dockerfileNames(model)
    .sameAs(occurrence)
    .filter((o) => includeDeclaration || !o.definition)
    .map((o) => location(model, rangeOf(model, o)));
}

export function dockerfileHighlights(model: DockerfileModel, position: Position): DocumentHighlight[] | null {
  const occurrence = at(model, position);
  if (!occurrence) return null;
  return dockerfileNames(model)
    .sameAs(occurrence)
    .map((o) =>
      DocumentHighlight.create(
        rangeOf(model, o),
        o.definition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      ),
    );
}

/** What a rename at `position` would change: null on stage indexes (`--from=0`) and unnamed stages. */
function renamable(model: DockerfileModel, position: Position): NameOccurrence | undefined {
  const occurrence = at(model, position);
  if (!occurrence || !occurrence.renamable) return undefined;
  return occurrence;
}

export function dockerfilePrepareRename(
  model: DockerfileModel,
  position: Position,
): { range: Range; placeholder: string } | null {
  const occurrence = renamable(model, position);
  return occurrence ? { range: rangeOf(model, occurrence), placeholder: occurrence.name } : null;
}

/** Renames the stage or variable under the cursor everywhere; throws RenameError for a name Docker would not accept. */
export function dockerfileRename(model: DockerfileModel, position: Position, newName: string): WorkspaceEdit | null {
  const occurrence = renamable(model, position);
  if (!occurrence) return null;
  const names = dockerfileNames(model);
  if (occurrence.kind === 'stage') {
    if (!STAGE_NAME_PATTERN.test(newName)) {
      throw new RenameError(`"${newName}" is not a valid stage name: a letter, then letters, digits, "-", "_" or ".".`);
    }
    if (RESERVED_STAGE_NAMES.has(newName.toLowerCase())) {
      throw new RenameError(
        `"${newName}" is reserved (${newName.toLowerCase() === 'scratch' ? 'the empty base image' : 'the build context'}): choose another stage name.`,
      );
    }
    const clash = model.stages.find((s) => s !== occurrence.stage && s.name?.toLowerCase() === newName.toLowerCase());
    if (clash)
      throw new RenameError(`Another stage is already named "${clash.name}" (stage names are not case-sensitive).`);
    const image = imageNamed(model, newName);
    if (image !== null)
      throw new RenameError(
        `Line ${image + 1} uses an image named "${newName}": it would become a reference to the stage.`,
      );
  } else {
    if (!VARIABLE_NAME_PATTERN.test(newName)) {
      throw new RenameError(`"${newName}" is not a valid variable name: a letter or "_", then letters, digits or "_".`);
    }
    if (PREDEFINED.has(newName))
      throw new RenameError(`${newName} is predefined by Docker: an ARG of that name gets its value from the build.`);
    const group = occurrence.group;
    if (names.occurrences.some((o) => o.kind === 'variable' && o.group !== group && o.name === newName)) {
      throw new RenameError(`Another variable is already named ${newName}: the two would mix.`);
    }
  }
  const edits = names
    .sameAs(occurrence)
    .filter((o) => o.renamable)
    .map((o) => TextEdit.replace(rangeOf(model, o), newName));
  return { changes: { [model.document.uri]: edits } };
}

const PREDEFINED: ReadonlySet<string> = new Set([...PLATFORM_ARGS, ...PROXY_ARGS, ...BUILDKIT_ARGS]);

/**
 * The line of a bare `FROM name` or `--from=name` that pulls an image called
 * `name` (any case), or null: after the rename it would mean the stage.
 */
function imageNamed(model: DockerfileModel, name: string): number | null {
  const key = name.toLowerCase();
  for (const stage of model.stages) {
    if (!stage.fromStage && stage.from.getImage()?.toLowerCase() === key) return stage.from.getRange().start.line;
    for (const instruction of stage.instructions) {
      for (const [value, range] of stageFlagValues(instruction)) {
        if (value.toLowerCase() === key && resolveStageRef(model, value, stage).kind === 'unknown')
          return range.start.line;
      }
    }
  }
  return null;
}

const VARIABLE_KEYWORDS = new Set(['ARG', 'ENV']);

/** The outline: global ARGs, then one symbol per build stage with its instructions as children. */
export function dockerfileSymbols(model: DockerfileModel): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  if (model.globalArgs.length > 0) {
    const first = model.globalArgs[0].getRange();
    const last = model.globalArgs[model.globalArgs.length - 1].getRange();
    const range = { start: first.start, end: last.end };
    const symbol = DocumentSymbol.create(
      'global ARGs',
      'usable in FROM lines',
      SymbolKind.Namespace,
      range,
      model.globalArgs[0].getInstructionRange(),
    );
    symbol.children = model.globalArgs.map((arg) => instructionSymbol(model, arg));
    symbols.push(symbol);
  }
  for (const stage of model.stages) {
    const from = stage.from;
    const last = stage.instructions[stage.instructions.length - 1] ?? from;
    const range = { start: from.getRange().start, end: last.getRange().end };
    const image = from.getImage();
    const name = stage.name ?? image ?? `stage ${stage.index}`;
    const detail = stage.name ? `FROM ${image ?? ''}`.trim() : `stage ${stage.index}`;
    const selection = from.getBuildStageRange() ?? from.getImageRange() ?? from.getInstructionRange();
    const symbol = DocumentSymbol.create(name, detail, SymbolKind.Class, range, selection);
    symbol.children = stage.instructions.map((instruction) => instructionSymbol(model, instruction));
    symbols.push(symbol);
  }
  return symbols;
}

function instructionSymbol(model: DockerfileModel, instruction: Instruction): DocumentSymbol {
  const keyword = instruction.getKeyword();
  const range = instruction.getRange();
  // The first line after the keyword, flags included, without a trailing continuation.
  const text = model.text.slice(model.offsetAt(instruction.getInstructionRange().end), model.offsetAt(range.end));
  let detail = text
    .split(/\r?\n/)[0]
    .replace(new RegExp(`\\s*${escapeRegex(model.escapeChar)}?\\s*$`), '')
    .trim();
  if (detail.length > 60) detail = `${detail.slice(0, 59)}…`;
  const kind = VARIABLE_KEYWORDS.has(keyword) ? SymbolKind.Variable : SymbolKind.Function;
  return DocumentSymbol.create(keyword, detail || undefined, kind, range, instruction.getInstructionRange());
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** Folding: each build stage, each instruction over several lines (continuations, heredocs), each block of comment lines. */
export function dockerfileFoldingRanges(model: DockerfileModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const instructions = model.ast.getInstructions();
  for (const stage of model.stages) {
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    const startLine = stage.from.getRange().start.line;
    const endLine = last.getRange().end.line;
    if (endLine > startLine) ranges.push(FoldingRange.create(startLine, endLine));
  }
  for (const instruction of instructions) {
    const { start, end } = instruction.getRange();
    if (end.line > start.line) ranges.push(FoldingRange.create(start.line, end.line));
  }
  // Comment lines outside instructions (a comment inside a continued RUN belongs to the RUN's fold).
  const inside = (line: number) =>
    instructions.some((i) => i.getRange().start.line < line && line <= i.getRange().end.line);
  const commentLines = model.ast
    .getComments()
    .map((c) => c.getRange().start.line)
    .filter((line) => !inside(line));
  for (let i = 0; i < commentLines.length;) {
    let j = i;
    while (j + 1 < commentLines.length && commentLines[j + 1] === commentLines[j] + 1) j++;
    if (j > i)
      ranges.push(
        FoldingRange.create(commentLines[i], commentLines[j], undefined, undefined, FoldingRangeKind.Comment),
      );
    i = j + 1;
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

const DOCKER_HUB_REGISTRIES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Links: a FROM image on Docker Hub to its page (`/_/name` for official
 * images, `/r/org/name` otherwise); a COPY or ADD source that exists in the
 * build context (assumed to be the Dockerfile's folder) to the file or folder.
 */
export function dockerfileLinks(model: DockerfileModel): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const stage of model.stages) {
    const link = imageLink(model, stage);
    if (link) links.push(link);
  }
  links.push(...sourceLinks(model));
  return links.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

function imageLink(model: DockerfileModel, stage: Stage): DocumentLink | null {
  const raw = stage.from.getImage();
  const range = stage.from.getImageRange();
  // Stages, variables and scratch have no page.
  if (
    !raw ||
    !range ||
    stage.fromStage ||
    raw.includes('$') ||
    raw.toLowerCase() === 'scratch' ||
    !isValidImageReference(raw)
  )
    return null;
  if (model.stages.some((s) => s.index < stage.index && s.name?.toLowerCase() === raw.toLowerCase())) return null;
  const image = parseImageReference(raw);
  if (image.registry !== null && !DOCKER_HUB_REGISTRIES.has(image.registry.toLowerCase())) return null;
  const parts = image.repository.split('/');
  let target: string;
  if (parts.length === 1 || (parts.length === 2 && parts[0] === 'library'))
    target = `https://hub.docker.com/_/${parts[parts.length - 1]}`;
  else if (parts.length === 2) target = `https://hub.docker.com/r/${parts[0]}/${parts[1]}`;
  else return null;
  return { range, target, tooltip: `Open ${image.repository} on Docker Hub` };
}

function sourceLinks(model: DockerfileModel): DocumentLink[] {
  const file = filePathOf(model.document.uri);
  if (file === null) return [];
  const context = path.dirname(file);
  const links: DocumentLink[] = [];
  for (const instruction of model.ast.getInstructions()) {
    if (!(instruction instanceof Copy || instruction instanceof Add) || copyFromFlag(instruction)) continue;
    const args = instruction.getArguments();
    // Exec (JSON) form and heredocs are left alone; the last argument is the destination.
    if (args.length < 2 || args[0].getValue().startsWith('[') || args.some((a) => a.getValue().startsWith('<<')))
      continue;
    for (const arg of args.slice(0, -1)) {
      const source = arg.getValue();
      // Wildcards, variables, URLs and git sources name no single local file.
      if (/[*?[$\\]/.test(source) || /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@')) continue;
      // Sources are relative to the context root, even when written with a leading slash.
      const target = path.resolve(context, source.replace(/^\/+/, ''));
      if (target === context || !target.startsWith(context + path.sep) || !fs.existsSync(target)) continue;
      const range = arg.getRange();
      // The argument's text must be the source as written (no continuation or quotes inside it).
      if (model.text.slice(model.offsetAt(range.start), model.offsetAt(range.end)) !== source) continue;
      links.push({ range, target: pathToFileURL(target).toString(), tooltip: 'Open the source in the build context' });
    }
  }
  return links;
}
