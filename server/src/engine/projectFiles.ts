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
import { FileKind, fileKindOf, readRegularText } from '../util/files';

export interface FileReader {
  /** The file's text, or null when it does not exist or cannot be read. */
  read(file: string): string | null;
  /** Why a file that exists was not read (a FIFO, too large), or null. */
  whyUnread?(file: string): string | null;
}

/** Config files larger than this are not read (a config is a few lines). */
export const MAX_CONFIG_BYTES = 256 * 1024;

export const nodeFileReader: FileReader = {
  read(file) {
    return readRegularText(file, MAX_CONFIG_BYTES);
  },
  whyUnread(file) {
    return unreadableReason(fileKindOf(file), MAX_CONFIG_BYTES);
  },
};

/** Why a file of this kind is not read, in words for a message ("it is a FIFO, not a regular file"), or null. */
export function unreadableReason(found: FileKind, maxBytes: number): string | null {
  if (found.kind === 'special') return `it is ${found.what}, not a regular file`;
  if (found.kind === 'directory') return 'it is a folder';
  if (found.kind === 'file' && found.size > maxBytes) return `it is larger than ${Math.floor(maxBytes / 1024)} KiB`;
  return null;
}

/** A code a hadolint config may name: one of our rules or equivalents, or a ShellCheck code. */
export function isKnownCode(code: string): boolean {
  return rulesForCode(code).length > 0 || /^SC\d{4}$/i.test(code);
}

/** Where hadolint looks for a user-wide configuration when the project has none. */
export function userConfigCandidates(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string[] {
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  return [
    path.join(xdg, 'hadolint.yaml'),
    path.join(home, '.hadolint', 'hadolint.yaml'),
    path.join(home, '.hadolint.yaml'),
  ];
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
      const why = text === null ? (this.reader.whyUnread?.(resolved) ?? null) : null;
      // A config that exists but cannot be read still stops the search, as it would stop hadolint's, and says why.
      const unread = (reason: string): ProjectConfig => ({
        path: resolved,
        rules: {},
        problems: [
          {
            message: `This configuration was not read: ${reason}.`,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: 'warning',
          },
        ],
      });
      this.configs.set(
        resolved,
        text !== null ? parseHadolintConfig(resolved, text, isKnownCode) : why !== null ? unread(why) : null,
      );
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
