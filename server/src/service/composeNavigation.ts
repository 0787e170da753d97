/**
 * Navigation in compose files: go to definition, find references, rename and
 * highlights for services, networks, volumes, secrets, configs and YAML anchors;
 * the outline (document symbols); links to the files and folders a service names.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { isMap, isScalar, isSeq, Node as YamlNode, Pair } from 'yaml';
import {
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentLink,
  DocumentSymbol,
  Location,
  Position,
  Range,
  SymbolKind,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { isMergeKey, valueStart } from '../compose/locate';
import { ComposeModel, isInterpolated } from '../compose/model';
import { NAME_PATTERN, NameOccurrence, occurrenceAt, sameGroup } from '../compose/names';
import { ComposeProjectContext } from '../compose/project/projectContext';
import { fileOf, projectOccurrences } from '../compose/project/projectNames';
import { composeFolder } from '../compose/references';

function rangeOf(model: ComposeModel, o: NameOccurrence): Range {
  return model.rangeOf(o.start, o.end);
}

function at(model: ComposeModel, position: Position): NameOccurrence | undefined {
  return occurrenceAt(model, model.document.offsetAt(position));
}

/** The occurrences of the name at `position` across the project (or in the document alone), with their files' URIs. */
function occurrencesAt(
  model: ComposeModel,
  position: Position,
  project: ComposeProjectContext | null,
): {
  at: NameOccurrence;
  all: { uri: string; model: ComposeModel; file: string | null; occurrence: NameOccurrence }[];
} | null {
  if (project && fileOf(model) === project.file) {
    const found = projectOccurrences(project, model, model.document.offsetAt(position));
    return (
      found && {
        at: found.at,
        all: found.all.map((o) => ({
          uri: o.file === project.file ? model.document.uri : o.model.document.uri,
          model: o.model,
          file: o.file,
          occurrence: o.occurrence,
        })),
      }
    );
  }
  const occurrence = at(model, position);
  if (!occurrence) return null;
  return {
    at: occurrence,
    all: sameGroup(model, occurrence).map((o) => ({
      uri: model.document.uri,
      model,
      file: fileOf(model),
      occurrence: o,
    })),
  };
}

export function composeDefinition(
  model: ComposeModel,
  position: Position,
  project: ComposeProjectContext | null = null,
): Location[] | null {
  const found = occurrencesAt(model, position, project);
  if (!found) return null;
  const definitions = found.all.filter((o) => o.occurrence.definition);
  return definitions.length ? definitions.map((o) => Location.create(o.uri, rangeOf(o.model, o.occurrence))) : null;
}

export function composeReferences(
  model: ComposeModel,
  position: Position,
  includeDeclaration: boolean,
  project: ComposeProjectContext | null = null,
): Location[] | null {
  const found = occurrencesAt(model, position, project);
  if (!found) return null;
  return found.all
    .filter((o) => includeDeclaration || !o.occurrence.definition)
    .map((o) => Location.create(o.uri, rangeOf(o.model, o.occurrence)));
}

export function composeHighlights(model: ComposeModel, position: Position): DocumentHighlight[] | null {
  const occurrence = at(model, position);
  if (!occurrence) return null;
  return sameGroup(model, occurrence).map((o) =>
    DocumentHighlight.create(
      rangeOf(model, o),
      o.definition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    ),
  );
}

export function composePrepareRename(
  model: ComposeModel,
  position: Position,
): { range: Range; placeholder: string } | null {
  const occurrence = at(model, position);
  return occurrence ? { range: rangeOf(model, occurrence), placeholder: occurrence.name } : null;
}

/** Anchor names may not contain spaces or YAML flow indicators. */
const ANCHOR_PATTERN = /^[^\s,[\]{}]+$/;

export class RenameError extends Error {}

/** Whether a rename may edit a file on disk (the editor applies the edit to files that are not open). */
export type WritableCheck = (file: string) => boolean;

/**
 * Renames every occurrence of the name under the cursor, in every file of the project that names it;
 * throws RenameError for a name Compose or YAML would not accept, or when a file to edit is not
 * writable or not a compose file (a file the project did not load as one).
 */
export function composeRename(
  model: ComposeModel,
  position: Position,
  newName: string,
  project: ComposeProjectContext | null = null,
  writable: WritableCheck = () => true,
): WorkspaceEdit | null {
  const found = occurrencesAt(model, position, project);
  if (!found) return null;
  const occurrence = found.at;
  const valid = occurrence.kind === 'anchor' ? ANCHOR_PATTERN.test(newName) : NAME_PATTERN.test(newName);
  if (!valid)
    throw new RenameError(
      `"${newName}" is not a valid ${occurrence.kind} name${occurrence.kind === 'anchor' ? '' : ' (letters, digits, ".", "_" and "-", starting with a letter or digit)'}.`,
    );
  const changes: Record<string, TextEdit[]> = {};
  for (const o of found.all) {
    if (o.uri !== model.document.uri) {
      const file = o.file ?? o.uri;
      if (!/\.(ya?ml|json)$/i.test(file) || !project?.composeFiles.includes(file)) {
        throw new RenameError(
          `Cannot rename "${occurrence.name}": ${path.basename(file)} also names it, and it is not a compose file.`,
        );
      }
      if (!writable(file))
        throw new RenameError(
          `Cannot rename "${occurrence.name}": ${file} also names it, and that file is not writable.`,
        );
    }
    (changes[o.uri] ??= []).push(TextEdit.replace(rangeOf(o.model, o.occurrence), newName));
  }
  return { changes };
}

