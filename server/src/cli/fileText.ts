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
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le' };
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

/** UTF-8 decoding where each byte that is not part of a valid sequence becomes U+DC00 + byte. */
export function decodeUtf8Escaping(bytes: Buffer): string {
  const parts: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length === 0) {
      parts.push(String.fromCharCode(0xdc00 + bytes[i]));
      i++;
      continue;
    }
    // Take the longest run of valid sequences at once.
    let end = i + length;
    for (let next = validSequenceLength(bytes, end); next > 0; next = validSequenceLength(bytes, end)) end += next;
    parts.push(bytes.toString('utf8', i, end));
    i = end;
  }
  return parts.join('');
}

/** The length of the valid UTF-8 sequence starting at `i` (1 to 4), or 0. */
function validSequenceLength(bytes: Buffer, i: number): number {
  if (i >= bytes.length) return 0;
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function encodeUtf8Escaped(text: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc80 || code > 0xdcff) continue;
    // A low surrogate right after a high one is half of a real character, not an escaped byte.
    const previous = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (previous >= 0xd800 && previous <= 0xdbff) continue;
    parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.from([code - 0xdc00]));
    start = i + 1;
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** Reads a document for linting and fixing. */
export function readDocumentFile(file: string | Buffer, lossless: boolean): DocumentFile {
  const bytes = file === '-' ? fs.readFileSync(0) : readDocumentBytes(file);
  if (bytes.subarray(0, 8192).includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe)) throw new Error('it is a binary file, not a Dockerfile or compose file');
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
  const temporary = Buffer.concat([target.subarray(0, cut), Buffer.from('.'), target.subarray(cut), Buffer.from(`.docker-coach-${process.pid}.tmp`)]);
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
    if (changed()) throw new UnsafeWriteError(`${file} changed while it was being fixed: it was not written; run again`);
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
    if (length !== expected.length || !current.subarray(0, length).equals(expected)) throw new UnsafeWriteError(`${file} changed while it was being fixed: it was not written; run again`);
    fs.writeSync(fd, bytes, 0, bytes.length, 0);
    fs.ftruncateSync(fd, bytes.length);
  } finally {
    fs.closeSync(fd);
  }
}
