/**
 * A minimal reader for zip files such as a .vsix: the central directory (found through the end-of-central-directory
 * record), and each entry's bytes (stored, or deflated and inflated with zlib). No zip64, no encryption, which vsce
 * never writes.
 */
import * as zlib from 'zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipFile {
  readonly entries: ZipEntry[] = [];

  constructor(private readonly bytes: Buffer) {
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > bytes.length) throw new Error('not a zip file: no end of central directory');
    const count = bytes.readUInt16LE(eocd + 10);
    let offset = bytes.readUInt32LE(eocd + 16);
    for (let i = 0; i < count; i++) {
      if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry at ${offset}`);
      const nameLength = bytes.readUInt16LE(offset + 28);
      const extraLength = bytes.readUInt16LE(offset + 30);
      const commentLength = bytes.readUInt16LE(offset + 32);
      this.entries.push({
        method: bytes.readUInt16LE(offset + 10),
        compressedSize: bytes.readUInt32LE(offset + 20),
        size: bytes.readUInt32LE(offset + 24),
        localHeaderOffset: bytes.readUInt32LE(offset + 42),
        name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      });
      offset += 46 + nameLength + extraLength + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.some((e) => e.name === name);
  }

  read(name: string): Buffer {
    const entry = this.entries.find((e) => e.name === name);
    if (!entry) throw new Error(`${name} is not in the zip file`);
    const at = entry.localHeaderOffset;
    if (this.bytes.readUInt32LE(at) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = at + 30 + this.bytes.readUInt16LE(at + 26) + this.bytes.readUInt16LE(at + 28);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    const content = entry.method === 0 ? Buffer.from(data) : entry.method === 8 ? zlib.inflateRawSync(data) : undefined;
    if (!content) throw new Error(`${name}: compression method ${entry.method} is not supported`);
    if (content.length !== entry.size)
      throw new Error(`${name}: ${content.length} bytes, the directory says ${entry.size}`);
    return content;
  }
}
