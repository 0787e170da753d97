/**
 * The Dockerfile each service of a compose file builds, parsed, with the `build.target` and
 * `build.args` the file writes (ranges in the compose file), for the rules and the navigation that
 * connect the two. A finding can be confirmed against the project's effective build (base file,
 * override files, include, extends merged by compose/project/), loaded only when a rule asks.
 */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Arg } from 'dockerfile-ast';
import { DockerfileModel } from '../dockerfile/model';
import { argDeclarations, ArgDeclaration } from '../dockerfile/variables';
import { ComposeModel, ComposeService, isInterpolated, scalarText } from './model';
import { Build, buildOf, composeFolder, isRemoteContext, spanInScalar, Span } from './references';
import { loadProject } from './project/loader';
import { isMapping, Value } from './project/merge';

/** A build arg the compose file writes: `NAME: value`, `- NAME=value` or `- NAME`. */
export interface WrittenArg {
  name: string;
  /** The key (mapping form) or the item (list form). */
  node: Scalar;
  /** The name's offsets in the compose document; null when not exact (escapes, merged in). */
  span: Span | null;
  merged: boolean;
}

export interface ServiceDockerfile {
  service: ComposeService;
  build: Build;
  /** Absolute path of the Dockerfile. */
  file: string;
  dockerfile: DockerfileModel;
  target: { value: string; node: Scalar; merged: boolean } | null;
  args: WrittenArg[];
}

/** Dockerfiles parsed for compose files, by path; the text decides whether an entry is current. */
const parsed = new Map<string, { text: string; model: DockerfileModel }>();
const PARSED_KEPT = 32;

function dockerfileModel(file: string, text: string): DockerfileModel {
  const cached = parsed.get(file);
  if (cached && cached.text === text) return cached.model;
  const model = new DockerfileModel(TextDocument.create(pathToFileURL(file).toString(), 'dockerfile', 0, text));
  parsed.delete(file);
  parsed.set(file, { text, model });
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  return model;
}

/**
 * Whether BuildKit's Dockerfile frontend reads the file: a `# syntax=` directive naming another
 * frontend, or a template, has other rules for stages and arguments.
 */
function isPlainDockerfile(model: DockerfileModel): boolean {
  if (model.template) return false;
  const syntax = model.ast
    .getDirectives()
    .find((d) => d.getName()?.toLowerCase() === 'syntax')
    ?.getValue();
  return (
    !syntax ||
    /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?$/i.test(syntax.trim())
  );
}

/** The Dockerfile at `file` when it can be read and BuildKit's Dockerfile frontend reads it; else null. */
/** A file as messages about a compose file name it: relative to the compose file's folder, with forward slashes. */
export function pathFromCompose(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}

export function readDockerfile(file: string, reader: Reader): DockerfileModel | null {
  const text = reader.readFile?.(file) ?? null;
  if (text === null) return null;
  const model = dockerfileModel(file, text);
  return isPlainDockerfile(model) ? model : null;
}

function writtenArgs(model: ComposeModel, build: Build): WrittenArg[] {
  const value = build.entry.value;
  if (!isMap(value)) return [];
  const entry = model.entriesOf(value).get('args');
  if (!entry) return [];
  const merged = build.entry.merged || entry.merged;
  const args: WrittenArg[] = [];
  if (isMap(entry.value)) {
    for (const [name, e] of model.entriesOf(entry.value)) {
      if (name === '' || isInterpolated(name) || !isScalar(e.key)) continue;
      args.push({
        name,
        node: e.key,
        span: merged || e.merged ? null : spanInScalar(model, e.key, 0, name.length),
        merged: merged || e.merged,
      });
    }
  } else if (isSeq(entry.value)) {
    for (const item of entry.value.items) {
      const node = model.resolve(item);
      const text = scalarText(node);
      if (text === null || !isScalar(node)) continue;
      const name = text.split('=')[0];
      if (name === '' || name.includes('$')) continue;
      args.push({ name, node, span: merged ? null : spanInScalar(model, node, 0, name.length), merged });
    }
  }
  return args;
}

function writtenTarget(model: ComposeModel, build: Build): ServiceDockerfile['target'] {
  const value = build.entry.value;
  if (!isMap(value)) return null;
  const entry = model.entriesOf(value).get('target');
  const text = scalarText(entry?.value);
  if (!entry || text === null || text === '' || isInterpolated(text) || !isScalar(entry.value)) return null;
  return { value: text, node: entry.value, merged: build.entry.merged || entry.merged };
}

interface Reader {
  readFile?: (absolutePath: string) => string | null;
}

/**
 * The local Dockerfile a service of this file builds and its text, found as Compose finds it:
 * `dockerfile` relative to the context (default `.`), else `Dockerfile`, else `Containerfile`.
 * Null for no build, an inline or remote one, or a file that cannot be read.
 */
export function builtDockerfile(
  model: ComposeModel,
  service: ComposeService,
  folder: string,
  readFile: (absolutePath: string) => string | null,
): { build: Build; file: string; text: string } | null {
  const build = buildOf(model, service);
  if (!build || build.inline || build.context === null || isRemoteContext(build.context)) return null;
  if (build.dockerfileNode && build.dockerfile === null) return null;
  const contextDir = path.resolve(folder, build.context);
  for (const name of build.dockerfile !== null ? [build.dockerfile] : ['Dockerfile', 'Containerfile']) {
    const file = path.resolve(contextDir, name);
    const text = readFile(file);
    if (text !== null) return { build, file, text };
  }
  return null;
}

