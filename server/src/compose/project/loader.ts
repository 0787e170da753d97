/**
 * A Compose project as `docker compose` loads it (compose-go's loader), written from its behaviour.
 * For each file in order, and each YAML document in it:
 *   1. the document is decoded and interpolated (yamlData.ts);
 *   2. its `include:` entries are loaded as projects of their own (their own project directory and
 *      env files) and their services, networks, volumes, secrets, configs and models are added (a
 *      different definition of a name the file already has is an error);
 *   3. its `!reset` / `!override` paths are removed from what earlier files defined;
 *   4. its services' `extends` are applied (same file or `file:`, relative to the file that names it);
 *   5. it is merged over the earlier files (merge.ts), then each list is de-duplicated (unicity).
 * Relative paths (build contexts, env files, bind mounts, secret and config files) become absolute:
 * against the project directory, an included project's directory, or the folder of an extended file.
 * Then profiles: services whose profiles are not enabled are left out.
 */
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Range } from 'vscode-languageserver-types';
import { COMPOSE_TAGS } from '../model';
import {
  cloneValue,
  deepEqual,
  enforceUnicity,
  isMapping,
  Mapping,
  MergeError,
  mergeValues,
  newMapping,
  Value,
} from './merge';
import {
  ConversionBudget,
  ConversionLimitError,
  convertDocument,
  LineIndex,
  Place,
  ProjectProblem,
  VariableUse,
} from './yamlData';
import { EnvironmentValue, loadEnvFile, ReadText, SetupOptions, setupProject } from './files';

export { ProjectProblem, VariableUse, Place } from './yamlData';
export { EnvironmentValue } from './files';

/** Sections whose entries are named definitions (origins are kept for each). */
export const DEFINITION_SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'] as const;
export type DefinitionSection = (typeof DEFINITION_SECTIONS)[number];

/** Where a service or definition is written: each file that defines or changes it, in merge order. */
export interface Origin extends Place {
  /** `file`: a project file; `include`: an included project; `extends`: the service it extends. */
  via: 'file' | 'include' | 'extends';
}

export interface ComposeProject {
  name: string;
  workingDir: string;
  /** The project's own files, in merge order. */
  files: string[];
  /** Every file read: project files, included and extended files, env files. */
  loadedFiles: string[];
  profiles: string[];
  /** The merged, interpolated configuration (services left out by profiles removed). */
  config: Mapping;
  /** Services left out because none of their profiles is enabled. */
  disabledServices: string[];
  origins: Record<DefinitionSection, Record<string, Origin[]>>;
  /** The variables the project's own environment holds, with their source (for hovers). */
  environment: Map<string, EnvironmentValue>;
  /** Every variable used in a compose file, with its value. */
  variables: VariableUse[];
  /** Variables without a value (`missing`: Compose uses '' and warns; `required`: Compose refuses). */
  unresolved: VariableUse[];
  /** `depends_on` entries naming a service that profiles left out. */
  dependsOnDisabled: { service: string; dependency: string; required: boolean }[];
  errors: ProjectProblem[];
  warnings: ProjectProblem[];
}

/** What `docker compose` is given: the same as what picks the files (`-f`, folders, environment, readers). */
export type LoadOptions = SetupOptions;

/** How many files a project may read, and how deep includes and extends may nest. */
export const MAX_PROJECT_FILES = 200;
export const MAX_NESTING = 20;
/** Values converted over the whole project (aliases and merge keys expanded). */
export const MAX_PROJECT_VALUES = 1_000_000;

type Origins = ComposeProject['origins'];

function emptyOrigins(): Origins {
  return { services: {}, networks: {}, volumes: {}, secrets: {}, configs: {}, models: {} };
}

function addOrigins(into: Origins, from: Origins, via?: Origin['via']) {
  for (const section of DEFINITION_SECTIONS) {
    for (const [name, list] of Object.entries(from[section]))
      (into[section][name] ??= []).push(...list.map((o) => (via ? { ...o, via } : o)));
  }
}

