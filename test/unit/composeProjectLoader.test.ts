/** The project loader where compose-go's loader tests showed a difference: repeated keys, alias cycles, extends paths, environment. */
import * as assert from 'assert';
import * as path from 'path';
import { ComposeProject, loadProject } from '../../server/src/compose/project/loader';

const ROOT = path.resolve('/work-project');
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

function load(files: Record<string, string>, env: Record<string, string> = {}): ComposeProject {
  const abs = new Map(Object.entries(files).map(([f, t]) => [path.join(ROOT, f), t]));
  return loadProject({
    cwd: ROOT,
    env,
    readText: (f) => abs.get(f) ?? { unreadable: 'missing' },
    exists: (f) => abs.has(f),
  });
}
const messages = (p: ComposeProject) =>
  p.errors.map((e) => `${path.relative(ROOT, e.file ?? '')}:${e.range ? e.range.start.line + 1 : '?'}: ${e.message}`);

describe('compose project loader: what Compose refuses', () => {
  it('refuses a key written twice in one mapping, at the second one, naming the first line', () => {
    const p = load({ 'compose.yaml': 'services:\n  foo:\n    command: hello\n    command: !reset hello world\n' });
    assert.deepStrictEqual(messages(p), ['compose.yaml:4: mapping key "command" already defined at line 3']);
  });
  it('accepts several merge keys and the same alias used twice', () => {
    const p = load({
      'compose.yaml':
        'x-a: &a {restart: always}\nx-b: &b {init: true}\nservices:\n  one:\n    <<: *a\n    <<: *b\n    image: x\n  two: &two {image: y}\n  three: *two\n',
    });
    assert.deepStrictEqual(p.errors, []);
    assert.deepStrictEqual(plain(p.config.services), {
      one: { image: 'x', restart: 'always', init: true },
      two: { image: 'y' },
      three: { image: 'y' },
    });
  });
  it('reports an alias inside the node it refers to as a cycle instead of expanding it', () => {
    const p = load({
      'compose.yaml':
        'services:\n  a: {image: x}\nx-healthcheck: &healthcheck\n  egress-service:\n    <<: *healthcheck\n',
    });
    assert.deepStrictEqual(messages(p), [
      'compose.yaml:5: cycle detected: *healthcheck at x-healthcheck.egress-service refers to x-healthcheck, which contains it',
    ]);
  });
});

describe('compose project loader: extends paths and environment values', () => {
  it("finds a relative extends file from the included project's directory, not from the including file's folder", () => {
    const p = load({
      'compose.yaml': 'include:\n  - project_directory: .\n    path: dir/included.yaml\n',
      'dir/included.yaml':
        'services:\n  included:\n    extends:\n      file: dir/extended.yaml\n      service: extended\n',
      'dir/extended.yaml': 'services:\n  extended:\n    image: alpine\n    extends: {file: base.yaml, service: base}\n',
      'dir/base.yaml': 'services:\n  base:\n    command: run\n',
    });
    assert.deepStrictEqual(p.errors, []);
    assert.deepStrictEqual(
      plain(p.config.services),
      { included: { image: 'alpine', command: 'run' } },
      "an extended file's own extends is found from its folder",
    );
  });
  it('gives environment entries without a value the value of the environment of the project that defines the service', () => {
    const p = load(
      {
        'compose.yaml':
          'include:\n  - path: module/compose.yaml\n    env_file: custom.env\nservices:\n  a:\n    image: alpine\n    environment: [VAR_NAME, FROM_SHELL, OTHER=x]\n',
        'custom.env': 'VAR_NAME=value\n',
        'module/compose.yaml':
          'services:\n  b:\n    image: alpine\n    environment:\n      VAR_NAME:\n      MISSING:\n',
      },
      { FROM_SHELL: 'shell' },
    );
    assert.deepStrictEqual(p.errors, []);
    const services = plain(p.config.services);
    assert.deepStrictEqual(
      services.a.environment,
      ['VAR_NAME', 'FROM_SHELL=shell', 'OTHER=x'],
      "the included env file is not the including project's",
    );
    assert.deepStrictEqual(services.b.environment, { VAR_NAME: 'value', MISSING: null });
  });
});
