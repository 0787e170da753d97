/** What compose rules read: references between definitions, mounts, known databases. */
import * as assert from 'assert';
import { ComposeModel } from '../../server/src/compose/model';
import { mountsOf, referencesOf } from '../../server/src/compose/references';
import { databaseOf, volumeTarget } from '../../server/src/data/databases';
import { docOf } from '../support/lint';

const model = (text: string) => new ComposeModel(docOf(text, 'dockercompose'));

describe('compose references', () => {
  it('collects every kind with the exact range of the name, in short and long forms', () => {
    const m = model(
      'services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n    links: ["cache:redis"]\n    network_mode: "service:vpn"\n    volumes_from: [data:ro, "container:x"]\n    networks:\n      front:\n        aliases: [w]\n    volumes:\n      - logs:/var/log\n      - ./site:/srv\n      - /abs:/abs\n      - type: volume\n        source: "cache"\n        target: /cache\n      - ${VOL}:/v\n    secrets: [token, {source: key}]\n    configs:\n      - source: conf\n    build:\n      context: .\n      secrets: [npmrc]\n',
    );
    const names = (kind: Parameters<typeof referencesOf>[1]) =>
      referencesOf(m, kind).map((r) => m.text.slice(r.span!.start, r.span!.end));
    assert.deepStrictEqual(names('services'), ['api', 'cache', 'vpn', 'data']);
    assert.deepStrictEqual(names('networks'), ['front']);
    assert.deepStrictEqual(names('volumes'), ['logs', 'cache']);
    assert.deepStrictEqual(names('secrets'), ['token', 'key', 'npmrc']);
    assert.deepStrictEqual(names('configs'), ['conf']);
  });
  it('reads mounts: named, bind (relative, absolute, home, Windows), anonymous, long syntax', () => {
    const m = model(
      'services:\n  a:\n    volumes:\n      - data:/d:ro\n      - ./x:/x\n      - ~/y:/y\n      - C:\\z:/z\n      - /anon\n      - {type: bind, source: ., target: /b}\n      - {type: tmpfs, target: /t}\n',
    );
    assert.deepStrictEqual(
      mountsOf(m, m.services[0]).map((x) => [x.type, x.source, x.target]),
      [
        ['volume', 'data', '/d'],
        ['bind', './x', '/x'],
        ['bind', '~/y', '/y'],
        ['bind', 'C:\\z', '/z'],
        ['anonymous', null, '/anon'],
        ['bind', '.', '/b'],
        ['tmpfs', null, '/t'],
      ],
    );
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