/** A lookup over an environment map. */
function lookupIn(env: Map<string, EnvironmentValue>) {
  return (name: string) => env.get(name)?.value;
}

class ProjectLoader {
  readonly loadedFiles = new Set<string>();
  readonly variables: VariableUse[] = [];
  readonly problems: ProjectProblem[] = [];
  readonly budget: ConversionBudget = { values: 0, max: MAX_PROJECT_VALUES };
  private readonly texts = new Map<string, string | null>();

  constructor(
    private readonly readText: ReadText,
    private readonly exists: (f: string) => boolean,
  ) {}

  error(message: string, place?: Partial<Place>) {
    this.problems.push({ message, file: place?.file ?? null, range: place?.range ?? null, severity: 'error' });
  }

  /** A file's text (read once), or null with an error at `from`. */
  text(file: string, from?: Partial<Place>): string | null {
    if (this.texts.has(file)) return this.texts.get(file)!;
    if (this.loadedFiles.size >= MAX_PROJECT_FILES) {
      this.error(
        `the project reads more than ${MAX_PROJECT_FILES} files; ${file} and the files after it are not loaded`,
        from,
      );
      this.texts.set(file, null);
      return null;
    }
    const read = this.readText(file);
    this.loadedFiles.add(file);
    const text = typeof read === 'string' ? read : null;
    if (text === null) this.error(`cannot read ${file}: ${(read as { unreadable: string }).unreadable}`, from);
    this.texts.set(file, text);
    return text;
  }

  /**
   * Loads files as one project (the main project, or an included one): documents merged in order.
   * `chain` lists the files including this project, to refuse include cycles.
   */
  loadLayers(
    files: string[],
    workingDir: string,
    env: Map<string, EnvironmentValue>,
    chain: string[],
    from?: Partial<Place>,
  ): { config: Mapping; origins: Origins } {
    let dict: Mapping = newMapping();
    const origins = emptyOrigins();
    for (const file of files) {
      const text = this.text(file, from);
      if (text === null) continue;
      const lines = new LineIndex(text);
      const docs = parseAllDocuments(text, { customTags: COMPOSE_TAGS, uniqueKeys: false, prettyErrors: false });
      const list = Array.isArray(docs) ? docs : [docs];
      for (const doc of list) {
        const syntax = doc.errors[0];
        if (syntax) {
          this.error(`${syntax.message.split('\n')[0]}`, { file, range: lines.range(syntax.pos[0], syntax.pos[1]) });
          continue;
        }
        let converted;
        try {
          converted = convertDocument(doc, text, file, lines, lookupIn(env), this.budget);
        } catch (e) {
          if (!(e instanceof ConversionLimitError)) throw e;
          this.error(`${path.basename(file)} is too large to load: ${e.message}`, { file, range: lines.range(0, 0) });
          continue;
        }
        this.variables.push(...converted.variables);
        this.problems.push(...converted.problems);
        const cfg = converted.data;
        const layerOrigins = emptyOrigins();
        for (const section of DEFINITION_SECTIONS) {
          const definitions = cfg[section];
          if (!isMapping(definitions)) continue;
          for (const name of Object.keys(definitions)) {
            const range = converted.keyRanges.get(`${section}.${name}`) ?? lines.range(0, 0);
            (layerOrigins[section][name] ??= []).push({ file, range, via: 'file' });
          }
        }
        const place = (key: string): Place => ({ file, range: converted.keyRanges.get(key) ?? lines.range(0, 0) });
        this.applyIncludes(cfg, layerOrigins, file, workingDir, env, [...chain, file], place);
        for (const reset of converted.resetPaths) removePath(dict, reset);
        this.applyExtends(cfg, file, workingDir, env, converted.resetPaths, layerOrigins, [], place);
        resolvePaths(cfg, workingDir);
        delete cfg.version;
        try {
          dict = mergeValues(dict, cfg, []) as Mapping;
          dict = enforceUnicity(dict) as Mapping;
        } catch (e) {
          if (!(e instanceof MergeError)) throw e;
          this.error(`${path.basename(file)}: ${e.message}`, { file, range: lines.range(0, 0) });
        }
        addOrigins(origins, layerOrigins);
      }
    }
    resolveEnvironmentEntries(dict, env);
    return { config: dict, origins };
  }

