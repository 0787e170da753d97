/**
 * Files beside a Dockerfile that change its verdicts: the build context's
 * `.dockerignore` and the nearest hadolint configuration. Looked up through a
 * small reader interface (the server and the CLI pass the real file system,
 * tests pass a map) and cached until `invalidate()`.
 */
import * as os from 'os';
import * as path from 'path';
import { rulesForCode } from '../rules/registry';
import { DockerignoreFile } from '../rules/types';
import { HADOLINT_CONFIG_NAMES, parseHadolintConfig, ProjectConfig } from './hadolintConfig';
import { readRegularText } from '../util/files';

export interface FileReader {
  /** The file's text, or null when it does not exist or cannot be read. */
  read(file: string): string | null;
}

/** Config files larger than this are not read (a config is a few lines). */
const MAX_CONFIG_BYTES = 256 * 1024;

export const nodeFileReader: FileReader = {
  read(file) {
    return readRegularText(file, MAX_CONFIG_BYTES);
  },
};

/** A code a hadolint config may name: one of our rules or equivalents, or a ShellCheck code. */
export function isKnownCode(code: string): boolean {
  return rulesForCode(code).length > 0 || /^SC\d{4}$/i.test(code);
}

/** Where hadolint looks for a user-wide configuration when the project has none. */
export function userConfigCandidates(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string[] {
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  return [path.join(xdg, 'hadolint.yaml'), path.join(home, '.hadolint', 'hadolint.yaml'), path.join(home, '.hadolint.yaml')];
}

export class ProjectFiles {
  private readonly dockerignores = new Map<string, DockerignoreFile | null>();
  private readonly configs = new Map<string, ProjectConfig | null>();

  constructor(
    private readonly reader: FileReader = nodeFileReader,
    private readonly userConfigs: string[] = userConfigCandidates(),
  ) {}

  /**
   * The ignore file for a Dockerfile whose build context is its own folder:
   * `<name>.dockerignore` beside it wins over the context's `.dockerignore`,
   * as BuildKit does.
   */
  dockerignoreFor(dockerfile: string): DockerignoreFile | null {
    const dir = path.dirname(dockerfile);
    const candidates = [`${dockerfile}.dockerignore`, path.join(dir, '.dockerignore')];
    const key = dockerfile;
    if (this.dockerignores.has(key)) return this.dockerignores.get(key)!;
    let found: DockerignoreFile | null = null;
    for (const candidate of candidates) {
      const text = this.reader.read(candidate);
      if (text !== null) {
        found = { path: candidate, text };
        break;
      }
    }
    this.dockerignores.set(key, found);
    return found;
  }

  /**
   * The hadolint configuration for a file: the nearest `.hadolint.yaml` or
   * `.hadolint.yml` in its folder or a parent, then the user-wide ones.
   */
  configFor(file: string): ProjectConfig | null {
    return this.configInFolder(path.dirname(path.resolve(file)));
  }

  /** Reads one config file given explicitly (`--config`); null when it does not exist. */
  configAt(file: string): ProjectConfig | null {
    const resolved = path.resolve(file);
    if (!this.configs.has(resolved)) {
      const text = this.reader.read(resolved);
      this.configs.set(resolved, text === null ? null : parseHadolintConfig(resolved, text, isKnownCode));
    }
    return this.configs.get(resolved)!;
  }

  /** Forget everything read (after files changed on disk). */
  invalidate(): void {
    this.dockerignores.clear();
    this.configs.clear();
  }

  /** Forgets the ignore file found for a Dockerfile (its document closed); configurations are per folder and stay. */
  forgetDockerfile(dockerfile: string): void {
    this.dockerignores.delete(dockerfile);
  }

  private configInFolder(dir: string): ProjectConfig | null {
    const key = `dir:${dir}`;
    if (this.configs.has(key)) return this.configs.get(key)!;
    let found: ProjectConfig | null = null;
    for (const name of HADOLINT_CONFIG_NAMES) {
      found = this.configAt(path.join(dir, name));
      if (found) break;
    }
    if (!found) {
      const parent = path.dirname(dir);
      if (parent !== dir) found = this.configInFolder(parent);
      else {
        for (const candidate of this.userConfigs) {
          found = this.configAt(candidate);
          if (found) break;
        }
      }
    }
    this.configs.set(key, found);
    return found;
  }
}
