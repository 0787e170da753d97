/** no-pointless-commands: commands that make no sense in a build step, and the ones that do after all. */
import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const flagged = (text: string) => flaggedBy('no-pointless-commands', text);

const deb = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;

describe('no-pointless-commands', () => {
  it('flags the command names, also behind sudo and in nested lists', () => {
    assert.deepStrictEqual(flagged(deb('RUN if true; then service nginx start; fi && sudo kill 1 && vim -c q /x')), [
      'service',
      'kill',
      'vim',
    ]);
  });

  it('ignores arguments and packages with those names', () => {
    assert.deepStrictEqual(flagged(deb('RUN apt-get install -y vim procps && echo ps top')), []);
  });

  it('accepts ssh with an SSH agent mount', () => {
    assert.deepStrictEqual(flagged(deb('RUN --mount=type=ssh ssh -T git@example.com')), []);
    assert.deepStrictEqual(flagged(deb('RUN ssh -T git@example.com')), ['ssh']);
  });

  it('accepts kill of a process the same RUN started', () => {
    for (const run of [
      'RUN Xvfb :99 & sleep 2; DISPLAY=:99 /opt/app/selftest; kill $!',
      'RUN browsh & pid=$!; sleep 10; kill $pid || true',
      'RUN (mysqld --skip-networking) & sleep 5 && mysql < /init.sql && kill %1',
      'RUN nginx && curl -fsS http://127.0.0.1/ && kill "$(cat /run/nginx.pid)"',
    ]) {
      assert.deepStrictEqual(flagged(deb(run)), [], run);
    }
  });

  it('still flags kill with a literal target when nothing ran in the background before it', () => {
    assert.deepStrictEqual(flagged(deb('RUN kill -9 1')), ['kill']);
    assert.deepStrictEqual(flagged(deb('RUN kill 1 && sleep 1 & wait')), ['kill']);
  });
});
