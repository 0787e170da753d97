/**
 * Reading a document's bytes as text and writing fixed text back without losing a byte:
 * invalid UTF-8 survives the round trip (each stray byte is read as a lone surrogate,
 * U+DC80 to U+DCFF, and written back as that byte), a link is written through to its
 * target, the file keeps its inode, mode and owner, a read-only file is left alone,
 * and a file that changed since it was read is never overwritten.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isUtf8 } from 'buffer';
import { readRegularFile } from '../util/files';
import { decodeUtf8Escaping, encodeUtf8Escaped } from '../util/utf8';

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le';

export interface DocumentFile {
  text: string;
  encoding: Encoding;
  /** The bytes as read, to check that nothing changed them before a write. */
  bytes: Buffer;
}

/** A write the CLI refuses: the message says why, in one line. */
export class UnsafeWriteError extends Error {}

/** A file `--fix` leaves alone on purpose (read-only), with the reason. */
export class SkippedWriteError extends Error {}

/** Decodes bytes as text; `lossless` keeps invalid UTF-8 bytes as lone surrogates so they can be written back. */
export function decodeDocument(bytes: Buffer, lossless: boolean): { text: string; encoding: Encoding } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const text = lossless && !isUtf8(body) ? decodeUtf8Escaping(body) : body.toString('utf8');
  return { text, encoding: bom ? 'utf8-bom' : 'utf8' };
}

/** The bytes of `text` in `encoding`; lone surrogates U+DC80 to U+DCFF become the bytes they stand for. */
export function encodeDocument(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const bom = encoding === 'utf8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  return Buffer.concat([bom, /[\udc80-\udcff]/.test(text) ? encodeUtf8Escaped(text) : Buffer.from(text, 'utf8')]);
}

/** Reads a document for linting and fixing. */
export function readDocumentFile(file: string | Buffer, lossless: boolean): DocumentFile {
  const bytes = file === '-' ? fs.readFileSync(0) : readDocumentBytes(file);
  if (bytes.subarray(0, 8192).includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe))
    throw new Error('it is a binary file, not a Dockerfile or compose file');
  return { ...decodeDocument(bytes, lossless), bytes };
}

/** Documents larger than this are refused before they are read (the linter's own limit is far lower). */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** A named file's bytes: only a regular file, so that a FIFO or a device never makes the CLI wait or read forever. */
function readDocumentBytes(file: string | Buffer): Buffer {
  const bytes = readRegularFile(file, MAX_DOCUMENT_BYTES);
  if (bytes === 'not a regular file') throw new Error('it is not a regular file (a FIFO, a device or a socket)');
  if (bytes === 'too large') throw new Error(`it is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`);
  // Missing or unreadable: let the read say why (ENOENT, EACCES…).
  return bytes === 'missing' ? fs.readFileSync(file) : bytes;
}

/**
 * Writes fixed text over a file read as `read`. Through a symbolic link, the target is written.
 * Refuses when the file changed since it was read, and skips a read-only file. A file with other
 * hard links, or whose owner this process cannot give a new file, is rewritten in place (same
 * inode); otherwise a temporary file with the same mode and owner replaces it, so an interrupted
 * run never leaves half a file. `file` names it in messages; `bytes` is its path when the name is not
 * valid UTF-8 (a string path cannot spell it).
 */
export function writeDocumentFile(file: string, read: DocumentFile, text: string, pathBytes?: Buffer): void {
  // The native realpath: the JavaScript one decodes a Buffer path as UTF-8 and loses stray bytes.
  const target = fs.realpathSync.native(pathBytes ?? file, { encoding: 'buffer' });
  const stat = fs.statSync(target);
  if ((stat.mode & 0o222) === 0) throw new SkippedWriteError(`${file} is read-only: its fixes were not written`);
  const bytes = encodeDocument(text, read.encoding);
  const changed = () => !fs.readFileSync(target).equals(read.bytes);
  if (changed()) throw new UnsafeWriteError(`${file} changed while it was being fixed: it was not written; run again`);
  if (stat.nlink > 1) return writeInPlace(target, bytes, read.bytes, file);
  // Beside the target, as bytes: its folder's name need not be valid UTF-8.
  const cut = Math.max(target.lastIndexOf(0x2f), path.sep === '\\' ? target.lastIndexOf(0x5c) : -1) + 1;
  const temporary = Buffer.concat([
    target.subarray(0, cut),
    Buffer.from('.'),
    target.subarray(cut),
    Buffer.from(`.docker-coach-${process.pid}.tmp`),
  ]);
  try {
    fs.writeFileSync(temporary, bytes, { mode: stat.mode & 0o7777, flag: 'wx' });
    fs.chmodSync(temporary, stat.mode & 0o7777);
    try {
      fs.chownSync(temporary, stat.uid, stat.gid);
    } catch {
      // Only root may give a file to another user: keep the owner by writing in place instead.
      fs.rmSync(temporary, { force: true });
      return writeInPlace(target, bytes, read.bytes, file);
    }
    // The last moment to notice a concurrent edit before the file is replaced.
    if (changed())
      throw new UnsafeWriteError(`${file} changed while it was being fixed: it was not written; run again`);
    fs.renameSync(temporary, target);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function writeInPlace(target: Buffer, bytes: Buffer, expected: Buffer, file: string): void {
  const fd = fs.openSync(target, 'r+');
  try {
    const current = Buffer.alloc(expected.length + 1);
    const length = fs.readSync(fd, current, 0, current.length, 0);
    if (length !== expected.length || !current.subarray(0, length).equals(expected))
      throw new UnsafeWriteError(`${file} changed while it was being fixed: it was not written; run again`);
    fs.writeSync(fd, bytes, 0, bytes.length, 0);
    fs.ftruncateSync(fd, bytes.length);
  } finally {
    fs.closeSync(fd);
  }
}
