import * as assert from 'assert';
import { buildFindings } from '../../support/composeBuild';

const RULE = 'compose-build-arg-not-declared';
const DOCKERFILE =
  'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine AS build\nARG APP_ENV\nRUN echo "$APP_ENV"\nFROM nginx:1.27\nONBUILD ARG LATER\n';

describe(RULE, () => {
  it('reports names no ARG declares, at the name, in both forms, with the closest undeclared ARG as a fix', () => {
    const mapping =
      'services:\n  web:\n    build:\n      context: .\n      args:\n        NODE_VERISON: "22"\n        APP_ENV: prod\n        LATER: x\n';
    assert.deepStrictEqual(buildFindings(RULE, mapping, { Dockerfile: DOCKERFILE }), [
      {
        message:
          'The Dockerfile Dockerfile declares no ARG "NODE_VERISON", so the build ignores this value: did you mean "NODE_VERSION"?',
        severity: 'warning',
        text: 'NODE_VERISON',
        fixed: mapping.replace('NODE_VERISON', 'NODE_VERSION'),
      },
      // An ARG in an ONBUILD trigger is read by a later build, not this one.
      {
        message: 'The Dockerfile Dockerfile declares no ARG "LATER", so the build ignores this value.',
        severity: 'warning',
        text: 'LATER',
        fixed: null,
      },
    ]);
    const list =
      'services:\n  web:\n    build:\n      context: .\n      args:\n        - "APP_ENVV=prod"\n        - APP_ENV\n';
    assert.deepStrictEqual(
      buildFindings(RULE, list, { Dockerfile: DOCKERFILE }).map((f) => [f.text, f.fixed]),
      [['APP_ENVV', null]],
    );
  });

  it('leaves alone what BuildKit reads without an ARG, variables in names, and other frontends', () => {
    const args =
      '        HTTP_PROXY: http://proxy:3128\n        no_proxy: localhost\n        BUILDKIT_INLINE_CACHE: "1"\n        SOURCE_DATE_EPOCH: "0"\n        TARGETARCH: arm64\n';
    assert.deepStrictEqual(
      buildFindings(RULE, `services:\n  web:\n    build:\n      context: .\n      args:\n${args}`, {
        Dockerfile: DOCKERFILE,
      }),
      [],
    );
    assert.deepStrictEqual(
      buildFindings(RULE, 'services:\n  web:\n    build:\n      context: .\n      args:\n        - ${NAME}=1\n', {
        Dockerfile: DOCKERFILE,
      }),
      [],
    );
    assert.deepStrictEqual(
      buildFindings(RULE, 'services:\n  web:\n    build:\n      context: .\n      args:\n        OTHER: 1\n', {
        Dockerfile: `# syntax=example.com/frontend\n${DOCKERFILE}`,
      }),
      [],
    );
  });

  it('judges an override against the Dockerfile of the merged build', () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    build: ./web\n',
      'web/Dockerfile': DOCKERFILE,
      Dockerfile: 'FROM alpine:3.20\n',
    };
    const override = 'services:\n  web:\n    build:\n      args:\n        APP_ENV: dev\n        APP_EVN: dev\n';
    assert.deepStrictEqual(
      buildFindings(RULE, override, files, 'compose.override.yaml').map((f) => f.message),
      ['The Dockerfile web/Dockerfile declares no ARG "APP_EVN", so the build ignores this value.'],
    );
  });
});
