/**
 * V8's code cache for the bundles: the server and the CLI are each one large
 * script, and compiling it took about a fifth of the time from start to the
 * first diagnostics. A launcher (`launch/`) compiles the bundle with the cached
 * data of an earlier run, and the bundle says when it has done enough real work
 * for its compiled code to be worth keeping (`codeCacheReady`).
 *
 * Safety: the cache lives in a folder of the user's own (mode 0700, refused when
 * another user owns it or others may write to it); a file is named by a hash of
 * the bundle's text and the Node and V8 versions, carries a SHA-256 of its data
 * (V8 itself checks only the source's length, the V8 version and the flags), and
 * is written whole (a temporary file, then a rename). Anything that fails leaves
 * the program running as if there were no cache.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { isMainThread } from 'worker_threads';

/** Where the launcher leaves its "the run is warm" callback for the bundle. */
const READY = Symbol.for('docker-coach.code-cache-ready');

/**
 * Called by the bundle once it has done the work its users wait for (the server's
 * first Dockerfile lint, the CLI's lint): the functions compiled by then are what
 * the cache keeps. Written from a run that only printed its version, the cache
 * held so little that a start took longer with it than without it (293 against
 * 270 ms). Does nothing when the bundle was not started by a launcher.
 */
export function codeCacheReady(): void {
  const ready = (globalThis as { [READY]?: () => void })[READY];
  if (typeof ready === 'function') ready();
}

/** The module a launcher runs as: the bundle gets its `module`, `require`, file name and folder. */
export interface LaunchHost {
  module: NodeModule;
  require: NodeJS.Require;
  filename: string;
}

/** A cached run writes no later than this after `codeCacheReady` (or at exit, when that comes first). */
const WRITE_DELAY_MS = 2000;
/** Larger cache files are not read (the server's is about 1.5 MB). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const DIGEST_BYTES = 32;

/**
 * Runs `bundle` (a file beside the launcher) as if it were the launcher's own
 * code, compiled with the cached data when there is valid data.
 */
export function runBundle(bundle: string, host: LaunchHost): void {
  const dirname = path.dirname(host.filename);
  const file = path.join(dirname, bundle);
  // A hashbang is not JavaScript inside the wrapper; a comment of the same length keeps the line numbers.
  const source = fs.readFileSync(file, 'utf8').replace(/^#!/, '//');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const cache = cacheFile(bundle, wrapped);
  const cachedData = cache ? readCache(cache) : undefined;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (cache && isMainThread && (!cachedData || script.cachedDataRejected)) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      writeCache(cache, script);
    };
    const holder = globalThis as { [READY]?: () => void };
    holder[READY] = () => {
      delete holder[READY];
      process.once('exit', write);
      setTimeout(write, WRITE_DELAY_MS).unref();
    };
  }
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(host.module.exports, host.module.exports, host.require, host.module, host.filename, dirname);
}

/** The cache file for this text of the bundle under this Node; null when caching is off or there is no usable folder. */
function cacheFile(bundle: string, wrapped: string): string | null {
  if (process.env.DOCKER_COACH_NO_CODE_CACHE) return null;
  const folder = cacheFolder();
  if (!folder) return null;
  const key = crypto
    .createHash('sha256')
    .update(`${process.version}\0${process.arch}\0${process.versions.v8}\0`)
    .update(wrapped)
    .digest('hex')
    .slice(0, 24);
  return path.join(folder, `${path.basename(bundle, '.js')}-${key}.v8cache`);
}

/**
 * `DOCKER_COACH_CACHE_DIR`, else the platform's cache folder for the user with
 * `docker-coach` appended; created when missing. Null when it cannot be made, is
 * not private to this user, or the user's folder is not an absolute path.
 */
function cacheFolder(): string | null {
  const explicit = process.env.DOCKER_COACH_CACHE_DIR;
  let folder: string;
  if (explicit) folder = path.resolve(explicit);
  else {
    const home = os.homedir();
    const xdg = process.env.XDG_CACHE_HOME;
    const base =
      process.platform === 'win32'
        ? (process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'))
        : process.platform === 'darwin'
          ? path.join(home, 'Library', 'Caches')
          : xdg && path.isAbsolute(xdg)
            ? xdg
            : path.join(home, '.cache');
    // An empty or relative HOME (or LOCALAPPDATA) would put the cache in the working folder: no cache then.
    if (!path.isAbsolute(base)) return null;
    folder = path.join(base, 'docker-coach');
  }
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(folder);
    if (!stat.isDirectory()) return null;
    // Windows has no owner or mode bits to check here; its per-user folders are private by default.
    if (process.platform !== 'win32') {
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return null;
      if ((stat.mode & 0o022) !== 0) return null;
    }
    return folder;
  } catch {
    return null;
  }
}

/** The cached data when the file is whole (its digest matches), else undefined. */
function readCache(file: string): Buffer | undefined {
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.length <= DIGEST_BYTES || bytes.length > MAX_CACHE_BYTES) return undefined;
    const data = bytes.subarray(DIGEST_BYTES);
    const digest = crypto.createHash('sha256').update(data).digest();
    return digest.equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the script's cached data whole, then removes the caches of other versions of the same bundle and
 * temporary files that were never renamed.
 */
function writeCache(file: string, script: vm.Script): void {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    const data = script.createCachedData();
    const digest = crypto.createHash('sha256').update(data).digest();
    fs.writeFileSync(temporary, Buffer.concat([digest, data]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Runs at exit or from a timer: nothing may throw from here.
    }
    return;
  }
  const folder = path.dirname(file);
  const name = path.basename(file);
  const prefix = name.slice(0, name.lastIndexOf('-') + 1);
  try {
    for (const other of fs.readdirSync(folder)) {
      if (other === name || !other.startsWith(prefix)) continue;
      const full = path.join(folder, other);
      // A temporary file a minute old was left by a process that ended between its write and its rename.
      if (other.endsWith('.v8cache') || (other.endsWith('.tmp') && Date.now() - fs.statSync(full).mtimeMs > 60_000))
        fs.rmSync(full, { force: true });
    }
  } catch {
    // Old files stay; the next write tries again.
  }
}