  private applyIncludes(
    cfg: Mapping,
    origins: Origins,
    file: string,
    workingDir: string,
    env: Map<string, EnvironmentValue>,
    chain: string[],
    place: (key: string) => Place,
  ) {
    const includes = cfg.include;
    delete cfg.include;
    if (includes === undefined || includes === null) return;
    const at = { file, range: place('include.0').range };
    if (!Array.isArray(includes)) {
      this.error('include must be a list', at);
      return;
    }
    for (const entry of includes) {
      const spec =
        typeof entry === 'string'
          ? { path: [entry], project_directory: null, env_file: [] as string[] }
          : isMapping(entry)
            ? {
                path: listOf(entry.path),
                project_directory: typeof entry.project_directory === 'string' ? entry.project_directory : null,
                env_file: listOf(entry.env_file),
              }
            : null;
      if (!spec || spec.path.length === 0) {
        this.error('an include entry needs a path', at);
        continue;
      }
      const files = spec.path.map((p) => absolute(p, workingDir));
      const cycle = files.find((f) => chain.includes(f));
      if (cycle) {
        this.error(`include cycle: ${[...chain, cycle].map((f) => path.relative(workingDir, f) || f).join(' → ')}`, at);
        continue;
      }
      if (chain.length > MAX_NESTING) {
        this.error(`includes nest more than ${MAX_NESTING} levels deep`, at);
        continue;
      }
      const projectDir =
        spec.project_directory !== null ? absolute(spec.project_directory, workingDir) : path.dirname(files[0]);
      const envFiles = spec.env_file.length
        ? spec.env_file.map((f) => absolute(f, workingDir))
        : [path.join(projectDir, '.env')].filter(this.exists);
      // The including project's variables win over the included project's env files.
      const includedEnv = new Map(env);
      for (const envFile of envFiles) {
        this.loadedFiles.add(envFile);
        for (const p of loadEnvFile(envFile, this.readText, includedEnv, true))
          this.problems.push({ ...p, file: p.file ?? file, range: p.range ?? at.range });
      }
      const included = this.loadLayers(files, projectDir, includedEnv, chain, at);
      for (const section of DEFINITION_SECTIONS) {
        const imported = included.config[section];
        if (!isMapping(imported)) continue;
        const own = isMapping(cfg[section]) ? cfg[section] : (cfg[section] = newMapping());
        for (const [name, definition] of Object.entries(imported)) {
          if (name in own && !deepEqual(own[name], definition)) {
            this.error(
              `${path.relative(workingDir, files[0]) || files[0]} defines ${singular(section)} "${name}", which this file also defines`,
              { file, range: place(`${section}.${name}`).range },
            );
            continue;
          }
          own[name] = definition;
        }
      }
      addOrigins(origins, included.origins, 'include');
    }
  }

