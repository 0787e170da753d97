import * as assert from 'assert';
import { findingsOf, flaggedBy } from '../../support/lint';

const RULE = 'one-download-tool';

describe(RULE, () => {
  it('reports the less used tool of a stage', () => {
    const text =
      'FROM debian:12-slim\nRUN curl -fsSLo /a https://x && curl -fsSLo /b https://y\nRUN wget -nv https://z\nUSER nobody\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text).map((f) => f.text),
      ['wget'],
    );
  });

  it('on a tie reports the tool that came second', () => {
    const text = 'FROM debian:12-slim\nRUN wget -nv https://z\nRUN curl -fsSLo /a https://x\nUSER nobody\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text).map((f) => f.text),
      ['curl'],
    );
  });

  it('looks at each stage on its own and ignores packages named curl', () => {
    const text =
      'FROM debian:12-slim AS a\nRUN wget -nv https://z\nFROM debian:12-slim\nRUN apt-get install -y wget && curl -fsSLo /a https://x\nUSER nobody\n';
    assert.deepStrictEqual(flaggedBy(RULE, text), []);
  });
});
