/**
 * Which files make a Compose project, as `docker compose` finds them (compose-go's `cli` options):
 * explicit `-f` files, else `COMPOSE_FILE` (split on `COMPOSE_PATH_SEPARATOR`, default `:`; `;` on
 * Windows), else the first of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml in the
 * working folder or the nearest folder above it, plus the first override file found beside it
 * (compose.override.yml, compose.override.yaml, docker-compose.override.yml, docker-compose.override.yaml).
 * The environment is the process environment over the project's `.env` (the process wins), so
 * `COMPOSE_FILE`, `COMPOSE_PROFILES` and `COMPOSE_PROJECT_NAME` may come from `.env`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDotenv } from './dotenv';
import { LineIndex, ProjectProblem } from './yamlData';
import { Range } from 'vscode-languageserver-types';
import { withThousands } from '../../util/numbers';

export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const DEFAULT_OVERRIDE_FILE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** Reads a file the project names: its text, or why it cannot be read. */
export type ReadText = (absolutePath: string) => string | { unreadable: string };

/** A variable of the project's environment and where its value comes from. */
export interface EnvironmentValue {
  value: string;
  /** `process` for the process environment, else the `.env` file and the range of its statement. */
  source: 'process' | { file: string; range: Range };
}

export interface ProjectSetup {
  /** The project directory: `--project-directory`, else the folder of the first file. */
  workingDir: string;
  files: string[];
  environment: Map<string, EnvironmentValue>;
  profiles: string[];
  problems: ProjectProblem[];
}

export interface SetupOptions {
  /** `-f` files (relative to `projectDirectory` or `cwd`). */
  files?: string[];
  projectDirectory?: string;
  profiles?: string[];
  cwd: string;
  /** The process environment. */
  env: Record<string, string | undefined>;
  readText: ReadText;
  exists: (absolutePath: string) => boolean;
}

/** Reads an env file into `into` (values already there win); returns its problems. */
export function loadEnvFile(
  file: string,
  readText: ReadText,
  into: Map<string, EnvironmentValue>,
  required: boolean,
): ProjectProblem[] {
  const text = readText(file);
  if (typeof text !== 'string')
    return required
      ? [{ message: `cannot read the env file ${file}: ${text.unreadable}`, file, range: null, severity: 'error' }]
      : [];
  const lookup = (name: string) => into.get(name)?.value;
  const parsed = parseDotenv(text, lookup);
  const lines = new LineIndex(text);
  if (parsed.error)
    return [
      {
        message: `${file}: ${parsed.error.message}`,
        file,
        range: lines.range(parsed.error.offset, parsed.error.offset),
        severity: 'error',
      },
    ];
  for (const entry of parsed.entries) {
    if (into.has(entry.key)) continue;
    into.set(entry.key, { value: entry.value, source: { file, range: lines.range(entry.start, entry.end) } });
  }
  // A key set twice in the file: the last statement wins (entries were added first-wins above).
  for (const entry of parsed.entries) {
    const current = into.get(entry.key);
    if (current && current.source !== 'process' && current.source.file === file)
      into.set(entry.key, { value: entry.value, source: { file, range: lines.range(entry.start, entry.end) } });
  }
  return [];
}

export function setupProject(options: SetupOptions): ProjectSetup {
  const problems: ProjectProblem[] = [];
  const environment = new Map<string, EnvironmentValue>();
  for (const [k, v] of Object.entries(options.env))
    if (v !== undefined) environment.set(k, { value: v, source: 'process' });
  const explicitDir = options.projectDirectory ? path.resolve(options.cwd, options.projectDirectory) : null;
  const firstExplicit = options.files?.length ? path.resolve(explicitDir ?? options.cwd, options.files[0]) : null;
  // The .env of the project directory, or of the first file's folder, or of the working folder.
  const envDir = explicitDir ?? (firstExplicit ? path.dirname(firstExplicit) : options.cwd);
  const dotenv = path.join(envDir, '.env');
  if (options.exists(dotenv)) problems.push(...loadEnvFile(dotenv, options.readText, environment, true));
  const env = (name: string) => environment.get(name)?.value;

  let files: string[];
  const base = explicitDir ?? options.cwd;
  if (options.files?.length) {
    files = options.files.map((f) => path.resolve(base, f));
  } else if (env('COMPOSE_FILE')) {
    const separator = env('COMPOSE_PATH_SEPARATOR') || (process.platform === 'win32' ? ';' : ':');
    files = env('COMPOSE_FILE')!
      .split(separator)
      .filter((f) => f !== '')
      .map((f) => path.resolve(base, f));
  } else {
    files = [];
    for (let dir = base; ; dir = path.dirname(dir)) {
      const found = DEFAULT_FILE_NAMES.map((n) => path.join(dir, n)).filter(options.exists);
      if (found.length) {
        if (found.length > 1)
          problems.push({
            message: `found several compose files (${found.map((f) => path.basename(f)).join(', ')}); using ${path.basename(found[0])}`,
            file: found[0],
            range: null,
            severity: 'warning',
          });
        files.push(found[0]);
        const overrides = DEFAULT_OVERRIDE_FILE_NAMES.map((n) => path.join(dir, n)).filter(options.exists);
        if (overrides.length > 1)
          problems.push({
            message: `found several override files (${overrides.map((f) => path.basename(f)).join(', ')}); using ${path.basename(overrides[0])}`,
            file: overrides[0],
            range: null,
            severity: 'warning',
          });
        if (overrides.length) files.push(overrides[0]);
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    if (!files.length)
      problems.push({
        message: `no compose file found in ${base} or a folder above it (looked for ${DEFAULT_FILE_NAMES.join(', ')})`,
        file: null,
        range: null,
        severity: 'error',
      });
  }
  const workingDir = explicitDir ?? (files.length ? path.dirname(files[0]) : base);
  const profiles = options.profiles?.length
    ? options.profiles
    : (env('COMPOSE_PROFILES') ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
  return { workingDir, files, environment, profiles, problems };
}

/** The default reader: regular files up to `maxBytes`, as UTF-8. */
export function diskReader(maxBytes: number, read: (file: string, max: number) => Buffer | string): ReadText {
  return (file) => {
    const bytes = read(file, maxBytes);
    if (typeof bytes === 'string')
      return { unreadable: bytes === 'too large' ? `larger than ${withThousands(maxBytes)} bytes` : bytes };
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  };
}

export function fileExists(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
