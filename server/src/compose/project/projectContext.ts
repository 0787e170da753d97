/**
 * One compose document seen inside the project Compose loads it with: which files the project read,
 * what they define (services, networks, volumes, secrets, configs, with the file and key range), what
 * they use, and the variables written in the document. Rules, navigation and hovers read it; the
 * engine's `composeProjects.ts` finds the project and supplies the texts the loader read.
 *
 * Names live in namespaces: the project's own files (main, override, included ones) share one, as
 * Compose merges them before it checks references; a file only read as an `extends` source keeps its
 * own (Compose takes one service from it, nothing else).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMPOSE_LANGUAGE_ID } from '../../protocol';
import { ComposeModel, DefinitionSection } from '../model';
import { referencesOf } from '../references';
import { ComposeProject, DEFINITION_SECTIONS, Origin, VariableUse } from './loader';

export type Section = DefinitionSection | 'services';

export interface ComposeProjectContext {
  project: ComposeProject;
  /** The document's absolute path. */
  file: string;
  /**
   * `default`: one of the files of the project Compose finds from the document's folder (main,
   * override, included, extends source). `alone`: the document loaded by itself (`-f file`).
   */
  membership: 'default' | 'alone';
  /** Every compose file of the project, in the order the loader read them. */
  composeFiles: string[];
  /** The project's model of another file (parsed once), or null when it was not read. */
  model(file: string): ComposeModel | null;
  /** The namespace of a file's names: `project`, or `file:<path>` for a file only extended from. */
  namespaceOf(file: string): string;
  /**
   * Where files other than the document define a name of the project's namespace (which a file only
   * extended from also sees: the service Compose copies from it lands in the project).
   */
  definitionsElsewhere(section: Section, name: string): Origin[];
  /** Every name of a section the project's files define. */
  namesDefined(section: Section): string[];
  /** Whether a compose file other than the document refers to the name (depends_on, networks, volumes…). */
  usedElsewhere(section: Section, name: string): boolean;
  /**
   * True when the loader read every file that may define names (no include or file it could not read
   * or parse): only then may a name missing everywhere be reported.
   */
  complete: boolean;
  /** The `${VAR}`s written in the document, with their values. */
  variables: VariableUse[];
}

/** Problems that do not make the loader skip a file's definitions. */
const HARMLESS = [
  /^Invalid template/,
  /^cannot read the env file /,
  /^required variable /,
  /^cannot extend service /,
  / defines (service|network|volume|secret|config|model) "/,
  /^services\.[^ ]+\.extends needs/,
];

/**
 * `models` caches the other files' models: pass the same map for the same project and texts (the
 * service keeps one per cached project), so that each lint does not parse them again.
 */
export function createProjectContext(
  project: ComposeProject,
  file: string,
  membership: ComposeProjectContext['membership'],
  texts: ReadonlyMap<string, string>,
  models: Map<string, ComposeModel | null> = new Map(),
): ComposeProjectContext {
  // The files whose definitions Compose merges into the project, and the ones only extended from.
  const projectFiles = new Set(project.files);
  const extendedOnly = new Set<string>();
  for (const section of DEFINITION_SECTIONS) {
    for (const list of Object.values(project.origins[section])) {
      for (const origin of list) (origin.via === 'extends' ? extendedOnly : projectFiles).add(origin.file);
    }
  }
  for (const f of projectFiles) extendedOnly.delete(f);
  const loaded = new Set(project.loadedFiles);
  const composeFiles = project.loadedFiles.filter((f) => projectFiles.has(f) || extendedOnly.has(f) || f === file);
  for (const f of [...projectFiles, ...extendedOnly]) if (!loaded.has(f) && texts.has(f)) composeFiles.push(f);
  const namespaceOf = (f: string) => (projectFiles.has(f) || !extendedOnly.has(f) ? 'project' : `file:${f}`);
  return {
    project,
    file,
    membership,
    composeFiles,
    model(f) {
      if (!models.has(f)) {
        const text = texts.get(f);
        models.set(
          f,
          text === undefined
            ? null
            : new ComposeModel(TextDocument.create(pathToFileURL(f).toString(), COMPOSE_LANGUAGE_ID, 0, text)),
        );
      }
      return models.get(f)!;
    },
    namespaceOf,
    definitionsElsewhere(section, name) {
      return (project.origins[section][name] ?? []).filter((o) => o.via !== 'extends' && o.file !== file);
    },
    namesDefined(section) {
      return Object.entries(project.origins[section])
        .filter(([, list]) => list.some((o) => o.via !== 'extends'))
        .map(([name]) => name);
    },
    usedElsewhere(section, name) {
      for (const other of composeFiles) {
        if (other === file) continue;
        const model = this.model(other);
        if (model && referencesOf(model, section).some((r) => r.name === name)) return true;
      }
      return false;
    },
    complete: project.errors.every((e) => HARMLESS.some((pattern) => pattern.test(e.message))),
    variables: project.variables.filter((v) => v.file === file),
  };
}

/** A path relative to the document's folder, for messages. */
export function relativeTo(context: ComposeProjectContext, file: string): string {
  return path.relative(path.dirname(context.file), file) || path.basename(file);
}
