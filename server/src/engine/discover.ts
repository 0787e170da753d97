/**
 * Which files `docker-coach lint` looks at: folders are walked recursively for Dockerfiles,
 * compose files and .dockerignore files, skipping version-control and dependency folders,
 * paths matched by `.gitignore` files (the root one and nested ones, with git's semantics)
 * and `--ignore` globs. Explicit files are linted whatever their name.
 */
import * as fs from 'fs';
import * as path from 'path';
import ignore, { Ignore } from 'ignore';
import { isUtf8 } from 'buffer';
import { readRegularText } from '../util/files';
import { decodeUtf8Escaping } from '../util/utf8';
import { COMPOSE_LANGUAGE_ID, DOCKERFILE_LANGUAGE_ID, DOCKERIGNORE_LANGUAGE_ID } from '../protocol';

const GITIGNORE = Buffer.from('.gitignore');
const DOT = Buffer.from('.');
const EMPTY = Buffer.alloc(0);
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'dist', 'out']);

export interface Input {
  /** The path as given or found; for a name that is not valid UTF-8, its readable form (see `readablePath`). */
  file: string;
  language: string;
  /** The path's bytes, only when they are not valid UTF-8: what the file is opened with. */
  pathBytes?: Uint8Array;
}

/**
 * A path as the CLI shows it: valid UTF-8 as it is, each other byte as `\xNN` (so `caf\xE9` for the
 * Latin-1 byte 0xE9). A string path could not open such a file: Node encodes strings as UTF-8.
 */
