import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'extract-archive-with-add';

describe(RULE, () => {
  it('flags a copied tarball that a later RUN extracts, on the source word', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY app.tgz /tmp/\nRUN tar -C /opt -xzf /tmp/app.tgz\n', { force: true }),
      ['app.tgz'],
    );
  });
  it('understands long options, old-style bundled options and --file=', () => {
    assert.strictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY a.tar /tmp/\nRUN tar --extract --file=/tmp/a.tar\n', { force: true })
        .length,
      1,
    );
    assert.strictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY a.tar.xz /tmp/\nRUN tar xJf /tmp/a.tar.xz\n', { force: true }).length,
      1,
    );
  });
  it('follows a renamed destination and decompressors in a pipe', () => {
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'FROM alpine:3.20\nCOPY build/out.tar.gz /tmp/pkg.tar.gz\nRUN gunzip -c /tmp/pkg.tar.gz | tar -x -C /opt\n',
        { force: true },
      ),
      ['build/out.tar.gz'],
    );
  });
  it('looks into heredoc scripts', () => {
    assert.strictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY a.tgz /tmp/\nRUN <<EOF\nset -e\ntar -xzf /tmp/a.tgz\nEOF\n', {
        force: true,
      }).length,
      1,
    );
  });
  it('ignores archives that are only listed or created, zip files, COPY --from and other stages', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY a.tgz /tmp/\nRUN tar -tzf /tmp/a.tgz\n', { force: true }),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY a.zip /tmp/\nRUN unzip /tmp/a.zip\n', { force: true }),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'FROM alpine:3.20 AS b\nRUN tar -czf /a.tgz /etc\nFROM alpine:3.20\nCOPY --from=b /a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\n',
        { force: true },
      ),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY a.tgz /tmp/\nFROM alpine:3.20\nRUN tar -xzf /tmp/a.tgz\n', {
        force: true,
      }),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY a.tgz /tmp/\nRUN tar -xzf "$ARCHIVE"\n', { force: true }),
      [],
    );
  });
  it('ignores exec-form RUN (no shell to parse)', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY a.tgz /tmp/\nRUN ["tar", "-xzf", "/tmp/a.tgz"]\n', { force: true }),
      [],
    );
  });
  it('reads Windows paths as written, backslashes included', () => {
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY dist\\app.tar.gz "C:\\Program Files\\App"\nRUN tar -xf "C:\\Program Files\\App\\app.tar.gz"\n',
        { force: true },
      ),
      ['dist\\app.tar.gz'],
    );
  });
  it('checks a file part without FROM', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'COPY app.tgz /tmp/\nRUN tar -xzf /tmp/app.tgz -C /opt\n', { force: true }),
      ['app.tgz'],
    );
  });
});