  /**
   * Applies `extends` to the services of `cfg` (a document of `file`); `stack` holds the services being extended, for cycles.
   * A relative `extends.file` is found from `baseDir`: the project's (or included project's) directory for its own
   * files, the folder of an extended file for the files that one extends (as compose-go's resource loader does).
   */
  private applyExtends(
    cfg: Mapping,
    file: string,
    baseDir: string,
    env: Map<string, EnvironmentValue>,
    resetPaths: string[][],
    origins: Origins,
    stack: string[],
    place: (key: string) => Place,
  ) {
    const services = cfg.services;
    if (!isMapping(services)) return;
    const done = new Set<string>();
    const resolve = (name: string, stack: string[]): void => {
      const service = services[name];
      const key = `${file}#${name}`;
      const at = place(`services.${name}`);
      if (stack.includes(key)) {
        this.error(`extends cycle: ${[...stack, key].map((k) => k.split('#')[1]).join(' → ')}`, at);
        return;
      }
      if (done.has(name) || !isMapping(service) || service.extends === undefined) return;
      if (stack.length > MAX_NESTING) {
        this.error(`extends nest more than ${MAX_NESTING} levels deep`, at);
        delete service.extends;
        return;
      }
      const ext = service.extends;
      delete service.extends;
      done.add(name);
      const baseName =
        typeof ext === 'string' ? ext : isMapping(ext) && typeof ext.service === 'string' ? ext.service : null;
      const baseFile = isMapping(ext) && typeof ext.file === 'string' ? absolute(ext.file, baseDir) : null;
      if (baseName === null) {
        this.error(`services.${name}.extends needs a service name`, at);
        return;
      }
      let base: Value | undefined;
      if (baseFile === null || baseFile === file) {
        resolve(baseName, [...stack, key]);
        base = services[baseName];
        for (const o of origins.services[baseName] ?? [])
          (origins.services[name] ??= []).push({ ...o, via: 'extends' });
      } else {
        const other = this.extendedService(baseFile, baseName, env, [...stack, key], at);
        if (other === null) return;
        base = other.service;
        (origins.services[name] ??= []).push(...other.origins.map((o) => ({ ...o, via: 'extends' as const })));
      }
      if (!isMapping(base)) {
        this.error(
          `cannot extend service "${name}": service "${baseName}" not found in ${path.basename(baseFile ?? file)}`,
          at,
        );
        return;
      }
      const copy = newMapping();
      copy.services = Object.assign(newMapping(), { [name]: cloneValue(base) });
      for (const reset of resetPaths) removePath(copy, reset);
      try {
        services[name] = mergeValues(copy.services[name], service, ['services', name]);
      } catch (e) {
        if (!(e instanceof MergeError)) throw e;
        this.error(`cannot extend service "${baseName}" in "${name}": ${e.message}`, at);
      }
    };
    for (const name of Object.keys(services)) resolve(name, stack);
  }

  /** A service of another file, its own extends applied and its paths made absolute against that file's folder. */
  private extendedService(
    file: string,
    name: string,
    env: Map<string, EnvironmentValue>,
    stack: string[],
    from: Place,
  ): { service: Value; origins: Origin[] } | null {
    const text = this.text(file, from);
    if (text === null) return null;
    const lines = new LineIndex(text);
    const doc = parseAllDocuments(text, { customTags: COMPOSE_TAGS, uniqueKeys: false, prettyErrors: false });
    const first = Array.isArray(doc) ? doc[0] : doc;
    if (!first || first.errors.length) {
      this.error(
        `cannot extend from ${file}: ${first ? first.errors[0].message.split('\n')[0] : 'the file is empty'}`,
        from,
      );
      return null;
    }
    let converted;
    try {
      converted = convertDocument(first, text, file, lines, lookupIn(env), this.budget);
    } catch (e) {
      if (!(e instanceof ConversionLimitError)) throw e;
      this.error(`${path.basename(file)} is too large to load: ${e.message}`, from);
      return null;
    }
    this.variables.push(...converted.variables);
    this.problems.push(...converted.problems);
    const cfg = converted.data;
    const origins = emptyOrigins();
    const services = isMapping(cfg.services) ? cfg.services : newMapping();
    for (const n of Object.keys(services))
      origins.services[n] = [
        { file, range: converted.keyRanges.get(`services.${n}`) ?? lines.range(0, 0), via: 'file' },
      ];
    const place = (key: string): Place => ({ file, range: converted.keyRanges.get(key) ?? lines.range(0, 0) });
    if (isMapping(services[name])) {
      // Only the service asked for (and what it extends) is resolved.
      const only = newMapping();
      only.services = services;
      this.applyExtends(only, file, path.dirname(file), env, [], origins, stack, place);
    }
    resolvePaths(cfg, path.dirname(file));
    return { service: services[name] ?? null, origins: origins.services[name] ?? [] };
  }
}

