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

function parse(args: string[]): ComposeConfigOptions | string {
  const options: ComposeConfigOptions = { files: [], profiles: [], projectDirectory: null, format: 'yaml' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | null => inline ?? args[++i] ?? null;
    let v: string | null;
    if (flag === '-f' || flag === '--file') {
      if ((v = value()) === null) return `${flag} needs a value`;
      options.files.push(v);
    } else if (flag === '--profile') {
      if ((v = value()) === null) return `${flag} needs a value`;
      options.profiles.push(v);
    } else if (flag === '--project-directory') {
      if ((v = value()) === null) return `${flag} needs a value`;
      options.projectDirectory = v;
    } else if (flag === '--format') {
      if ((v = value()) === null) return `${flag} needs a value`;
      if (v !== 'yaml' && v !== 'json') return `unknown format "${v}" (use yaml or json)`;
      options.format = v;
    } else {
      return `unknown option "${arg}"`;
    }
  }
  return options;
}

/** `file:line:column: message` (1-based, the file relative to the working folder). */
export function problemLine(p: ProjectProblem, cwd: string): string {
  const where = p.file ? `${path.relative(cwd, p.file) || p.file}${p.range ? `:${p.range.start.line + 1}:${p.range.start.character + 1}` : ''}: ` : '';
  return `${where}${p.message}`;
}

export function loadCliProject(options: ComposeConfigOptions, cwd: string, env: Record<string, string | undefined>): ComposeProject {
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

export function composeConfigCommand(args: string[], out: (s: string) => void, err: (s: string) => void, usage: string, cwd = process.cwd(), env: Record<string, string | undefined> = process.env): number {
  const options = parse(args);
  if (typeof options === 'string') {
    err(`docker-coach: ${options}\n\n${usage}\n`);
    return 2;
  }
  const project = loadCliProject(options, cwd, env);
  for (const warning of project.warnings) err(`docker-coach: warning: ${problemLine(warning, cwd)}\n`);
  if (project.errors.length) {
    err(`docker-coach: ${problemLine(project.errors[0], cwd)}${project.errors.length > 1 ? ` (and ${project.errors.length - 1} more)` : ''}\n`);
    return 2;
  }
  if (options.format === 'json') out(`${JSON.stringify(projectJson(project), null, 2)}\n`);
  else out(stringify(project.config, { lineWidth: 0, aliasDuplicateObjects: false }));
  return 0;
}
