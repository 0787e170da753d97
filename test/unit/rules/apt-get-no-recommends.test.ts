import * as assert from 'assert';
import { appliedProposalsOf, flaggedBy } from '../../support/lint';

const debian = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;
const flagged = (run: string) => flaggedBy('apt-get-no-recommends', debian(run), { force: true });

describe('apt-get-no-recommends', () => {
  it('flags the install word of apt-get install and apt install', () => {
    assert.deepStrictEqual(flagged('RUN apt-get update && apt-get install -y curl && apt install -y git'), [
      'install',
      'install',
    ]);
  });

  it('accepts the option, or the configuration item in any spelling, anywhere on the command line', () => {
    for (const options of [
      'install -y --no-install-recommends',
      '-y --no-install-recommends install',
      'install -y -o APT::Install-Recommends=false',
      'install -y -oAPT::Install-Recommends=0',
      'install -y --option=APT::Install-Recommends=no',
      '-o apt::install-recommends=false install -y',
    ]) {
      assert.deepStrictEqual(flagged(`RUN apt-get ${options} curl`), [], options);
    }
  });

  it('does not take another configuration item or --no-install-suggests for it', () => {
    assert.deepStrictEqual(flagged('RUN apt-get install -y -o APT::Install-Suggests=false curl'), ['install']);
    assert.deepStrictEqual(flagged('RUN apt-get install -y --no-install-suggests curl'), ['install']);
  });

  it('leaves simulations and other subcommands alone', () => {
    assert.deepStrictEqual(flagged('RUN apt-get install -s curl && apt-get -y upgrade && apt-get remove -y vim'), []);
  });

  it('offers the option as a quick fix only: a recommended package may be needed at run time', () => {
    assert.deepStrictEqual(
      appliedProposalsOf('apt-get-no-recommends', debian('RUN apt-get install -y curl'), { force: true }),
      [
        {
          title: 'Add --no-install-recommends',
          safe: false,
          result: debian('RUN apt-get install --no-install-recommends -y curl'),
        },
      ],
    );
  });
});