function listOf(v: Value | undefined): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function singular(section: DefinitionSection): string {
  return section === 'services' ? 'service' : section.slice(0, -1);
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

function absolute(p: string, base: string): string {
  const expanded = expandHome(p);
  return path.isAbsolute(expanded) ? path.normalize(expanded) : path.resolve(base, expanded);
}

/** A build context that is not a local folder (a Git or HTTP URL). */
function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.startsWith('github.com/');
}

/** Makes the relative paths of a document absolute against `base`, as Compose does. */
function resolvePaths(cfg: Mapping, base: string) {
  const services = cfg.services;
  if (isMapping(services)) {
    for (const service of Object.values(services)) {
      if (!isMapping(service)) continue;
      const build = service.build;
      if (typeof build === 'string' && !isRemoteContext(build)) service.build = absolute(build, base);
      else if (isMapping(build) && typeof build.context === 'string' && !isRemoteContext(build.context))
        build.context = absolute(build.context, base);
      for (const key of ['env_file', 'label_file']) {
        const files = service[key];
        const fix = (f: Value): Value =>
          typeof f === 'string'
            ? absolute(f, base)
            : isMapping(f) && typeof f.path === 'string'
              ? { ...f, path: absolute(f.path, base) }
              : f;
        if (typeof files === 'string') service[key] = absolute(files, base);
        else if (Array.isArray(files)) service[key] = files.map(fix);
      }
      if (Array.isArray(service.volumes)) {
        service.volumes = service.volumes.map((v) => {
          if (typeof v === 'string') {
            const colon = v.indexOf(':');
            const source = colon > 0 ? v.slice(0, colon) : '';
            if (source.startsWith('.') || source.startsWith('~')) return absolute(source, base) + v.slice(colon);
            return v;
          }
          if (isMapping(v) && v.type === 'bind' && typeof v.source === 'string')
            return { ...v, source: absolute(v.source, base) };
          return v;
        });
      }
    }
  }
  for (const section of ['secrets', 'configs']) {
    const definitions = cfg[section];
    if (!isMapping(definitions)) continue;
    for (const definition of Object.values(definitions))
      if (isMapping(definition) && typeof definition.file === 'string')
        definition.file = absolute(definition.file, base);
  }
}

/**
 * Gives `environment` entries written without a value (`- NAME`, `NAME:`) the value the project's environment holds,
 * as Compose does when it loads a project; an included project uses its own environment. Entries it lacks stay as written.
 */
function resolveEnvironmentEntries(cfg: Mapping, env: Map<string, EnvironmentValue>) {
  for (const section of ['services', 'jobs']) {
    const services = cfg[section];
    if (!isMapping(services)) continue;
    for (const service of Object.values(services)) {
      if (!isMapping(service)) continue;
      const environment = service.environment;
      if (Array.isArray(environment)) {
        service.environment = environment.map((e) =>
          typeof e === 'string' && !e.includes('=') && env.has(e) ? `${e}=${env.get(e)!.value}` : e,
        );
      } else if (isMapping(environment)) {
        for (const [k, v] of Object.entries(environment))
          if (v === null && env.has(k)) environment[k] = env.get(k)!.value;
      }
    }
  }
}

/** Removes the value at `p` (mapping keys and sequence indexes), as `!reset` and `!override` do to earlier files. */
function removePath(root: Mapping, p: string[]) {
  let node: Value = root;
  for (let i = 0; i < p.length - 1; i++) {
    node = isMapping(node) ? node[p[i]] : Array.isArray(node) ? node[Number(p[i])] : null;
    if (node === null || node === undefined) return;
  }
  const last = p[p.length - 1];
  if (isMapping(node)) delete node[last];
  else if (Array.isArray(node) && /^\d+$/.test(last)) node.splice(Number(last), 1);
}

