import * as assert from 'assert';
import { findingsOf } from '../../support/lint';

/** What each finding says and the text it covers; a finding over several lines shows its range. */
const findings = (dockerfile: string) =>
  findingsOf('apt-get-pin-versions', dockerfile, { settings: { preset: 'strict' } }).map(
    ({ range: { start, end }, text, message }) => ({
      text: start.line === end.line ? text : `${start.line}:${start.character}-${end.line}:${end.character}`,
      message,
    }),
  );

const flagged = (dockerfile: string) => findings(dockerfile).map((f) => f.text);
const debian = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;

describe('apt-get-pin-versions', () => {
  it('reports once per install command, naming its unpinned packages, from the first to the last of them', () => {
    assert.deepStrictEqual(
      findings(
        debian(
          'RUN apt-get update && apt-get -y install --no-install-recommends curl git=1:2.39.5-0+deb12u1 -t bookworm-backports jq',
        ),
      ),
      [
        {
          text: 'curl git=1:2.39.5-0+deb12u1 -t bookworm-backports jq',
          message:
            '"apt-get install" leaves 2 packages unpinned ("curl" and "jq"): pin each one ("curl=<version>") so that a rebuild installs the same packages.',
        },
      ],
    );
  });
  it('names one package, four packages, or three and how many more', () => {
    assert.deepStrictEqual(findings(debian('RUN apt install -y curl')), [
      {
        text: 'curl',
        message:
          '"apt install" leaves "curl" unpinned: pin it as "curl=<version>" so that a rebuild installs the same package.',
      },
    ]);
    assert.match(
      findings(debian('RUN apt-get install -y a b c d'))[0].message,
      /leaves 4 packages unpinned \("a", "b", "c" and "d"\)/,
    );
    assert.match(
      findings(debian('RUN apt-get install -y a b c d e f'))[0].message,
      /leaves 6 packages unpinned \("a", "b", "c" and 3 more\)/,
    );
  });
  it('spans the lines of a package list, and reports each install command of a RUN', () => {
    assert.deepStrictEqual(
      flagged(
        debian('RUN apt-get update && apt-get install -y \\\n    curl \\\n    jq \\\n && rm -rf /var/lib/apt/lists/*'),
      ),
      ['2:4-3:6'],
    );
    assert.deepStrictEqual(
      flagged(debian('RUN apt-get update && apt-get install -y curl && apt-get install -y jq=1.6-2.1')),
      ['curl'],
    );
    assert.deepStrictEqual(
      flagged(debian('RUN apt-get update && apt-get install -y curl && apt-get install -y jq wget')),
      ['curl', 'jq wget'],
    );
  });
  it('also reads sudo and heredoc scripts', () => {
    assert.deepStrictEqual(flagged(debian('RUN sudo apt-get install -y curl')), ['curl']);
    assert.deepStrictEqual(flagged(debian('RUN <<EOF\napt-get update\napt-get install -y wget\nEOF')), ['wget']);
  });
  it('accepts versions, release pins, .deb files and variables', () => {
    assert.deepStrictEqual(
      flagged(
        debian(
          'RUN apt-get install -y curl=7.88.1-10+deb12u12 jq/bookworm-backports ./pkg.deb "$PKGS" ${EXTRA} "git=${GIT_VERSION}"',
        ),
      ),
      [],
    );
  });
  it('ignores exec-form RUN, other subcommands and simulated installs', () => {
    assert.deepStrictEqual(flagged(debian('RUN ["apt-get", "install", "-y", "curl"]')), []);
    assert.deepStrictEqual(flagged(debian('RUN apt-get remove -y curl')), []);
    assert.deepStrictEqual(
      flagged(
        debian(
          'RUN if apt-get install -s "postgresql-$PG_MAJOR-jit" curl > /dev/null; then apt-get install -y jq=1.6-2.1; fi',
        ),
      ),
      [],
    );
  });
});
