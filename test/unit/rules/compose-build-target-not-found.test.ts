import * as assert from 'assert';
import { buildFindings } from '../../support/composeBuild';

const RULE = 'compose-build-target-not-found';
const DOCKERFILE =
  'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static:nonroot AS Production\nCOPY --from=build /app /app\n';
const withTarget = (target: string) => `services:\n  api:\n    build:\n      context: ./api\n      target: ${target}\n`;

describe(RULE, () => {
  it('reports a target no stage has, at the target, with the closest stage as a fix', () => {
    const [finding, ...rest] = buildFindings(RULE, withTarget('prodution'), { 'api/Dockerfile': DOCKERFILE });
    assert.deepStrictEqual(rest, []);
    assert.deepStrictEqual(finding, {
      message:
        'The Dockerfile api/Dockerfile has no stage named "prodution", so the build fails: did you mean "Production"?',
      severity: 'error',
      text: 'prodution',
      fixed: withTarget('Production'),
    });
  });

  it('names the stages when none is close, and reports a stage number (BuildKit matches names only)', () => {
    assert.deepStrictEqual(
      buildFindings(RULE, withTarget('"0"'), { 'api/Dockerfile': DOCKERFILE }).map((f) => [f.message, f.text, f.fixed]),
      [
        [
          'The Dockerfile api/Dockerfile has no stage named "0", so the build fails (its stages: "build", "Production").',
          '0',
          null,
        ],
      ],
    );
    assert.deepStrictEqual(
      buildFindings(RULE, withTarget('dev'), { 'api/Dockerfile': 'FROM alpine:3.20\n' }).map((f) => f.message),
      ['The Dockerfile api/Dockerfile has no stage named "dev", so the build fails (it has no named stage).'],
    );
  });

  it('accepts a stage name in another case, a variable, another frontend and a missing Dockerfile', () => {
    assert.deepStrictEqual(buildFindings(RULE, withTarget('PRODUCTION'), { 'api/Dockerfile': DOCKERFILE }), []);
    assert.deepStrictEqual(buildFindings(RULE, withTarget('${TARGET:-prod}'), { 'api/Dockerfile': DOCKERFILE }), []);
    assert.deepStrictEqual(
      buildFindings(RULE, withTarget('prod'), { 'api/Dockerfile': `# syntax=example.com/frontend:1\n${DOCKERFILE}` }),
      [],
    );
    assert.deepStrictEqual(buildFindings(RULE, withTarget('prod'), {}), []);
  });

  it('reads the Dockerfile the merged project builds: an override that only sets the target', () => {
    const files = {
      'compose.yaml': 'services:\n  api:\n    build: ./api\n',
      'api/Dockerfile': DOCKERFILE,
      // The override's own reading would take ./Dockerfile (context "."), which has no such stage.
      Dockerfile: 'FROM alpine:3.20\n',
    };
    const override = 'services:\n  api:\n    build:\n      target: build\n';
    assert.deepStrictEqual(buildFindings(RULE, override, files, 'compose.override.yaml'), []);
    // A misspelt target there is judged against that Dockerfile.
    assert.deepStrictEqual(
      buildFindings(RULE, override.replace('target: build', 'target: biuld'), files, 'compose.override.yaml').map(
        (f) => [f.message, f.text],
      ),
      [
        [
          'The Dockerfile api/Dockerfile has no stage named "biuld", so the build fails: did you mean "build"?',
          'biuld',
        ],
      ],
    );
    // The same file on its own, with nothing to merge: its own build decides.
    const alone = buildFindings(RULE, 'services:\n  api:\n    build:\n      target: build\n', {
      Dockerfile: 'FROM alpine:3.20 AS base\n',
    });
    assert.deepStrictEqual(
      alone.map((f) => f.text),
      ['build'],
    );
  });
});
