/**
 * The effective configuration of the Compose project a compose file belongs to, as a read-only
 * document: what `docker compose config` prints when run in the file's folder (or, when that
 * project does not read the file, `docker compose -f FILE config`), under a comment header that
 * names the project, its files and profiles, and the problems Compose would warn about or refuse.
 */
import * as path from 'path';
import { stringify } from 'yaml';
import { ComposeProject, loadProject, ProjectProblem } from '../compose/project/loader';
import { isMapping } from '../compose/project/merge';
import { ReadText } from '../compose/project/files';
import { EffectiveComposeConfig } from '../protocol';

export interface ProjectIo {
  /** A file's text: the editor's copy when it is open (unsaved edits included), else the disk's. */
  readText: ReadText;
  exists: (absolutePath: string) => boolean;
  /** The environment Compose would run in. */
  env: Record<string, string | undefined>;
}

/** How many problems the header lists before it says how many more there are. */
const LISTED_PROBLEMS = 20;

function load(file: string, profiles: string[], io: ProjectIo, alone: boolean): ComposeProject {
  return loadProject({
    files: alone ? [file] : undefined,
    profiles,
    cwd: path.dirname(file),
    env: io.env,
    readText: io.readText,
    exists: io.exists,
  });
}

/** Every profile named by a service of the project (all services: disabled ones too). */
function profilesOf(project: ComposeProject): string[] {
  const found = new Set<string>();
  const services = project.config.services;
  if (isMapping(services)) {
    for (const service of Object.values(services)) {
      if (isMapping(service) && Array.isArray(service.profiles))
        for (const p of service.profiles) if (typeof p === 'string') found.add(p);
    }
  }
  return [...found].sort();
}

function relative(workingDir: string, file: string): string {
  const r = path.relative(workingDir, file);
  return r === '' ? file : r.split(path.sep).join('/');
}

function problemLines(problems: ProjectProblem[], workingDir: string): string[] {
  const lines = problems.slice(0, LISTED_PROBLEMS).map((p) => {
    const where = p.file
      ? `${relative(workingDir, p.file)}${p.range ? `:${p.range.start.line + 1}:${p.range.start.character + 1}` : ''}: `
      : '';
    return `#   ${where}${p.message}`.replace(/\r?\n/g, ' ');
  });
  if (problems.length > LISTED_PROBLEMS) lines.push(`#   … and ${problems.length - LISTED_PROBLEMS} more`);
  return lines;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The effective configuration of `file`'s project with `profiles` enabled (none: COMPOSE_PROFILES). */
export function effectiveComposeConfig(file: string, profiles: string[], io: ProjectIo): EffectiveComposeConfig {
  let project = load(file, profiles, io, false);
  // A file the folder's project does not read (docker-compose.prod.yml beside compose.yaml) is shown alone, as `-f` would load it.
  const alone = !project.loadedFiles.includes(file);
  if (alone) project = load(file, profiles, io, true);
  // A required dependency on a service the profiles leave out: Compose refuses the project.
  const refused: ProjectProblem[] = project.dependsOnDisabled
    .filter((d) => d.required)
    .map((d) => ({
      message: `service "${d.service}" depends on undefined service "${d.dependency}": none of its profiles is enabled`,
      file: null,
      range: null,
      severity: 'error',
    }));
  const errors = [...project.errors, ...refused];
  const available = project.disabledServices.length ? profilesOf(load(file, ['*'], io, alone)) : profilesOf(project);
  const header: string[] = [
    `# Effective configuration of the Compose project "${project.name}", as \`docker compose${alone ? ` -f ${path.basename(file)}` : ''} config\` loads it (short syntax kept as written).`,
    `# Folder: ${project.workingDir}`,
    `# Files: ${project.files.map((f) => relative(project.workingDir, f)).join(', ') || 'none'}`,
  ];
  const also = project.loadedFiles.filter((f) => !project.files.includes(f));
  if (also.length) header.push(`# Also read: ${also.map((f) => relative(project.workingDir, f)).join(', ')}`);
  if (alone)
    header.push(
      `# ${path.basename(file)} is not a file \`docker compose\` loads in this folder by default, so it is shown on its own.`,
    );
  const enabled = project.profiles.length ? `Profiles: ${project.profiles.join(', ')}` : 'Profiles: none enabled';
  header.push(
    `# ${enabled}${project.disabledServices.length ? ` (services left out: ${project.disabledServices.join(', ')})` : ''}${available.length ? `; profiles in the project: ${available.join(', ')}` : ''}`,
  );
  header.push('# Read-only; open files are read with their unsaved changes, and the preview follows their edits.');
  if (errors.length)
    header.push(
      '#',
      `# Compose would refuse this project: ${plural(errors.length, 'error')}`,
      ...problemLines(errors, project.workingDir),
    );
  if (project.warnings.length)
    header.push(
      '#',
      `# ${plural(project.warnings.length, 'warning')}:`,
      ...problemLines(project.warnings, project.workingDir),
    );
  const yaml = stringify(project.config, { lineWidth: 0, aliasDuplicateObjects: false });
  return {
    projectName: project.name,
    workingDir: project.workingDir,
    loadedFiles: project.loadedFiles.includes(file) ? project.loadedFiles : [file, ...project.loadedFiles],
    profiles: project.profiles,
    availableProfiles: available,
    text: `${header.join('\n')}\n\n${yaml}`,
    errors: errors.length,
    warnings: project.warnings.length,
  };
}
