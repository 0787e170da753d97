import * as assert from 'assert';
import { findingsOf } from '../../support/lint';

const RULE = 'compose-depends-on-profile-disabled';
const seen = (text: string) => findingsOf(RULE, text).map((f) => [f.message, f.severity, f.text]);

describe(RULE, () => {
  it('reports a service without profiles that needs a profiled one, at the dependency name', () => {
    assert.deepStrictEqual(
      seen(
        'services:\n  web:\n    image: a:1\n    depends_on: [migrate, db]\n  migrate:\n    image: a:1\n    profiles: [tools, ci]\n  db:\n    image: b:1\n',
      ),
      [
        [
          '"web" always runs, but "migrate" runs only with the profiles "tools" and "ci": without it Compose refuses the project ("depends on undefined service").',
          'error',
          'migrate',
        ],
      ],
    );
  });

  it('reports, one level milder, a profile of the dependent that does not enable the dependency', () => {
    assert.deepStrictEqual(
      seen(
        'services:\n  debug:\n    image: a:1\n    profiles: [test, debug]\n    depends_on:\n      testdb:\n        condition: service_started\n  testdb:\n    image: b:1\n    profiles: [test]\n',
      ),
      [
        [
          '"debug" runs with the profile "debug", which does not enable "testdb" (only "test"): with that profile alone Compose refuses the project ("depends on undefined service").',
          'warning',
          'testdb',
        ],
      ],
    );
  });

  it('accepts shared profiles, optional dependencies, unknown services and profiles it cannot read', () => {
    const quiet = [
      'services:\n  a:\n    image: a:1\n    profiles: [dev]\n    depends_on: [b]\n  b:\n    image: b:1\n    profiles: [dev, test]\n',
      'services:\n  a:\n    image: a:1\n    depends_on:\n      b:\n        condition: service_started\n        required: false\n  b:\n    image: b:1\n    profiles: [dev]\n',
      'services:\n  a:\n    image: a:1\n    depends_on: [b]\n  b:\n    image: b:1\n',
      'services:\n  a:\n    image: a:1\n    depends_on: [elsewhere]\n',
      'services:\n  a:\n    image: a:1\n    depends_on: [b]\n  b:\n    image: b:1\n    profiles: ["${PROFILE}"]\n',
    ];
    for (const text of quiet) assert.deepStrictEqual(seen(text), [], text);
  });
});
