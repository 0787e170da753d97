import * as assert from 'assert';
import { findingsOf, flaggedBy } from '../../support/lint';

const RULE = 'apt-get-yes';

describe(RULE, () => {
  it('see commands behind sudo, inside heredoc scripts, and skip non-POSIX shells', () => {
    const apt = (text: string) => findingsOf(RULE, text).map((f) => f.range.start.line);
    assert.deepStrictEqual(apt('FROM debian:12\nRUN sudo apt-get install curl\nUSER nobody\n'), [1]);
    assert.deepStrictEqual(
      apt('FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\nUSER nobody\n'),
      [3],
    );
    assert.deepStrictEqual(
      apt('FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN apt-get install curl\nUSER nobody\n'),
      [],
    );
    assert.deepStrictEqual(apt('FROM debian:12\nRUN echo "apt-get install curl"\nUSER nobody\n'), []);
  });

  it('counts every spelling apt reads as "yes": -y in a cluster, quiet level 2, the configuration item', () => {
    const flagged = (options: string) =>
      flaggedBy(RULE, `FROM debian:12\nRUN apt-get install ${options} --no-install-recommends curl\nUSER nobody\n`);
    for (const options of [
      '-y',
      '-qy',
      '--yes',
      '--assume-yes',
      '-qq',
      '-q -q',
      '--quiet=2',
      '-q=2',
      '-o APT::Get::Assume-Yes=true',
      '-oAPT::Get::Assume-Yes=1',
    ]) {
      assert.deepStrictEqual(flagged(options), [], options);
    }
    // Quiet level 1 does not answer the prompt.
    assert.deepStrictEqual(flagged('-q'), ['install']);
    assert.deepStrictEqual(flagged('-o APT::Get::Assume-Yes=false'), ['install']);
  });
});
