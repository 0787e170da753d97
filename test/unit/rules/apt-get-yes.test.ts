import * as assert from 'assert';
import { findingsOf } from '../../support/lint';

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
});