const perModel = new WeakMap<ComposeModel, { reader: Reader['readFile']; result: ServiceDockerfile[] }>();

/**
 * The services of the file that build a local Dockerfile this Dockerfile frontend reads (see
 * `builtDockerfile`), with the target and args the file writes.
 */
export function serviceDockerfiles(model: ComposeModel, reader: Reader): ServiceDockerfile[] {
  const readFile = reader.readFile;
  const folder = composeFolder(model);
  if (!readFile || !folder) return [];
  const cached = perModel.get(model);
  if (cached && cached.reader === readFile) return cached.result;
  const result: ServiceDockerfile[] = [];
  for (const service of model.services) {
    const found = builtDockerfile(model, service, folder, readFile);
    if (!found) continue;
    const dockerfile = dockerfileModel(found.file, found.text);
    if (isPlainDockerfile(dockerfile))
      result.push({
        service,
        build: found.build,
        file: found.file,
        dockerfile,
        target: writtenTarget(model, found.build),
        args: writtenArgs(model, found.build),
      });
  }
  perModel.set(model, { reader: readFile, result });
  return result;
}

/** Every name an ARG of the Dockerfile declares (global or in a stage; not ONBUILD triggers), with its declarations. */
export function declaredArgs(dockerfile: DockerfileModel): Map<string, ArgDeclaration[]> {
  const names = new Map<string, ArgDeclaration[]>();
  const add = (arg: Arg) => {
    for (const d of argDeclarations(dockerfile, arg)) {
      const list = names.get(d.name) ?? [];
      list.push(d);
      names.set(d.name, list);
    }
  };
  for (const arg of dockerfile.globalArgs) add(arg);
  for (const scope of dockerfile.scopes) {
    if (scope.kind === 'onbuild') continue;
    for (const instruction of scope.instructions) if (instruction instanceof Arg) add(instruction);
  }
  return names;
}

/** The stages a target may name: BuildKit matches `--target` against stage names, ignoring case (never an index). */
export function stageNames(dockerfile: DockerfileModel): string[] {
  return dockerfile.stages.map((s) => s.name).filter((n): n is string => n !== null && n !== '');
}

/** A service's build as the whole project has it (every file merged), or null when the project does not tell. */
export interface EffectiveBuild {
  /** The Dockerfile's absolute path; null when the project builds from a remote context or inline. */
  file: string | null;
  target: string | null;
  /** Every build arg name the merged build passes. */
  args: Set<string>;
}

interface DiskReader extends Reader {
  fileExists?: (absolutePath: string) => boolean;
}

const projects = new WeakMap<ComposeModel, { reader: DiskReader['readFile']; services: Map<string, Value> | null }>();

/** The project's services (every profile), loaded as `docker compose` run in the file's folder would, or the file alone. */
function projectServices(model: ComposeModel, disk: DiskReader): Map<string, Value> | null {
  const cached = projects.get(model);
  if (cached && cached.reader === disk.readFile) return cached.services;
  const folder = composeFolder(model);
  const readFile = disk.readFile;
  const fileExists = disk.fileExists;
  let services: Map<string, Value> | null = null;
  if (folder && readFile && fileExists) {
    const self = fileURLToPath(model.document.uri);
    const options = {
      cwd: folder,
      // Variables only matter for values; names of args and stages are what the rules compare.
      env: {},
      profiles: ['*'],
      readText: (f: string) => (f === self ? model.text : (readFile(f) ?? { unreadable: 'missing' })),
      exists: (f: string) => f === self || fileExists(f),
    };
    let project = loadProject(options);
    if (!project.loadedFiles.includes(self)) project = loadProject({ ...options, files: [self] });
    const config = project.config.services;
    if (isMapping(config)) services = new Map(Object.entries(config));
  }
  projects.set(model, { reader: readFile, services });
  return services;
}

/**
 * The service's build merged over the project's files; null when it cannot be known (no project,
 * no such service, a build spread over variables), so a rule keeps its own reading.
 */
export function effectiveBuild(model: ComposeModel, disk: DiskReader, serviceName: string): EffectiveBuild | null {
  const service = projectServices(model, disk)?.get(serviceName);
  if (!isMapping(service)) return null;
  const build = service.build;
  if (typeof build === 'string')
    return { file: isRemoteContext(build) ? null : path.resolve(build, 'Dockerfile'), target: null, args: new Set() };
  if (!isMapping(build)) return null;
  const context = typeof build.context === 'string' ? build.context : null;
  if (context !== null && isRemoteContext(context)) return { file: null, target: null, args: new Set() };
  const dockerfile = typeof build.dockerfile === 'string' ? build.dockerfile : null;
  const base = context ?? composeFolder(model) ?? '.';
  let file: string | null = null;
  if (build.dockerfile_inline === undefined) {
    if (dockerfile !== null) file = path.resolve(base, dockerfile);
    else
      file =
        ['Dockerfile', 'Containerfile'].map((n) => path.resolve(base, n)).find((f) => disk.fileExists?.(f)) ??
        path.resolve(base, 'Dockerfile');
  }
  const args = new Set<string>();
  if (isMapping(build.args)) for (const k of Object.keys(build.args)) args.add(k);
  else if (Array.isArray(build.args))
    for (const item of build.args) if (typeof item === 'string') args.add(item.split('=')[0]);
  return { file, target: typeof build.target === 'string' ? build.target : null, args };
}
