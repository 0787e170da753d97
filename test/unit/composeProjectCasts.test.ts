/** Typed fields after interpolation: the strings compose-go converts to integers, numbers and booleans. */
import * as assert from 'assert';
import * as path from 'path';
import { castKind, castValue } from '../../server/src/compose/project/casts';
import { ComposeProject, loadProject } from '../../server/src/compose/project/loader';

const ROOT = path.resolve('/cast-project');
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

function load(text: string, env: Record<string, string> = {}): ComposeProject {
  const file = path.join(ROOT, 'compose.yaml');
  return loadProject({
    cwd: ROOT,
    env,
    readText: (f) => (f === file ? text : { unreadable: 'missing' }),
    exists: (f) => f === file,
  });
}

describe('compose project casts: which paths', () => {
  it('knows the typed fields of services and of the top-level definitions, list items included', () => {
    assert.strictEqual(castKind(['services', 'web', 'deploy', 'replicas']), 'int');
    assert.strictEqual(castKind(['services', 'web', 'cpus']), 'float');
    assert.strictEqual(castKind(['services', 'web', 'ports', '2', 'target']), 'int');
    assert.strictEqual(castKind(['services', 'web', 'ulimits', 'nofile']), 'int');
    assert.strictEqual(castKind(['services', 'web', 'ulimits', 'nofile', 'soft']), 'int');
    assert.strictEqual(castKind(['services', 'web', 'volumes', '0', 'volume', 'nocopy']), 'bool');
    assert.strictEqual(castKind(['networks', 'front', 'enable_ipv6']), 'bool');
    assert.strictEqual(castKind(['secrets', 's', 'external']), 'bool');
  });
  it('leaves the fields compose-go keeps as strings', () => {
    for (const p of [
      ['services', 'web', 'ports', '0', 'published'],
      ['services', 'web', 'mem_limit'],
      ['services', 'web', 'stop_grace_period'],
      ['services', 'web', 'ports', 'x', 'target'],
      ['x-web', 'cpus'],
    ]) {
      assert.strictEqual(castKind(p), null, p.join('.'));
    }
  });
});

describe('compose project casts: values', () => {
  it('converts integers, numbers and booleans as Go parses them', () => {
    assert.deepStrictEqual(castValue('+42', ['services', 'a', 'scale']), { value: 42 });
    assert.deepStrictEqual(castValue('-3', ['services', 'a', 'oom_score_adj']), { value: -3 });
    assert.deepStrictEqual(castValue('1e-1', ['services', 'a', 'cpus']), { value: 0.1 });
    assert.deepStrictEqual(castValue('.5', ['services', 'a', 'cpu_percent']), { value: 0.5 });
    assert.deepStrictEqual(castValue('0x1p-2', ['services', 'a', 'cpus']), { value: 0.25 });
    assert.deepStrictEqual(castValue('TRUE', ['services', 'a', 'tty']), { value: true });
    assert.deepStrictEqual(castValue('False', ['volumes', 'v', 'external']), { value: false });
  });
  it('accepts yes/no/on/off with a warning, as Compose reads YAML 1.1 booleans', () => {
    const r = castValue('on', ['services', 'a', 'init']);
    assert.strictEqual(r.value, true);
    assert.match(r.warning ?? '', /^services\.a\.init: "on" is not a YAML 1\.2 boolean; Compose reads it as true/);
    assert.strictEqual(castValue('No', ['services', 'a', 'privileged']).value, false);
  });
  it('refuses what does not convert, keeping the text', () => {
    assert.deepStrictEqual(castValue('', ['services', 'a', 'cpus']), {
      value: '',
      error: 'services.a.cpus: "" is not a number; Compose refuses the file ("failed to cast to expected type")',
    });
    assert.match(castValue('1.5', ['services', 'a', 'deploy', 'replicas']).error ?? '', /"1\.5" is not an integer/);
    assert.match(castValue('3 ', ['services', 'a', 'scale']).error ?? '', /"3 " is not an integer/);
    assert.match(
      castValue('maybe', ['services', 'a', 'tty']).error ?? '',
      /"maybe" is not a boolean \(true or false\)/,
    );
    assert.match(
      castValue('99999999999999999999', ['services', 'a', 'pids_limit']).error ?? '',
      /out of the range of a 64-bit integer/,
    );
  });
});

describe('compose project casts: in a loaded project', () => {
  it('types interpolated and quoted values, and leaves values the YAML already typed', () => {
    const p = load(
      'services:\n  web:\n    image: x\n    deploy: {replicas: "${N}"}\n    scale: 2\n    cpus: ${CPUS:-0.5}\n    ports: [{target: "80", published: "${P:-8080}"}]\n    healthcheck: {disable: "${OFF:-false}", retries: 3}\nnetworks:\n  n: {external: "true"}\n',
      { N: '4' },
    );
    assert.deepStrictEqual(p.errors, []);
    assert.deepStrictEqual(plain(p.config.services).web, {
      image: 'x',
      deploy: { replicas: 4 },
      scale: 2,
      cpus: 0.5,
      ports: [{ target: 80, published: '8080' }],
      healthcheck: { disable: false, retries: 3 },
    });
    assert.deepStrictEqual(plain(p.config.networks), { n: { external: true } });
  });
  it('reports a value that does not convert at its place, and a YAML 1.1 boolean as a warning', () => {
    const p = load('services:\n  web:\n    image: x\n    init: "yes"\n    cpus: ${CPUS:-}\n');
    assert.deepStrictEqual(
      p.errors.map((e) => [e.range?.start.line, e.message]),
      [[4, 'services.web.cpus: "" is not a number; Compose refuses the file ("failed to cast to expected type")']],
    );
    assert.deepStrictEqual(
      p.warnings.map((e) => [e.range?.start.line, e.message.split(';')[0]]),
      [[3, 'services.web.init: "yes" is not a YAML 1.2 boolean']],
    );
  });
  it('types a value reached through an alias or a merge key at the place it is used', () => {
    const p = load(
      'x-limits: &limits {replicas: "2"}\nservices:\n  web:\n    image: x\n    deploy:\n      <<: *limits\n',
    );
    assert.deepStrictEqual(plain(p.config.services).web.deploy, { replicas: 2 });
    assert.deepStrictEqual(plain(p.config['x-limits']), { replicas: '2' }, 'an extension field is not typed');
  });
});
