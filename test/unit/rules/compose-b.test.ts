/** Compose rules that no other tool has: references, volumes, health checks, files on disk, the built Dockerfile. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol';
import { lint, toDiagnostic } from '../../../server/src/engine/lint';
import { ComposeModel } from '../../../server/src/compose/model';
import { mountsOf, referencesOf } from '../../../server/src/compose/references';
import { databaseOf, volumeTarget } from '../../../server/src/data/databases';
import { applyEdits, composeFindingsOf as findings, composeFirstFix as firstFix, composeFlagged as flagged, docOf, fakeDisk, lintText } from '../../support/lint';

const model = (text: string) => new ComposeModel(docOf(text, 'dockercompose'));

describe('compose references', () => {
  it('collects every kind with the exact range of the name, in short and long forms', () => {
    const m = model(
      'services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n    links: ["cache:redis"]\n    network_mode: "service:vpn"\n    volumes_from: [data:ro, "container:x"]\n    networks:\n      front:\n        aliases: [w]\n    volumes:\n      - logs:/var/log\n      - ./site:/srv\n      - /abs:/abs\n      - type: volume\n        source: "cache"\n        target: /cache\n      - ${VOL}:/v\n    secrets: [token, {source: key}]\n    configs:\n      - source: conf\n    build:\n      context: .\n      secrets: [npmrc]\n',
    );
    const names = (kind: Parameters<typeof referencesOf>[1]) => referencesOf(m, kind).map((r) => m.text.slice(r.span!.start, r.span!.end));
    assert.deepStrictEqual(names('services'), ['api', 'cache', 'vpn', 'data']);
    assert.deepStrictEqual(names('networks'), ['front']);
    assert.deepStrictEqual(names('volumes'), ['logs', 'cache']);
    assert.deepStrictEqual(names('secrets'), ['token', 'key', 'npmrc']);
    assert.deepStrictEqual(names('configs'), ['conf']);
  });
  it('reads mounts: named, bind (relative, absolute, home, Windows), anonymous, long syntax', () => {
    const m = model('services:\n  a:\n    volumes:\n      - data:/d:ro\n      - ./x:/x\n      - ~/y:/y\n      - C:\\z:/z\n      - /anon\n      - {type: bind, source: ., target: /b}\n      - {type: tmpfs, target: /t}\n');
    assert.deepStrictEqual(mountsOf(m, m.services[0]).map((x) => [x.type, x.source, x.target]), [
      ['volume', 'data', '/d'],
      ['bind', './x', '/x'],
      ['bind', '~/y', '/y'],
      ['bind', 'C:\\z', '/z'],
      ['anonymous', null, '/anon'],
      ['bind', '.', '/b'],
      ['tmpfs', null, '/t'],
    ]);
  });
  it('knows database images by repository, not by base name', () => {
    assert.strictEqual(databaseOf('postgres:16')?.dataDir, '/var/lib/postgresql/data');
    assert.strictEqual(databaseOf('docker.io/library/mysql:8.4')?.name, 'mysql');
    assert.strictEqual(databaseOf('docker.elastic.co/elasticsearch/elasticsearch:8.15.0')?.name, 'elasticsearch');
    assert.strictEqual(databaseOf('bitnami/postgresql:16'), null);
    assert.strictEqual(databaseOf('ghcr.io/acme/postgres:1'), null);
    assert.strictEqual(volumeTarget(databaseOf('postgres:17')!, '17'), '/var/lib/postgresql/data');
    assert.strictEqual(volumeTarget(databaseOf('postgres:18')!, '18-alpine'), '/var/lib/postgresql');
  });
});

describe('compose-undefined-reference', () => {
  const rule = 'compose-undefined-reference';
  it('flags undefined networks, volumes, secrets and configs with did-you-mean', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    networks: [frontend]\n    volumes: [cahe:/c]\n    secrets: [tokn]\n    configs: [{source: nginx}]\nnetworks:\n  front: {}\nvolumes:\n  cache: {}\nsecrets:\n  token: {file: ./t}\n';
    const found = findings(text, rule);
    assert.deepStrictEqual(found.map((f) => f.text), ['frontend', 'cahe', 'tokn', 'nginx']);
    assert.match(found[1].message, /did you mean "cache"/);
    assert.ok(!/did you mean/.test(found[3].message));
    assert.strictEqual(found[0].severity, 'error');
  });
  it('does not flag bind mounts, anonymous volumes, the default network, interpolated names or files with include', () => {
    assert.deepStrictEqual(flagged('services:\n  web:\n    image: nginx:1.27\n    networks: [default]\n    volumes: ["./a:/a", "/b:/b", "/c", "${V}:/v", "~/d:/d"]\n', rule), []);
    assert.deepStrictEqual(flagged('include: [other.yaml]\nservices:\n  web:\n    image: nginx:1.27\n    networks: [shared]\n', rule), []);
  });
  it('renames to the suggestion, or defines a missing volume (creating the section)', () => {
    assert.strictEqual(firstFix('services:\n  a:\n    image: x:1\n    volumes:\n      - "dat:/d"\nvolumes:\n  data: {}\n', rule), 'services:\n  a:\n    image: x:1\n    volumes:\n      - "data:/d"\nvolumes:\n  data: {}\n');
    const [f] = findings('services:\n  a:\n    image: x:1\n    volumes: [logs:/l]\nvolumes:\n', rule);
    assert.strictEqual(applyEdits('services:\n  a:\n    image: x:1\n    volumes: [logs:/l]\nvolumes:\n', f.finding.fixes!()[0].edits), 'services:\n  a:\n    image: x:1\n    volumes: [logs:/l]\nvolumes:\n  logs: {}\n');
  });
  it('reports a merged reference at the service, without a fix', () => {
    const text = 'x-base: &base\n  networks: [back]\nservices:\n  web:\n    <<: *base\n    image: x:1\n';
    const [f] = findings(text, rule);
    assert.strictEqual(f.text, 'web');
    assert.deepStrictEqual(f.finding.fixes!().map((p) => p.title), []);
  });
});

describe('compose-unknown-service', () => {
  const rule = 'compose-unknown-service';
  it('flags depends_on (both forms), links, extends, service: modes and volumes_from', () => {
    const text = 'services:\n  a:\n    image: x:1\n    depends_on: [bb]\n    links: ["cc:alias"]\n    extends: {service: dd}\n    network_mode: service:ee\n    volumes_from: ["ff:ro", "container:gg"]\n  b:\n    image: x:1\n    depends_on:\n      zz: {condition: service_started}\n      yy: {condition: service_started, required: false}\n';
    assert.deepStrictEqual(flagged(text, rule), ['bb', 'cc', 'dd', 'ee', 'ff', 'zz']);
  });
  it('does not flag extends from another file, nor override files', () => {
    assert.deepStrictEqual(flagged('services:\n  a:\n    extends: {file: base.yaml, service: common}\n', rule), []);
    const doc = TextDocument.create('file:///p/compose.override.yaml', 'dockercompose', 1, 'services:\n  a:\n    depends_on: [db]\n');
    assert.deepStrictEqual(lint(doc, DEFAULT_SETTINGS).findings.map((f) => f.rule.id), []);
  });
});

describe('compose-unused-definition', () => {
  const rule = 'compose-unused-definition';
  it('flags unused definitions (info, unnecessary) but not external ones, default, or used by build secrets', () => {
    const text = 'services:\n  a:\n    image: x:1\n    build: {context: ., secrets: [npm]}\nnetworks:\n  default: {}\n  ext: {external: true}\n  lonely: {}\nsecrets:\n  npm: {file: ./npmrc}\nconfigs:\n  old: {file: ./c}\n';
    const found = findings(text, rule);
    assert.deepStrictEqual(found.map((f) => f.text), ['lonely', 'old']);
    assert.strictEqual(found[0].severity, 'info');
    assert.deepStrictEqual(found[0].finding.tags, ['unnecessary']);
  });
  it('counts merged references as uses, and is silent when a service extends one from another file', () => {
    assert.deepStrictEqual(flagged('x-v: &v\n  volumes: [data:/d]\nservices:\n  a:\n    <<: *v\n    image: x:1\nvolumes:\n  data: {}\n', rule), []);
    assert.deepStrictEqual(flagged('services:\n  a:\n    extends: {file: b.yaml, service: b}\nvolumes:\n  data: {}\n', rule), []);
  });
});

describe('compose-container-name-with-replicas', () => {
  const rule = 'compose-container-name-with-replicas';
  it('flags container_name with replicas or scale above 1 only', () => {
    assert.deepStrictEqual(flagged('services:\n  a:\n    image: x:1\n    container_name: a\n    scale: 2\n', rule), ['container_name']);
    assert.deepStrictEqual(flagged('services:\n  a:\n    image: x:1\n    container_name: a\n    deploy: {replicas: 1}\n', rule), []);
    assert.deepStrictEqual(flagged('services:\n  a:\n    image: x:1\n    container_name: a\n    deploy: {replicas: "${N}"}\n', rule), []);
  });
});

describe('compose-database-without-volume', () => {
  const rule = 'compose-database-without-volume';
  it('flags known databases without a mount on the data directory; redis milder', () => {
    assert.deepStrictEqual(findings('services:\n  db:\n    image: mysql:8.4\n  cache:\n    image: redis:7.4\n', rule).map((f) => [f.text, f.severity]), [['mysql:8.4', 'warning'], ['redis:7.4', 'info']]);
  });
  it('accepts named volumes, binds, parents of the data directory, long syntax, tmpfs and a custom PGDATA', () => {
    for (const volumes of ['    volumes: [pg:/var/lib/postgresql/data]\n', '    volumes: ["./pg:/var/lib/postgresql"]\n', '    volumes:\n      - type: volume\n        source: pg\n        target: /var/lib/postgresql/data/\n', '    tmpfs: /var/lib/postgresql/data\n', '    environment: {PGDATA: /pgdata}\n    volumes: [pg:/pgdata]\n', '    volumes: ["${DATA}:/var/lib/postgresql/data"]\n']) {
      assert.deepStrictEqual(flagged(`services:\n  db:\n    image: postgres:16\n${volumes}`, rule), [], volumes);
    }
    assert.deepStrictEqual(flagged('services:\n  db:\n    image: postgres:16\n    environment: {PGDATA: /pgdata}\n    volumes: [pg:/var/lib/postgresql/data]\n', rule), ['postgres:16']);
  });
  it('adds the volume to an existing list and a new volumes section; uses /var/lib/postgresql for Postgres 18', () => {
    assert.strictEqual(
      firstFix('services:\n  db:\n    image: postgres:18\n    volumes:\n      - ./init:/docker-entrypoint-initdb.d\nnetworks:\n  back: {}', rule),
      'services:\n  db:\n    image: postgres:18\n    volumes:\n      - ./init:/docker-entrypoint-initdb.d\n      - db-data:/var/lib/postgresql\nnetworks:\n  back: {}\nvolumes:\n  db-data: {}\n',
    );
    assert.strictEqual(
      firstFix('services:\n  db:\n    image: mongo:7.0\nvolumes:\n  db-data: {}\n', rule),
      'services:\n  db:\n    image: mongo:7.0\n    volumes:\n      - db-data-2:/data/db\nvolumes:\n  db-data: {}\n  db-data-2: {}\n',
    );
  });
});

describe('compose-missing-file', () => {
  const rule = 'compose-missing-file';
  it('needs the disk: silent without fileExists', () => {
    assert.deepStrictEqual(flagged('services:\n  a:\n    build: ./nope\n', rule), []);
  });
  it('flags env files, contexts, Dockerfiles (relative to the context), extends and secret files', () => {
    const text = 'services:\n  a:\n    build:\n      context: app\n      dockerfile: Dockerfile.dev\n    env_file: [a.env, {path: opt.env, required: false}, {path: b.env}]\n  b:\n    build: ./missing\n  c:\n    build: ./empty\n    extends: {file: base.yaml, service: x}\nsecrets:\n  s: {file: ./secret.txt}\n';
    const disk = fakeDisk({ 'a.env': '', 'app/Dockerfile': '', 'empty/README': '' });
    assert.deepStrictEqual(flagged(text, rule, disk), ['Dockerfile.dev', 'b.env', './missing', './empty', 'base.yaml', './secret.txt']);
    const [dockerfile] = findings(text, rule, disk);
    assert.match(dockerfile.message, /relative to the build context app/);
  });
  it('never checks remote contexts, interpolated paths or inline Dockerfiles', () => {
    const text = 'services:\n  a:\n    build: https://github.com/acme/app.git#main\n  b:\n    build: git@github.com:acme/app.git\n  c:\n    env_file: ${ENV_FILE}\n  d:\n    build: {context: ., dockerfile_inline: "FROM alpine:3.20"}\n';
    assert.deepStrictEqual(flagged(text, rule, fakeDisk({})), []);
  });
});

describe('compose-build-dockerfile-problems', () => {
  const rule = 'compose-build-dockerfile-problems';
  const disk = fakeDisk({ 'api/Dockerfile.prod': 'FROM ubuntu\nRUN apt-get install curl\n', 'ok/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n' });
  it('summarises the Dockerfile\'s problems on the dockerfile key, with related locations', () => {
    const [f] = findings('services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.prod\n  ok:\n    build: ok\n', rule, disk);
    assert.strictEqual(f.text, 'Dockerfile.prod');
    assert.match(f.message, /^The Dockerfile api\/Dockerfile\.prod has \d+ (errors?|warnings?)/);
    const diagnostic = toDiagnostic(f.finding, { docsUri: () => 'x' });
    assert.ok(diagnostic.relatedInformation!.length >= 2);
    assert.ok(diagnostic.relatedInformation!.every((r) => r.location.uri === 'file:///test/' + /\/test\/(\d+)\//.exec(r.location.uri)![1] + '/api/Dockerfile.prod'));
  });
  it('is silent without readFile, and for a clean Dockerfile', () => {
    assert.deepStrictEqual(flagged('services:\n  api:\n    build: {context: api, dockerfile: Dockerfile.prod}\n', rule), []);
    assert.deepStrictEqual(flagged('services:\n  ok:\n    build: ok\n', rule, disk), []);
  });
  it('follows the settings (a rule turned off is not counted)', () => {
    const text = 'services:\n  ok:\n    build: ok\n';
    const warnOnly = fakeDisk({ 'ok/Dockerfile': 'FROM alpine:3.20\nUSER 1000\nMAINTAINER me\n' });
    assert.strictEqual(lintText(text, 'dockercompose', {}, warnOnly).findings.filter((f) => f.rule.id === rule).length, 1);
    assert.strictEqual(lintText(text, 'dockercompose', { rules: { 'maintainer-deprecated': 'off' } }, warnOnly).findings.filter((f) => f.rule.id === rule).length, 0);
  });
});

describe('compose-database-unreachable', () => {
  const rule = 'compose-database-unreachable';
  const stack = (api: string, db: string) => `services:\n  api:\n    image: example/api:1\n${api}  db:\n    image: postgres:16\n${db}`;
  it('flags a dependent or a connection string when no network is shared', () => {
    assert.deepStrictEqual(flagged(stack('    depends_on: [db]\n', '    networks: [back]\n'), rule), ['db']);
    assert.deepStrictEqual(flagged(stack('    environment:\n      - DB=postgresql://u@db/app\n    networks: [front]\n', '    networks: [back]\n'), rule), ['DB=postgresql://u@db/app']);
    assert.deepStrictEqual(flagged(stack('    environment: {DB_HOST: db}\n', '    networks: {back: {}}\n'), rule), ['db']);
  });
  it('is silent when a network is shared, with network_mode, or when the host is only a substring', () => {
    assert.deepStrictEqual(flagged(stack('    depends_on: [db]\n', ''), rule), []);
    assert.deepStrictEqual(flagged(stack('    depends_on: [db]\n    networks: [back, front]\n', '    networks: [back]\n'), rule), []);
    assert.deepStrictEqual(flagged(stack('    depends_on: [db]\n    network_mode: host\n', '    networks: [back]\n'), rule), []);
    assert.deepStrictEqual(flagged(stack('    environment: {URL: "http://mydb:80", NAME: db}\n', '    networks: [back]\n'), rule), []);
  });
});
