import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const findings = (dockerfile: string) => reportsOf('gem-pin-versions', dockerfile);

const ruby = (run: string) => `FROM ruby:3.3-slim\n${run}\nUSER nobody\n`;

describe('gem-pin-versions', () => {
  it('flags gems without a version unless -v or --version is given, once per command', () => {
    assert.deepStrictEqual(
      findings(ruby('RUN gem install --no-document rails bundler:2.5.11 && gem i rake')).map((f) => f.text),
      ['rails', 'rake'],
    );
    assert.deepStrictEqual(
      findings(ruby('RUN gem install rails -v 7.1.3 && gem install rake --version=13.2.1 && gem install ./local.gem')),
      [],
    );
  });
  it('leaves the build flags after -- alone: they go to the native extensions', () => {
    assert.deepStrictEqual(findings(ruby('RUN gem install nokogiri:1.16.5 -- --use-system-libraries')), []);
    assert.deepStrictEqual(
      findings(ruby('RUN gem install nokogiri -- --use-system-libraries=true')).map((f) => f.text),
      ['nokogiri'],
    );
  });
  it('suggests name:version for several gems, since --version takes one gem only', () => {
    assert.deepStrictEqual(findings(ruby('RUN gem install --no-document rails rake:13.2.1 rack')), [
      {
        text: 'rails rake:13.2.1 rack',
        message:
          '"gem install" leaves 2 gems unpinned ("rails" and "rack"): pin each one as "rails:<version>" (--version cannot be used with several gems).',
      },
    ]);
    assert.deepStrictEqual(
      findings(ruby('RUN gem i rake')).map((f) => f.message),
      ['"gem i" leaves the gem "rake" unpinned: pin it as "rake:<version>" or with --version.'],
    );
  });
});
