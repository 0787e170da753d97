/** compose-rejected-config: what Compose's loader refuses beyond the schema, each at its key. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol';
import { lint } from '../../../server/src/engine/lint';
import { findingsOf, lintText } from '../../support/lint';

/** The findings of the rule as `line: text under the range`. */
const found = (text: string) =>
  findingsOf('compose-rejected-config', text).map((f) => `${f.range.start.line}: ${f.text}`);

describe('compose-rejected-config', () => {
  it('flags every key beside name and x- extensions of an external definition, in each section', () => {
    const text =
      'services:\n  app:\n    image: example/app:1.0\nvolumes:\n  data:\n    external: true\n    name: shared-data\n    x-note: kept\n    driver: local\n    labels: [team=a]\nsecrets:\n  token:\n    external: true\n    file: ./token.txt\n';
    assert.deepStrictEqual(found(text), ['8: driver', '9: labels', '13: file']);
  });

  it('leaves definitions that are not external alone, and flags external.name next to name', () => {
    assert.deepStrictEqual(found('networks:\n  edge:\n    external: false\n    driver: overlay\n'), []);
    assert.deepStrictEqual(found('networks:\n  edge:\n    name: shared\n    external:\n      name: old\n'), [
      '4: name',
    ]);
    assert.deepStrictEqual(found('networks:\n  edge:\n    external:\n      name: old\n'), []);
  });

  it('flags networks next to network_mode, and a bind mount without source', () => {
    const text =
      'services:\n  app:\n    image: example/app:1.0\n    network_mode: "service:db"\n    networks: [back]\n    volumes:\n      - type: bind\n        target: /srv\n      - type: volume\n        target: /cache\n  db:\n    image: postgres:16\nnetworks:\n  back: {}\n';
    assert.deepStrictEqual(found(text), ['4: networks', '6: bind']);
  });

  it('checks device counts: numbers, "all" and ${VAR} pass; a word or count with device_ids does not', () => {
    const devices = (lines: string) =>
      `services:\n  gpu:\n    image: example/gpu:1.0\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - capabilities: [gpu]\n${lines}`;
    assert.deepStrictEqual(found(devices('              count: all\n')), []);
    assert.deepStrictEqual(found(devices('              count: "2"\n')), []);
    assert.deepStrictEqual(found(devices('              count: ${GPUS}\n')), []);
    assert.deepStrictEqual(found(devices('              count: two\n')), ['8: two']);
    assert.deepStrictEqual(found(devices('              count: 1\n              device_ids: ["0"]\n')), [
      '9: device_ids',
    ]);
  });

  it('flags keys YAML reads as numbers, booleans or null under services and in environment mappings', () => {
    const text =
      'services:\n  1:\n    image: busybox:1.36\n  web:\n    image: nginx:1.27\n    environment:\n      true: yes\n      "2": two\n      DEBUG: 1\n';
    const result = lintText(text, 'dockercompose');
    const messages = result.findings.filter((f) => f.rule.id === 'compose-rejected-config').map((f) => f.message);
    assert.deepStrictEqual(messages, [
      '`1` is read as a number, not a name: Compose rejects keys that are not strings under `services`. Quote it ("1").',
      '`true` is read as a boolean, not a name: Compose rejects keys that are not strings in the environment of service "web". Quote it ("true").',
    ]);
  });

  it('flags an environment variable whose name ends with a space, in list and map form', () => {
    const text =
      'services:\n  api:\n    image: example/api:2.0\n    environment:\n      - LOG_LEVEL = debug\n      - PORT=8080\n  worker:\n    image: example/worker:2.0\n    environment:\n      "QUEUE ": jobs\n      MODE: batch\n';
    assert.deepStrictEqual(found(text), ['4: LOG_LEVEL = debug', '9: "QUEUE "']);
    const messages = lintText(text, 'dockercompose')
      .findings.filter((f) => f.rule.id === 'compose-rejected-config')
      .map((f) => f.message);
    assert.strictEqual(
      messages[0],
      'The variable name "LOG_LEVEL " ends with a space: Compose rejects the file. Remove the space before `=`.',
    );
  });

  it('flags each depends_on edge of a cycle with the path back, and a service that depends on itself', () => {
    const text =
      'services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n  api:\n    image: example/api:2.0\n    depends_on:\n      cache:\n        condition: service_started\n  cache:\n    image: redis:7\n    depends_on:\n      - web\n  solo:\n    image: busybox:1.36\n    depends_on: [solo]\n';
    const result = lintText(text, 'dockercompose');
    const findings = result.findings.filter((f) => f.rule.id === 'compose-rejected-config');
    assert.deepStrictEqual(
      findings.map((f) => `${f.range.start.line}: ${result.document.getText(f.range)}`),
      ['3: api', '7: cache', '12: web', '15: solo'],
    );
    assert.strictEqual(
      findings[0].message,
      'Service "web" depends on "api", which leads back to it (web -> api -> cache -> web): Compose rejects a dependency cycle, as no service could start first. Remove one of the dependencies.',
    );
    assert.strictEqual(
      findings[3].message,
      'Service "solo" depends on itself: Compose rejects the file, as a dependency cycle leaves no service to start first. Remove "solo" from its `depends_on`.',
    );
  });

  it('leaves a dependency chain without a cycle alone', () => {
    const text =
      'services:\n  web:\n    image: nginx:1.27\n    depends_on: [api, cache]\n  api:\n    image: example/api:2.0\n    depends_on: [cache]\n  cache:\n    image: redis:7\n';
    assert.deepStrictEqual(found(text), []);
  });

  it('flags a secret with neither file, environment nor external, except in an override file', () => {
    const text =
      'services:\n  app:\n    image: example/app:1.0\n    secrets: [a, b, c, d, e]\nsecrets:\n  a:\n    file: ./a.txt\n  b:\n    environment: B_TOKEN\n  c:\n    external: true\n  d:\n    name: shared-d\n  e:\n';
    assert.deepStrictEqual(found(text), ['11: d', '13: e']);
    const document = TextDocument.create(
      'file:///test/override/compose.override.yaml',
      'dockercompose',
      1,
      'services:\n  app:\n    secrets: [d]\nsecrets:\n  d:\n    name: shared-d\n',
    );
    const override = lint(document, DEFAULT_SETTINGS);
    assert.ok(override.findings.every((f) => f.rule.id !== 'compose-rejected-config'));
  });
  it("flags a service with neither image nor build, at its name, with Compose's reason", () => {
    const text =
      'x-base: &base\n  image: example/base:1.0\nservices:\n  web:\n    ports: ["8080:80"]\n  api:\n    build: ./api\n  worker:\n    <<: *base\n' +
      '  child:\n    extends: worker\n  model:\n    provider:\n      type: model\n  tools:\n    profiles: [debug]\n    command: sh\n';
    const result = lintText(text, 'dockercompose');
    const findings = result.findings.filter((f) => f.rule.id === 'compose-rejected-config');
    assert.deepStrictEqual(
      findings.map((f) => `${f.range.start.line}: ${result.document.getText(f.range)}`),
      ['3: web', '14: tools'],
    );
    assert.strictEqual(
      findings[0].message,
      'Service "web" has neither `image` nor `build`: Compose rejects the project ("has neither an image nor a build context specified"), as there is nothing to run. Add `image:` with the image to run, or `build:` with the folder to build it from.',
    );
  });
  it('leaves services without image or build alone in a file that is probably combined with a base file', () => {
    for (const name of ['compose.override.yaml', 'docker-compose.prod.yml']) {
      const document = TextDocument.create(
        `file:///test/partial/${name}`,
        'dockercompose',
        1,
        'services:\n  web:\n    ports: ["8080:80"]\n',
      );
      assert.deepStrictEqual(
        lint(document, DEFAULT_SETTINGS).findings.filter((f) => f.rule.id === 'compose-rejected-config'),
        [],
        name,
      );
    }
  });
});
