/** Compose best-practice rules, part A (dclint's checks, security checks) and the shared compose entry views. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ComposeModel } from '../../../server/src/compose/model';
import { environmentVariables, parsePortSpec, portMappings, splitVolumeSpec, volumeMounts } from '../../../server/src/compose/entries';
import { DockerCoachSettings } from '../../../server/src/protocol';
import { applyEdits, docOf, lintText } from '../../support/lint';

function modelOf(text: string): ComposeModel {
  return new ComposeModel(TextDocument.create('file:///p/compose.yaml', 'dockercompose', 1, text));
}

/** The text each finding of `rule` covers. */
function flagged(text: string, rule: string, settings: Partial<DockerCoachSettings> = {}): string[] {
  const doc = docOf(text, 'dockercompose');
  return lintText(text, 'dockercompose', settings).findings.filter((f) => f.rule.id === rule).map((f) => doc.getText(f.range));
}

/** The document after the first fix of the first finding of `rule`. */
function fixed(text: string, rule: string, settings: Partial<DockerCoachSettings> = {}): string | null {
  const finding = lintText(text, 'dockercompose', settings).findings.find((f) => f.rule.id === rule);
  const fix = finding?.fixes?.()[0];
  return fix ? applyEdits(text, fix.edits) : null;
}

const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe('compose entries', () => {
  it('parses every short port form', () => {
    assert.deepStrictEqual(parsePortSpec('80'), { hostIp: null, published: null, target: { from: 80, to: 80 }, protocol: 'tcp' });
    assert.deepStrictEqual(parsePortSpec('8080:80'), { hostIp: null, published: { from: 8080, to: 8080 }, target: { from: 80, to: 80 }, protocol: 'tcp' });
    assert.deepStrictEqual(parsePortSpec('127.0.0.1:8080:80/UDP'), { hostIp: '127.0.0.1', published: { from: 8080, to: 8080 }, target: { from: 80, to: 80 }, protocol: 'udp' });
    assert.deepStrictEqual(parsePortSpec('[::1]:8080:80')?.hostIp, '::1');
    assert.deepStrictEqual(parsePortSpec('127.0.0.1::80')?.published, null);
    assert.deepStrictEqual(parsePortSpec('8000-8010:8000-8010')?.published, { from: 8000, to: 8010 });
    assert.deepStrictEqual(parsePortSpec('::1:8080:80')?.hostIp, '::1');
    assert.strictEqual(parsePortSpec('web:80'), null);
    assert.strictEqual(parsePortSpec('9000-8000:80'), null);
  });
  it('reads the long port syntax and marks interpolated ports', () => {
    const model = modelOf('services:\n  a:\n    ports:\n      - target: 80\n        published: "8000-8001"\n        host_ip: 10.0.0.1\n        protocol: udp\n      - ${PORT}:80\n      - target: 81\n');
    const [long, env, bare] = portMappings(model.services[0]);
    assert.deepStrictEqual([long.syntax, long.hostIp, long.published, long.protocol, long.interpolated], ['long', '10.0.0.1', { from: 8000, to: 8001 }, 'udp', false]);
    assert.ok(env.interpolated);
    assert.deepStrictEqual([bare.published, bare.text], [null, '81']);
  });
  it('reads short and long volumes, keeping Windows drive letters', () => {
    assert.deepStrictEqual(splitVolumeSpec('C:\\data:/data:ro'), ['C:\\data', '/data', 'ro']);
    const model = modelOf('services:\n  a:\n    volumes:\n      - data:/var/lib/data\n      - ./src:/src:ro,z\n      - /cache\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n');
    assert.deepStrictEqual(
      volumeMounts(model.services[0]).map((v) => [v.syntax, v.type, v.source, v.target, v.readOnly]),
      [
        ['short', 'volume', 'data', '/var/lib/data', false],
        ['short', 'bind', './src', '/src', true],
        ['short', 'volume', null, '/cache', false],
        ['long', 'bind', '/run/docker.sock', '/var/run/docker.sock', false],
      ],
    );
  });
  it('reads environment lists and maps, with exact value offsets', () => {
    const text = 'services:\n  a:\n    environment:\n      - "A=1"\n      - B\n  b:\n    environment:\n      C: \'x\'\n      D:\n';
    const model = modelOf(text);
    const list = environmentVariables(model, model.services[0]);
    assert.deepStrictEqual(list.map((v) => [v.name, v.value]), [['A', '1'], ['B', null]]);
    assert.strictEqual(text.slice(list[0].valueSpan!.start, list[0].valueSpan!.end), '1');
    const map = environmentVariables(model, model.services[1]);
    assert.deepStrictEqual(map.map((v) => [v.name, v.value]), [['C', 'x'], ['D', null]]);
    assert.strictEqual(text.slice(map[0].valueSpan!.start, map[0].valueSpan!.end), 'x');
  });
});