const SECTION_SYMBOLS: Record<string, SymbolKind> = {
  services: SymbolKind.Module,
  networks: SymbolKind.Namespace,
  volumes: SymbolKind.Namespace,
  secrets: SymbolKind.Namespace,
  configs: SymbolKind.Namespace,
  models: SymbolKind.Namespace,
};
const ENTRY_SYMBOLS: Record<string, SymbolKind> = {
  services: SymbolKind.Class,
  networks: SymbolKind.Interface,
  volumes: SymbolKind.Struct,
  secrets: SymbolKind.Key,
  configs: SymbolKind.File,
  models: SymbolKind.Object,
};

/** The outline: top-level sections; services with their keys; networks, volumes, secrets and configs by name. */
export function composeSymbols(model: ComposeModel): DocumentSymbol[] {
  const root = model.root;
  if (!root) return [];
  const symbols: DocumentSymbol[] = [];
  for (const pair of root.items) {
    const symbol = pairSymbol(model, pair, SECTION_SYMBOLS[keyName(pair)] ?? SymbolKind.Property);
    if (!symbol) continue;
    const section = keyName(pair);
    const value = model.resolve(pair.value);
    if (ENTRY_SYMBOLS[section] && isMap(value)) {
      symbol.children = value.items.flatMap((entry) => {
        const child = pairSymbol(model, entry, ENTRY_SYMBOLS[section]);
        if (!child) return [];
        const inner = model.resolve(entry.value);
        if (section === 'services' && isMap(inner))
          child.children = inner.items.flatMap((k) => pairSymbol(model, k, SymbolKind.Property) ?? []);
        return [child];
      });
    }
    symbols.push(symbol);
  }
  return symbols;
}

function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function pairSymbol(model: ComposeModel, pair: Pair, kind: SymbolKind): DocumentSymbol | null {
  const key = pair.key as YamlNode | null;
  if (!isScalar(key) || !key.range) return null;
  const value = pair.value as YamlNode | null;
  let end = Math.max(value?.range ? value.range[1] : key.range[1], key.range[1]);
  // Block values end after their last line break; the symbol ends with the text.
  while (end > key.range[1] && /\s/.test(model.text[end - 1])) end--;
  const detail = isScalar(value) && value.value !== null ? String(value.source ?? value.value).slice(0, 60) : undefined;
  const selection = model.rangeOf(key.range[0], key.range[1]);
  const name = isMergeKey(key) ? '<<' : String(key.value);
  return DocumentSymbol.create(name || '""', detail, kind, model.rangeOf(key.range[0], end), selection);
}

/**
 * Links to what services name on disk: `build` / `build.context` (a folder),
 * `build.dockerfile` (resolved against the context), `env_file`, `extends.file`.
 * Only for `file:` documents, and only for literal local paths.
 */
export function composeLinks(model: ComposeModel): DocumentLink[] {
  const folder = composeFolder(model);
  if (folder === null) return [];
  const links: DocumentLink[] = [];
  const seen = new Set<number>();
  const link = (node: YamlNode | null | undefined, base: string, tooltip: string): string | null => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range || seen.has(node.range[0])) return null;
    const text = node.value;
    // Remote contexts (URLs, git repositories), interpolated paths and `~` (the user's home on the machine running Compose) get no link.
    if (
      !text ||
      text.startsWith('~') ||
      isInterpolated(text) ||
      /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ||
      /^git@|\.git(#|$)/.test(text)
    )
      return null;
    const target = path.resolve(base, text);
    seen.add(node.range[0]);
    const start = valueStart(model, node);
    links.push({ range: model.rangeOf(start, start + text.length), target: pathToFileURL(target).toString(), tooltip });
    return target;
  };
  for (const service of model.services) {
    const build = service.entries.get('build')?.value ?? null;
    if (isScalar(build)) link(build, folder, 'Open the build context folder');
    else if (isMap(build)) {
      const contextNode = model.resolve(build.get('context', true));
      const context = link(contextNode, folder, 'Open the build context folder') ?? (contextNode ? null : folder);
      // dockerfile is relative to the context; unknown (remote or interpolated) contexts get no link.
      if (context) link(model.resolve(build.get('dockerfile', true)), context, 'Open the Dockerfile');
    }
    const envFile = service.entries.get('env_file')?.value ?? null;
    const envFiles = isSeq(envFile) ? envFile.items.map((i) => model.resolve(i)) : [envFile];
    for (const item of envFiles) {
      if (isMap(item)) link(model.resolve(item.get('path', true)), folder, 'Open the environment file');
      else link(item, folder, 'Open the environment file');
    }
    const extendsValue = service.entries.get('extends')?.value ?? null;
    if (isMap(extendsValue))
      link(model.resolve(extendsValue.get('file', true)), folder, 'Open the file this service extends');
  }
  return links.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
