/**
 * `docker-coach compose-config`: a Compose project's effective configuration, as `docker compose config`
 * computes it (files, include, extends, merge, interpolation, profiles), in YAML or as the JSON model.
 */
import * as path from 'path';
import { stringify } from 'yaml';
import { DEFAULT_SETTINGS } from '../protocol';
import { ComposeProject, loadProject, projectJson, ProjectProblem } from '../compose/project/loader';
import { diskReader, fileExists } from '../compose/project/files';
import { readRegularFile } from '../util/files';
import { CommandLine, CommandLineError, OptionSpec, readCommandLine } from './args';

export const COMPOSE_CONFIG_USAGE = `  docker-coach compose-config [-f FILE...] [--profile NAME...] [--project-directory DIR] [--format yaml|json]
      Print a Compose project's effective configuration: its files merged (compose.yaml
      and its override file, COMPOSE_FILE, include, extends, !reset, !override),
      variables substituted from the environment and .env, services of profiles that
      are not enabled left out. yaml (default) prints the configuration; json prints
      the model: configuration, files, where each service is defined, every variable
      and the ones without a value. Exit 2 when Compose would refuse the project.`;

interface ComposeConfigOptions {
  files: string[];
  profiles: string[];
  projectDirectory: string | null;
  format: 'yaml' | 'json';
}

const OPTIONS: OptionSpec = {
  file: { type: 'string', short: 'f' },
  profile: { type: 'string' },
  'project-directory': { type: 'string' },
  format: { type: 'string' },
};

function parse(args: string[]): ComposeConfigOptions | string {
  const options: ComposeConfigOptions = { files: [], profiles: [], projectDirectory: null, format: 'yaml' };
  let given: CommandLine;
  try {
    given = readCommandLine(args, OPTIONS);
  } catch (e) {
    if (e instanceof CommandLineError) return e.message;
    throw e;
  }
  if (given.positionals.length > 0) return `unknown argument "${given.positionals[0]}" (give compose files with -f)`;
  for (const { name, value = '' } of given.options) {
    if (name === 'file') options.files.push(value);
    else if (name === 'profile') options.profiles.push(value);
    else if (name === 'project-directory') options.projectDirectory = value;
    else if (name === 'format') {
      if (value !== 'yaml' && value !== 'json') return `unknown format "${value}" (use yaml or json)`;
      options.format = value;
    }
  }
  return options;
}

/** `file:line:column: message` (1-based, the file relative to the working folder). */
export function problemLine(p: ProjectProblem, cwd: string): string {
  const where = p.file
    ? `${path.relative(cwd, p.file) || p.file}${p.range ? `:${p.range.start.line + 1}:${p.range.start.character + 1}` : ''}: `
    : '';
  return `${where}${p.message}`;
}

export function loadCliProject(
  options: ComposeConfigOptions,
  cwd: string,
  env: Record<string, string | undefined>,
): ComposeProject {
  return loadProject({
    files: options.files,
    profiles: options.profiles,
    projectDirectory: options.projectDirectory ?? undefined,
    cwd,
    env,
    readText: diskReader(DEFAULT_SETTINGS.maxFileSize, (f, max) => readRegularFile(f, max)),
    exists: fileExists,
  });
}

export function composeConfigCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  usage: string,
  cwd = process.cwd(),
  env: Record<string, string | undefined> = process.env,
): number {
  const options = parse(args);
  if (typeof options === 'string') {
    err(`docker-coach: ${options}\n\n${usage}\n`);
    return 2;
  }
  const project = loadCliProject(options, cwd, env);
  for (const warning of project.warnings) err(`docker-coach: warning: ${problemLine(warning, cwd)}\n`);
  if (project.errors.length) {
    err(
      `docker-coach: ${problemLine(project.errors[0], cwd)}${project.errors.length > 1 ? ` (and ${project.errors.length - 1} more)` : ''}\n`,
    );
    return 2;
  }
  if (options.format === 'json') out(`${JSON.stringify(projectJson(project), null, 2)}\n`);
  else out(stringify(project.config, { lineWidth: 0, aliasDuplicateObjects: false }));
  return 0;
}