describe('compose security rules', () => {
  it('privileged, host network, host pid/ipc, cap_add ALL', () => {
    assert.deepStrictEqual(flagged(svc('    privileged: true\n'), 'privileged-container'), ['true']);
    assert.deepStrictEqual(flagged(svc('    privileged: false\n'), 'privileged-container'), []);
    assert.deepStrictEqual(flagged(svc('    network_mode: host\n'), 'host-network-mode'), ['host']);
    assert.deepStrictEqual(flagged(svc('    network_mode: "service:db"\n'), 'host-network-mode'), []);
    assert.deepStrictEqual(flagged(svc('    pid: host\n    ipc: host\n'), 'host-namespace-shared'), ['host', 'host']);
    assert.deepStrictEqual(flagged(svc('    pid: ${PID_MODE}\n'), 'host-namespace-shared'), []);
    assert.deepStrictEqual(flagged(svc('    cap_add: [NET_ADMIN, cap_all]\n'), 'cap-add-all'), ['cap_all']);
  });
  it('points at the service key when the setting comes from a merged anchor', () => {
    const text = 'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: example/a:1.0\n  b:\n    <<: *base\n    image: example/b:1.0\n';
    assert.deepStrictEqual(flagged(text, 'privileged-container'), ['a', 'b']);
  });
  it('finds the Docker socket in short and long volumes, not in look-alikes', () => {
    const rule = 'docker-socket-mounted';
    assert.deepStrictEqual(flagged(svc('    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n'), rule), ['/var/run/docker.sock:/var/run/docker.sock']);
    assert.deepStrictEqual(flagged(svc('    volumes:\n      - "/run/docker.sock:/tmp/d.sock:ro"\n'), rule), ['"/run/docker.sock:/tmp/d.sock:ro"']);
    assert.deepStrictEqual(flagged(svc('    volumes:\n      - ${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock\n'), rule).length, 1);
    assert.deepStrictEqual(flagged(svc('    volumes:\n      - /var/run:/host-run\n'), rule).length, 1);
    assert.deepStrictEqual(flagged(svc('    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /docker.sock\n'), rule), ['/var/run/docker.sock']);
    assert.deepStrictEqual(flagged(svc('    volumes:\n      - ./docker.sock.d:/etc/d\n      - /var/run/app:/run/app\n      - ${SOCK}:/var/run/docker.sock\n'), rule), []);
  });
  it('read_only is off by default and adds the key when enabled', () => {
    const rule = 'read-only-root-filesystem';
    const on = { rules: { [rule]: 'warning' as const } };
    assert.deepStrictEqual(flagged(svc(''), rule), []);
    assert.deepStrictEqual(flagged(svc('    read_only: true\n'), rule, on), []);
    assert.deepStrictEqual(flagged(svc('    read_only: false\n'), rule, on), ['false']);
    assert.strictEqual(fixed(svc('    ports:\n      - "127.0.0.1:80:80"\n'), rule, on), svc('    ports:\n      - "127.0.0.1:80:80"\n    read_only: true\n'));
    assert.strictEqual(fixed('services:\n  app: {image: example/app:1.0}\n', rule, on), null);
  });
});