/** The project name as Compose normalises it: lower case, letters, digits, `_` and `-`, starting with a letter or digit. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[^a-z0-9]+/, '');
}

export function loadProject(options: LoadOptions): ComposeProject {
  const setup = setupProject(options);
  const loader = new ProjectLoader(options.readText, options.exists);
  for (const [, v] of setup.environment) if (v.source !== 'process') loader.loadedFiles.add(v.source.file);
  const { config, origins } = setup.files.length
    ? loader.loadLayers(setup.files, setup.workingDir, setup.environment, [])
    : { config: newMapping(), origins: emptyOrigins() };
  const problems = [...setup.problems, ...loader.problems];
  // Profiles: a service with profiles runs only when one of them is enabled (`*` enables all).
  const disabledServices: string[] = [];
  const dependsOnDisabled: ComposeProject['dependsOnDisabled'] = [];
  const services = isMapping(config.services) ? config.services : null;
  if (services) {
    const all = setup.profiles.includes('*');
    for (const [name, service] of Object.entries(services)) {
      const profiles = isMapping(service) && Array.isArray(service.profiles) ? service.profiles : [];
      if (profiles.length && !all && !profiles.some((p) => typeof p === 'string' && setup.profiles.includes(p))) {
        disabledServices.push(name);
        delete services[name];
      }
    }
    for (const [name, service] of Object.entries(services)) {
      if (!isMapping(service)) continue;
      const deps = service.depends_on;
      const entries: [string, Value][] = Array.isArray(deps)
        ? deps.filter((d): d is string => typeof d === 'string').map((d) => [d, null])
        : isMapping(deps)
          ? Object.entries(deps)
          : [];
      for (const [dependency, spec] of entries) {
        if (disabledServices.includes(dependency))
          dependsOnDisabled.push({
            service: name,
            dependency,
            required: !(isMapping(spec) && spec.required === false),
          });
      }
    }
  }
  const env = setup.environment.get('COMPOSE_PROJECT_NAME')?.value;
  const rawName = env || (typeof config.name === 'string' && config.name) || path.basename(setup.workingDir);
  const name = normalizeProjectName(rawName);
  const ordered = newMapping();
  ordered.name = name;
  for (const [k, v] of Object.entries(config)) if (k !== 'name') ordered[k] = v;
  const unresolved = loader.variables.filter((v) => v.unresolved !== null);
  for (const v of unresolved) {
    if (v.unresolved === 'missing')
      problems.push({
        message: `the "${v.name}" variable is not set; Compose uses an empty string`,
        file: v.file,
        range: v.range,
        severity: 'warning',
      });
  }
  return {
    name,
    workingDir: setup.workingDir,
    files: setup.files,
    loadedFiles: [...loader.loadedFiles],
    profiles: setup.profiles,
    config: ordered,
    disabledServices,
    origins,
    environment: setup.environment,
    variables: loader.variables,
    unresolved,
    dependsOnDisabled,
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}

/** The model as JSON-ready data (the environment's process values are left out: they may be secrets). */
export function projectJson(project: ComposeProject): Record<string, unknown> {
  const environment: Record<string, { value: string; file: string; range: Range }> = {};
  for (const [k, v] of project.environment)
    if (v.source !== 'process') environment[k] = { value: v.value, file: v.source.file, range: v.source.range };
  return {
    name: project.name,
    workingDir: project.workingDir,
    files: project.files,
    loadedFiles: project.loadedFiles,
    profiles: project.profiles,
    config: project.config,
    disabledServices: project.disabledServices,
    origins: project.origins,
    environment,
    variables: project.variables,
    unresolved: project.unresolved,
    dependsOnDisabled: project.dependsOnDisabled,
    errors: project.errors,
    warnings: project.warnings,
  };
}
