/**
 * Which Compose project a compose document belongs to, shared by the server and the CLI: the default
 * project of its folder or a folder above (the files `docker compose` finds there, `.env` included)
 * when the document is one of the files that project loads (main, override, included, extends
 * source); else the document loaded by itself, as `docker compose -f <file>` would.
 *
 * Texts come from the editor when a file is open (unsaved edits count) and from the disk otherwise.
 * Projects are cached, each with what it read: the text of open files, and the size, time and inode of
 * files on disk (and of names looked for that did not exist). A cached project is used again only
 * when all of those are unchanged, so editing an override, an included file or `.env`, or creating a
 * compose file in a folder above, gives a new project. Bounded: the loader's limits (files, nesting,
 * values), each file up to `maxFileSize`, and `MAX_CACHED_PROJECTS` projects.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ComposeModel } from '../compose/model';
import { ComposeProject, loadProject } from '../compose/project/loader';
import { ReadText } from '../compose/project/files';
import { ComposeProjectContext, createProjectContext } from '../compose/project/projectContext';
import { readRegularFile } from '../util/files';
import { withThousands } from '../util/numbers';

export interface ComposeProjectHost {
  /** The editor's text of an open file (absolute path); undefined when it is not open. */
  openText(file: string): string | undefined;
  /** The environment Compose would see (the server's or the CLI's process environment). */
  env: Record<string, string | undefined>;
  /** Files larger than this are not read. */
  maxFileSize: number;
}

/**
 * What a file looked like when a project read it or looked for it: its text when it was read or given
 * (`editor`: by the editor), and its stamp on disk.
 */
interface Seen {
  text?: string;
  editor: boolean;
  disk: string | null;
}

interface Entry {
  project: ComposeProject;
  seen: Map<string, Seen>;
  texts: Map<string, string>;
  /** The models of its files, parsed when a rule or navigation first asks. */
  models: Map<string, ComposeModel | null>;
  /** Characters of text it holds. */
  size: number;
}

/** At most this many projects, holding at most this many characters of text, stay cached. */
export const MAX_CACHED_PROJECTS = 64;
export const MAX_CACHED_CHARACTERS = 16 * 1024 * 1024;

/** A file's identity on disk (kind, size, modification time, inode), or null when it is missing. */
function stamp(file: string): string | null {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.isFile() ? 'f' : 'o'}:${stat.size}:${stat.mtimeMs}:${stat.ino}` : null;
  } catch {
    return null;
  }
}

export class ComposeProjects {
  private readonly cache = new Map<string, Entry>();
  /** Errors the loader threw (a bug): kept for the caller to log, never thrown into a lint. */
  readonly failures: string[] = [];

  constructor(private readonly host: ComposeProjectHost) {}

  /**
   * The project around a compose file whose current text is `text` (the editor's, or what the CLI
   * is about to lint); null when the project cannot be loaded.
   */
  contextFor(file: string, text: string): ComposeProjectContext | null {
    try {
      const folder = path.dirname(file);
      const around = this.load(`default:${folder}`, file, text, () => ({ cwd: folder }));
      if (around && around.project.loadedFiles.includes(file))
        return createProjectContext(around.project, file, 'default', around.texts, around.models);
      const alone = this.load(`alone:${file}`, file, text, () => ({ cwd: folder, files: [file] }));
      return alone ? createProjectContext(alone.project, file, 'alone', alone.texts, alone.models) : null;
    } catch (e) {
      if (this.failures.length < 10) this.failures.push((e as Error)?.stack ?? String(e));
      return null;
    }
  }

  /** Forgets every cached project (the environment changed, or memory is given back). */
  clear(): void {
    this.cache.clear();
  }

  /** The absolute paths of the compose files of every cached project that read `file`. */
  projectsReading(file: string): Set<string> {
    const found = new Set<string>();
    for (const entry of this.cache.values()) {
      if (!entry.seen.has(file)) continue;
      for (const f of entry.texts.keys()) found.add(f);
    }
    return found;
  }

  private load(
    key: string,
    file: string,
    text: string,
    options: () => { cwd: string; files?: string[] },
  ): Entry | null {
    const current = (f: string): string | undefined => (f === file ? text : this.host.openText(f));
    const cached = this.cache.get(key);
    if (cached && this.unchanged(cached, current)) {
      // Most recently used last: the first entry is the one to drop.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const seen = new Map<string, Seen>();
    const texts = new Map<string, string>();
    const max = this.host.maxFileSize;
    const look = (f: string): Seen => {
      let was = seen.get(f);
      if (!was) {
        const given = current(f);
        was = { text: given, editor: this.host.openText(f) !== undefined, disk: stamp(f) };
        seen.set(f, was);
      }
      return was;
    };
    const tooLarge = { unreadable: `larger than ${withThousands(max)} bytes` };
    const readText: ReadText = (f) => {
      const was = look(f);
      if (was.text === undefined) {
        const bytes = readRegularFile(f, max);
        if (typeof bytes === 'string') return bytes === 'too large' ? tooLarge : { unreadable: bytes };
        was.text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      }
      if (was.text.length > max) return tooLarge;
      texts.set(f, was.text);
      return was.text;
    };
    const exists = (f: string): boolean => {
      const was = look(f);
      return was.text !== undefined || (was.disk !== null && was.disk.startsWith('f'));
    };
    const project = loadProject({ ...options(), env: this.host.env, readText, exists });
    let size = 0;
    for (const t of texts.values()) size += t.length;
    const entry: Entry = { project, seen, texts, models: new Map(), size };
    this.cache.delete(key);
    this.cache.set(key, entry);
    let total = 0;
    for (const e of this.cache.values()) total += e.size;
    // Least recently used first; the entry just loaded stays, whatever its size.
    for (const [k, e] of this.cache) {
      if (this.cache.size <= 1 || (this.cache.size <= MAX_CACHED_PROJECTS && total <= MAX_CACHED_CHARACTERS)) break;
      this.cache.delete(k);
      total -= e.size;
    }
    return entry;
  }

  private unchanged(entry: Entry, current: (f: string) => string | undefined): boolean {
    for (const [f, was] of entry.seen) {
      const now = current(f);
      if (now !== undefined) {
        // Open (or being linted): its text decides, whatever the disk says.
        if (was.text !== now) return false;
      } else if (was.editor || stamp(f) !== was.disk) return false;
    }
    return true;
  }
}
