import * as assert from 'assert';
import { appliedProposalsOf, flaggedBy, reportsOf } from '../../support/lint';

const debian = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;
/** The one fix offered for the first `apt`, applied to the RUN line alone, and whether fix-all may apply it. */
function fixOf(run: string): { line: string; safe: boolean } | null {
  const proposals = appliedProposalsOf('apt-not-apt-get', debian(run));
  assert.ok(proposals.length <= 1, 'one fix at most');
  return proposals[0] ? { line: proposals[0].result.split('\n')[1], safe: proposals[0].safe } : null;
}

describe('apt-not-apt-get', () => {
  it('flags the apt command word, wherever it runs in the script', () => {
    assert.deepStrictEqual(flaggedBy('apt-not-apt-get', debian('RUN apt update && apt install -y curl')), [
      'apt',
      'apt',
    ]);
    assert.deepStrictEqual(flaggedBy('apt-not-apt-get', debian('RUN if true; then apt list --installed; fi')), ['apt']);
  });

  it('names the command to use instead', () => {
    assert.deepStrictEqual(
      reportsOf('apt-not-apt-get', debian('RUN apt full-upgrade -y && apt search curl && apt list')).map((r) =>
        r.message.replace(/.*: use /, 'use '),
      ),
      [
        'use "apt-get dist-upgrade" in a Dockerfile.',
        'use "apt-cache search" in a Dockerfile.',
        'use "apt-get" or "apt-cache" in a Dockerfile.',
      ],
    );
  });

  it('leaves apt-get, apt-cache, apt-mark and an apt inside another word alone', () => {
    assert.deepStrictEqual(
      flaggedBy(
        'apt-not-apt-get',
        debian('RUN apt-get update && apt-cache policy curl && apt-mark hold curl && echo apt && ls /etc/apt'),
      ),
      [],
    );
  });

  it('lets fix-all switch only the commands whose result is the same', () => {
    for (const command of ['update', 'remove -y curl', 'purge -y curl', 'autoremove -y', 'clean']) {
      assert.deepStrictEqual(fixOf(`RUN apt ${command}`), { line: `RUN apt-get ${command}`, safe: true }, command);
    }
  });

  it('offers install and upgrade as a quick fix only: apt-get keeps the downloaded packages', () => {
    assert.deepStrictEqual(fixOf('RUN apt install -y --no-install-recommends curl'), {
      line: 'RUN apt-get install -y --no-install-recommends curl',
      safe: false,
    });
    assert.deepStrictEqual(fixOf('RUN apt -y upgrade'), { line: 'RUN apt-get -y upgrade', safe: false });
    assert.deepStrictEqual(fixOf('RUN apt full-upgrade -y'), { line: 'RUN apt-get dist-upgrade -y', safe: false });
  });

  it('sends the queries to apt-cache, reading the subcommand after the options', () => {
    assert.deepStrictEqual(fixOf('RUN apt -o Debug::NoLocking=1 show curl'), {
      line: 'RUN apt-cache -o Debug::NoLocking=1 show curl',
      safe: false,
    });
    assert.deepStrictEqual(fixOf('RUN apt policy curl'), { line: 'RUN apt-cache policy curl', safe: false });
  });

  it('reports a command apt-get and apt-cache do not have, with no fix that would break it', () => {
    for (const run of ['RUN apt list --installed', 'RUN apt edit-sources', 'RUN apt "$ACTION" curl', 'RUN apt']) {
      assert.deepStrictEqual(flaggedBy('apt-not-apt-get', debian(run)), ['apt'], run);
      assert.strictEqual(fixOf(run), null, run);
    }
  });
});
