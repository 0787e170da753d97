/** `--fix` writes: every byte outside the fixes kept, links, inode, mode and owner kept, read-only and changed files left alone. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  decodeDocument,
  encodeDocument,
  readDocumentFile,
  UnsafeWriteError,
  writeDocumentFile,
} from '../../server/src/cli/fileText';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
/** MAINTAINER has a safe fix; the Latin-1 é in the comment is not valid UTF-8. */
const BEFORE = Buffer.concat([
  Buffer.from('FROM alpine:3.20\n# caf'),
  Buffer.from([0xe9]),
  Buffer.from(' (Latin-1)\nMAINTAINER me\nUSER nobody\n'),
]);
const AFTER = Buffer.concat([
  Buffer.from('FROM alpine:3.20\n# caf'),
  Buffer.from([0xe9]),
  Buffer.from(' (Latin-1)\nLABEL org.opencontainers.image.authors="me"\nUSER nobody\n'),
]);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-write-'));
}

function fix(dir: string, file: string) {
  return spawnSync(process.execPath, [CLI, 'lint', file, '--fix', '--no-shellcheck'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('--fix writes safely', () => {
  it('keeps invalid UTF-8 outside the fix byte for byte', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), BEFORE);
    assert.strictEqual(fix(dir, 'Dockerfile').status, 0);
    assert.ok(fs.readFileSync(path.join(dir, 'Dockerfile')).equals(AFTER));
  });

  it('writes through a symbolic link to its target and keeps the link', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'real.Dockerfile'), BEFORE);
    fs.symlinkSync('real.Dockerfile', path.join(dir, 'Dockerfile'));
    assert.strictEqual(fix(dir, 'Dockerfile').status, 0);
    assert.ok(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink());
    assert.ok(fs.readFileSync(path.join(dir, 'real.Dockerfile')).equals(AFTER));
  });

  it('keeps hard links, the inode, the mode and the owner', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, BEFORE, { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    fs.linkSync(file, path.join(dir, 'other.Dockerfile'));
    // As root, give the file to another user: a rewrite must not hand it to root.
    const owner =
      process.getuid?.() === 0 ? { uid: 4321, gid: 4321 } : { uid: fs.statSync(file).uid, gid: fs.statSync(file).gid };
    fs.chownSync(file, owner.uid, owner.gid);
    const before = fs.statSync(file);
    assert.strictEqual(fix(dir, 'Dockerfile').status, 0);
    const after = fs.statSync(file);
    assert.deepStrictEqual(
      [after.ino, after.mode & 0o7777, after.uid, after.gid, after.nlink],
      [before.ino, 0o640, owner.uid, owner.gid, 2],
    );
    assert.ok(fs.readFileSync(path.join(dir, 'other.Dockerfile')).equals(AFTER));
  });

  it('keeps the owner of a file without other links too', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, BEFORE);
    const owner =
      process.getuid?.() === 0 ? { uid: 4321, gid: 4321 } : { uid: fs.statSync(file).uid, gid: fs.statSync(file).gid };
    fs.chownSync(file, owner.uid, owner.gid);
    assert.strictEqual(fix(dir, 'Dockerfile').status, 0);
    const after = fs.statSync(file);
    assert.deepStrictEqual([after.uid, after.gid], [owner.uid, owner.gid]);
    assert.ok(fs.readFileSync(file).equals(AFTER));
    assert.deepStrictEqual(fs.readdirSync(dir), ['Dockerfile'], 'no temporary file left behind');
  });

  it('reports a read-only file and leaves it as it was', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, BEFORE);
    fs.chmodSync(file, 0o444);
    const { status, stdout } = fix(dir, 'Dockerfile');
    assert.strictEqual(status, 0);
    assert.match(stdout, /Dockerfile is read-only: its fixes were not written/);
    assert.ok(fs.readFileSync(file).equals(BEFORE));
  });

  it('never overwrites a change it did not read', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, BEFORE);
    const read = readDocumentFile(file, true);
    // Someone saves the file between the read and the write.
    const edited = Buffer.concat([BEFORE, Buffer.from('EXPOSE 8080\n')]);
    fs.writeFileSync(file, edited);
    assert.throws(
      () => writeDocumentFile(file, read, read.text.replace('MAINTAINER me', 'LABEL a=b')),
      UnsafeWriteError,
    );
    assert.ok(fs.readFileSync(file).equals(edited));
  });

  it('round-trips every byte through decoding and encoding, with and without a byte order mark', () => {
    const samples = [
      BEFORE,
      Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x0a]),
      Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00]),
    ];
    for (const bytes of samples) {
      const { text, encoding } = decodeDocument(bytes, true);
      assert.ok(encodeDocument(text, encoding).equals(bytes), bytes.toString('hex'));
    }
    // Valid UTF-8 decodes as usual, a real astral character included.
    assert.strictEqual(decodeDocument(Buffer.from('caf\u00e9 \u{1f600}'), true).text, 'caf\u00e9 \u{1f600}');
  });
});