export function readablePath(bytes: Uint8Array): string {
  return decodeUtf8Escaping(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).replace(
    /(?<![\ud800-\udbff])[\udc80-\udcff]/g,
    (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`,
  );
}

/** Where to open an input: its bytes when its name is not valid UTF-8, else its path. */
export function openPath(input: Input): string | Buffer {
  return input.pathBytes ? Buffer.from(input.pathBytes) : input.file;
}

export function languageOf(file: string): string | null {
  const name = path.basename(file);
  if (/^(docker-)?compose(\.[^/]*)?\.ya?ml$/i.test(name)) return COMPOSE_LANGUAGE_ID;
  if (name === '.dockerignore' || /\.(dockerignore|containerignore)$/i.test(name) || name === '.containerignore')
    return DOCKERIGNORE_LANGUAGE_ID;
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name))
    return DOCKERFILE_LANGUAGE_ID;
  return null;
}

/** The rules of one `.gitignore`, which apply to paths below `base`. */
interface IgnoreLevel {
  base: string;
  rules: Ignore;
}

/** A `.gitignore` larger than this is not read (git itself refuses ones over 100 MiB; real ones are a few KiB). */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

function readGitignore(dir: string): IgnoreLevel | null {
  // Only a regular file: a FIFO named .gitignore must not make the walk wait.
  const text = readRegularText(path.join(dir, '.gitignore'), MAX_GITIGNORE_BYTES);
  return text === null ? null : { base: dir, rules: ignore().add(text) };
}

/**
 * The `.gitignore` files that apply to a folder from above it: those between the root of its
 * git repository and the folder itself. Outside a repository only the folder's own counts.
 */
function gitignoresAbove(dir: string): IgnoreLevel[] {
  const chain: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    chain.unshift(current);
    if (fs.existsSync(path.join(current, '.git'))) break;
    const parent = path.dirname(current);
    if (parent === current) return [];
    current = parent;
  }
  return chain
    .slice(0, -1)
    .map(readGitignore)
    .filter((l): l is IgnoreLevel => l !== null);
}

/**
 * Whether git would ignore `full` given the `.gitignore` files from the outermost to the
 * innermost: a deeper file overrides a shallower one, and within one file the last matching
 * pattern wins (a `!pattern` re-includes).
 */
function gitIgnored(levels: IgnoreLevel[], full: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const relative = path.relative(level.base, full).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) continue;
    const result = level.rules.test(isDir ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** `--ignore` globs (gitignore syntax) matched against paths relative to the working folder. */
export function ignoreMatcher(globs: string[], cwd = process.cwd()): (file: string, isDir: boolean) => boolean {
  if (globs.length === 0) return () => false;
  const rules = ignore().add(globs);
  return (file, isDir) => {
    let relative = path.relative(cwd, path.resolve(cwd, file));
    // Outside the working folder: match the path as given, without leading "../" or "/".
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative))
      relative = path.normalize(file).replace(/^([.][.][\\/])+|^[\\/]+/, '');
    relative = relative.split(path.sep).join('/');
    if (!relative || relative === '.') return false;
    return rules.ignores(isDir ? `${relative}/` : relative);
  };
}

export interface DiscoverOptions {
  /** The language of "-" and of explicit files; also forced on every discovered file. */
  language: string | null;
  /** `--ignore` globs. */
  ignore?: string[];
  /** Honour `.gitignore` files while walking folders (default true). */
  gitignore?: boolean;
}

/** What a directory entry that is neither a file nor a folder is, for a note. */
function specialKind(stat: { isFIFO(): boolean; isSocket(): boolean }): string {
  return stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : 'a device';
}

/**
 * Expands folders into the Dockerfiles and compose files they contain, in a stable order.
 * Inside a folder, a symbolic link to a file is followed (a file reached twice, through links or as
 * itself, is linted once, under its own name when the walk meets it); links to folders are not followed
 * (as ruff and git do: they often lead out of the project, or in a loop); a folder named on the command
 * line is walked even when it is a link. What is skipped with a linted name gets a line in `notes`.
 */
export function discover(
  paths: string[],
  options: DiscoverOptions | string | null,
  errors: string[],
  notes: string[] = [],
): Input[] {
  const opts: DiscoverOptions = typeof options === 'object' && options !== null ? options : { language: options };
  const language = opts.language;
  const useGitignore = opts.gitignore !== false;
  const ignoredByGlob = ignoreMatcher(opts.ignore ?? []);
  const inputs: Input[] = [];
  /** Files reached through links in folders, by device and inode; checked once the walks are done. */
  const linked = new Map<Input, string>();
  /** Files the walks met by their own names (looked up only when there are links). */
  const walkedFiles: Buffer[] = [];
  const separator = Buffer.from(path.sep);
  // Folders are walked by their bytes, so that names that are not valid UTF-8 can be opened; the
  // ignore rules and messages see the readable form.
  const walk = (dir: Buffer, levels: IgnoreLevel[]) => {
    const dirText = readablePath(dir);
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      errors.push(`cannot read folder ${dirText}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return;
    }
    const own =
      useGitignore && isUtf8(dir) && entries.some((e) => e.name.equals(GITIGNORE) && e.isFile())
        ? readGitignore(dirText)
        : null;
    const here = own ? [...levels, own] : levels;
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      const name = readablePath(entry.name);
      // As path.join would: no "./" in front, no doubled separator.
      const fullBytes = dir.equals(DOT)
        ? entry.name
        : Buffer.concat([dir, dir[dir.length - 1] === separator[0] ? EMPTY : separator, entry.name]);
      const full = path.join(dirText, name);
      const input = (lang: string): Input =>
        isUtf8(fullBytes)
          ? { file: full, language: language ?? lang }
          : { file: full, language: language ?? lang, pathBytes: fullBytes };
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(name) || gitIgnored(here, full, true) || ignoredByGlob(full, true)) continue;
        walk(fullBytes, here);
        continue;
      }
      const lang = languageOf(name);
      if (entry.isSymbolicLink()) {
        let target: fs.Stats | undefined;
        try {
          target = fs.statSync(fullBytes, { throwIfNoEntry: false });
        } catch {
          target = undefined; // ELOOP: a link that leads back to itself
        }
        const isDir = target?.isDirectory() ?? false;
        if (gitIgnored(here, full, isDir) || ignoredByGlob(full, isDir)) continue;
        if (isDir) {
          if (!SKIPPED_DIRS.has(name))
            notes.push(`skipped ${full}: a link to a folder (links to folders are not followed; name it to lint it)`);
        } else if (!lang) continue;
        else if (!target) notes.push(`skipped ${full}: a link that leads nowhere (broken, or a loop)`);
        else if (!target.isFile()) notes.push(`skipped ${full}: a link to ${specialKind(target)}, not a regular file`);
        else {
          const linkedInput = input(lang);
          inputs.push(linkedInput);
          linked.set(linkedInput, `${target.dev}:${target.ino}`);
        }
      } else if (entry.isFile()) {
        if (!lang || gitIgnored(here, full, false) || ignoredByGlob(full, false)) continue;
        inputs.push(input(lang));
        walkedFiles.push(fullBytes);
      } else if (lang && !gitIgnored(here, full, false) && !ignoredByGlob(full, false)) {
        notes.push(`skipped ${full}: ${specialKind(entry)}, not a regular file`);
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      inputs.push({ file: '-', language: language ?? DOCKERFILE_LANGUAGE_ID });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      errors.push(`no such file or folder: ${p}`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = inputs.length;
      walk(Buffer.from(path.normalize(p)), useGitignore ? gitignoresAbove(p) : []);
      if (inputs.length === before) errors.push(`no Dockerfile or compose file found in ${p}`);
    } else if (!ignoredByGlob(p, false)) {
      inputs.push({
        file: p,
        language: language ?? languageOf(p) ?? (/\.ya?ml$/i.test(p) ? COMPOSE_LANGUAGE_ID : DOCKERFILE_LANGUAGE_ID),
      });
    }
  }
  if (linked.size === 0) return inputs;
  const walked = new Set<string>();
  for (const file of walkedFiles) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat) walked.add(`${stat.dev}:${stat.ino}`);
  }
  // A file reached through a link is linted once: not when the walks met it by its own name, nor twice through links.
  return inputs.filter((input) => {
    const key = linked.get(input);
    if (key === undefined) return true;
    if (walked.has(key)) return false;
    walked.add(key);
    return true;
  });
}
