/**
 * Reading files the tools open on their own (files a compose file names, configuration):
 * only regular files, only up to a size, and never waiting on a FIFO or a device.
 */
import * as fs from 'fs';
import { fileURLToPath } from 'url';

/** Why a path cannot be read as a document, or null when it is a regular file. */
export type Unreadable = 'not a regular file' | 'too large' | 'missing';

/**
 * The bytes of a regular file of at most `maxBytes`, or why not. The file is opened without
 * blocking (a FIFO would otherwise wait for a writer), then checked through its descriptor, so
 * a path swapped for a device between a check and the read cannot make the read endless.
 */
export function readRegularFile(file: string | Buffer, maxBytes: number): Buffer | Unreadable {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return 'missing';
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return 'not a regular file';
    if (stat.size > maxBytes) return 'too large';
    // Read what the file held when it was checked, and no more.
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** A regular file's text (UTF-8), or null when it is missing, not a regular file or larger than `maxBytes`. */
export function readRegularText(file: string | Buffer, maxBytes: number): string | null {
  const bytes = readRegularFile(file, maxBytes);
  return typeof bytes === 'string' ? null : bytes.toString('utf8');
}

/** What a path names, following links, found without opening it (opening a FIFO could wait). */
export type FileKind =
  | { kind: 'file'; size: number }
  | { kind: 'directory' }
  | { kind: 'special'; what: 'a FIFO' | 'a device' | 'a socket' }
  | { kind: 'missing' };

/** The kind of what `file` names; a link to a device is a device, a broken or looping link is missing. */
export function fileKindOf(file: string | Buffer): FileKind {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    // ELOOP, EACCES on a folder above, ENAMETOOLONG: nothing there can be read.
    stat = undefined;
  }
  if (!stat) return { kind: 'missing' };
  if (stat.isFile()) return { kind: 'file', size: stat.size };
  if (stat.isDirectory()) return { kind: 'directory' };
  return { kind: 'special', what: stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : 'a device' };
}

/** The file a document URI names on disk, or null for other schemes (untitled documents) and malformed URIs. */
export function filePathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}