describe('compose rules from dclint', () => {
  it('build and image together need a pull_policy', () => {
    const rule = 'build-and-image-without-pull-policy';
    const text = 'services:\n  app:\n    build:\n      context: .\n    image: example/app:1.0\n    # comment\n';
    assert.deepStrictEqual(flagged(text, rule), ['build']);
    assert.strictEqual(fixed(text, rule), 'services:\n  app:\n    build:\n      context: .\n    image: example/app:1.0\n    pull_policy: build\n    # comment\n');
    assert.deepStrictEqual(flagged('services:\n  app:\n    build: .\n    image: example/app:1.0\n    pull_policy: always\n', rule), []);
    assert.strictEqual(fixed('services:\n  app:\n    build: .\n    image: example/app:1.0', rule), 'services:\n  app:\n    build: .\n    image: example/app:1.0\n    pull_policy: build');
  });
  it('duplicate published ports respect host address, protocol and ranges', () => {
    const rule = 'duplicate-published-port';
    const two = (a: string, b: string): string[] => flagged(`services:\n  a:\n    image: example/a:1.0\n    ports:\n      - "${a}"\n  b:\n    image: example/b:1.0\n    ports:\n      - "${b}"\n`, rule);
    assert.deepStrictEqual(two('8080:80', '8080:81'), ['"8080:81"']);
    assert.deepStrictEqual(two('127.0.0.1:8080:80', '8080:80'), ['"8080:80"']);
    assert.deepStrictEqual(two('127.0.0.1:8080:80', '10.0.0.2:8080:80'), []);
    assert.deepStrictEqual(two('53:53/udp', '53:53'), []);
    assert.deepStrictEqual(two('8000-8010:8000-8010', '8005:80'), ['"8005:80"']);
    assert.deepStrictEqual(two('80', '80'), []);
    assert.deepStrictEqual(two('${P}:80', '${P}:80'), []);
    const long = 'services:\n  a:\n    image: example/a:1.0\n    ports:\n      - "127.0.0.1:9000:9000"\n      - target: 9001\n        published: 9000\n        host_ip: 127.0.0.1\n';
    assert.deepStrictEqual(flagged(long, rule).length, 1);
  });
  it('duplicate and invalid container names', () => {
    const text = 'services:\n  a:\n    image: example/a:1.0\n    container_name: app\n  b:\n    image: example/b:1.0\n    container_name: "app"\n  c:\n    image: example/c:1.0\n    container_name: ${NAME}\n  d:\n    image: example/d:1.0\n    container_name: ${NAME}\n';
    assert.deepStrictEqual(flagged(text, 'duplicate-container-name'), ['"app"']);
    for (const bad of ['x', '-app', 'my/app', 'my app']) assert.strictEqual(flagged(svc(`    container_name: "${bad}"\n`), 'container-name-invalid').length, 1, bad);
    assert.deepStrictEqual(flagged(svc('    container_name: my_app.v2-1\n'), 'container-name-invalid'), []);
  });
  it('ordering rules and the project name are off by default and work when enabled', () => {
    const text = 'volumes:\n  v:\nservices:\n  web:\n    ports:\n      - "127.0.0.1:9000:9000"\n      - "127.0.0.1:8000:8000"\n    image: example/web:1.0\n    depends_on: [db, cache]\n  cache:\n    image: redis:7.4\n  db:\n    image: example/db:1.0\n';
    const ids = ['services-order', 'service-keys-order', 'service-ports-order', 'service-dependencies-order', 'top-level-keys-order', 'require-project-name'];
    const byDefault = lintText(text, 'dockercompose').findings.map((f) => f.rule.id);
    assert.deepStrictEqual(byDefault.filter((id) => ids.includes(id)), []);
    const on = { rules: Object.fromEntries(ids.map((id) => [id, 'warning' as const])) };
    assert.deepStrictEqual(flagged(text, 'services-order', on), ['cache', 'db']);
    assert.deepStrictEqual(flagged(text, 'service-keys-order', on), ['image', 'depends_on']);
    assert.deepStrictEqual(flagged(text, 'service-ports-order', on), ['ports']);
    assert.deepStrictEqual(flagged(text, 'service-dependencies-order', on), ['depends_on']);
    assert.deepStrictEqual(flagged(text, 'top-level-keys-order', on), ['services']);
    assert.deepStrictEqual(flagged(text, 'require-project-name', on), ['volumes']);
  });
});

