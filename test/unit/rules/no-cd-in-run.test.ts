/** no-cd-in-run: only a cd that nothing after it in its RUN uses; its fixes. */
import * as assert from 'assert';
import { appliedProposalsOf, findingsOf } from '../../support/lint';

const proposals = (text: string) => appliedProposalsOf('no-cd-in-run', text);

/** `line:text` of each finding. */
const flagged = (text: string) => findingsOf('no-cd-in-run', text).map((f) => `${f.range.start.line}:${f.text}`);

const df = (run: string) => `FROM alpine:3.20\n${run}\nUSER nobody\n`;

describe('no-cd-in-run', () => {
  it('does not flag a cd that later commands of the same RUN use', () => {
    for (const run of [
      'RUN cd /usr/src && make && make install',
      'RUN set -eux; mkdir -p /usr/src; cd /usr/src; curl -fsSLO https://example.com/a.tgz; cd /; rm -rf /usr/src',
      'RUN git clone https://example.com/r.git && cd r && git checkout v1 && make',
      'RUN cd /tmp && tar xzf a.tgz && cd a-1.0 && ./configure && make',
      'RUN <<EOF\ncd /src\nmake\nEOF',
    ]) {
      assert.deepStrictEqual(flagged(df(run)), [], run);
    }
  });

  it('flags a cd that ends its RUN, alone, after && or ;, or at the end of a heredoc body', () => {
    assert.deepStrictEqual(flagged(df('RUN cd /app')), ['1:cd']);
    assert.deepStrictEqual(flagged(df('RUN make install && cd /')), ['1:cd']);
    assert.deepStrictEqual(flagged(df('RUN make install; \\\n    cd /;')), ['2:cd']);
    assert.deepStrictEqual(flagged(df('RUN <<EOF\nmake\ncd /srv\nEOF')), ['3:cd']);
    // Only the last of two: the first one serves the second (relative) one.
    assert.deepStrictEqual(flagged(df('RUN cd /a && \\\n    cd b')), ['2:cd']);
  });

  it('does not flag a cd in a loop, a subshell or a branch', () => {
    for (const run of [
      'RUN for d in a b; do cd /src/$d; make; cd ..; done',
      'RUN (make && cd /)',
      'RUN if [ -d /x ]; then cd /x; fi',
    ]) {
      assert.deepStrictEqual(flagged(df(run)), [], run);
    }
  });

  it('replaces a RUN that is only a cd with WORKDIR, or removes it; keeps the RUN flags out of WORKDIR; unsafe', () => {
    const text = df('RUN --mount=type=cache,target=/root/.cache cd /src');
    assert.deepStrictEqual(proposals(text), [
      {
        title: 'Replace this RUN with WORKDIR /src (it also applies to the instructions that follow)',
        safe: false,
        result: df('WORKDIR /src'),
      },
      { title: 'Remove this RUN ("cd /src" has no effect)', safe: false, result: 'FROM alpine:3.20\nUSER nobody\n' },
    ]);
  });

  it('resolves a relative directory against the known WORKDIR, in a CRLF file, in lower case', () => {
    const text = 'from alpine:3.20\r\nworkdir /src\r\nrun cd build\r\nuser nobody\r\n';
    assert.strictEqual(
      proposals(text)[0].result,
      'from alpine:3.20\r\nworkdir /src\r\nworkdir /src/build\r\nuser nobody\r\n',
    );
  });

  it('offers only the removal when WORKDIR cannot name the directory', () => {
    for (const run of ['RUN cd build', 'RUN cd $DIR', 'RUN cd /', 'RUN cd /usr/bin', 'RUN cd', 'RUN cd -']) {
      assert.deepStrictEqual(
        proposals(df(run)).map((p) => p.title.split(' ')[0]),
        ['Remove'],
        run,
      );
    }
  });

  it('removes a cd at the end of a chain with the operator before it', () => {
    assert.deepStrictEqual(proposals(df('RUN make install && cd /')), [
      { title: 'Remove "cd /" (it has no effect)', safe: false, result: df('RUN make install') },
    ]);
    assert.strictEqual(proposals(df('RUN make install; \\\n    cd /;'))[0].result, df('RUN make install;'));
    assert.strictEqual(proposals(df('RUN make install \\\n && cd /opt'))[0].result, df('RUN make install'));
    assert.strictEqual(proposals(df('RUN <<EOF\nmake\ncd /srv\nEOF'))[0].result, df('RUN <<EOF\nmake\nEOF'));
  });

  it('offers no removal after a compound command, after ||, or across a comment', () => {
    for (const run of ['RUN if true; then make; fi && cd /', 'RUN make || cd /', 'RUN make && \\\n# done\n    cd /']) {
      assert.deepStrictEqual(proposals(df(run)), [], run);
    }
  });
});
