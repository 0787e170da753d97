/** port-all-interfaces: data stores, brokers, Docker management and debuggers published on every interface. */
import * as assert from 'assert';
import { DockerCoachSettings } from '../../../server/src/protocol';
import { findingsOf, fixedBy, flaggedBy, lintText } from '../../support/lint';

const rule = 'port-all-interfaces';

const flagged = (text: string, settings: Partial<DockerCoachSettings> = {}) => flaggedBy(rule, text, { settings });

const messages = (text: string) => findingsOf(rule, text).map((f) => f.message);

const fixed = (text: string) => fixedBy(rule, text);

const service = (image: string, body: string): string => `services:\n  app:\n    image: ${image}\n${body}`;

describe('port-all-interfaces', () => {
  it('flags every port of a data store image: short, bare, ranges, long; explicit addresses and variables are fine', () => {
    const text = service(
      'postgres:16',
      '    ports:\n      - "15432:5432"\n      - 9000\n      - "8000-8010:8000-8010/udp"\n      - "127.0.0.1:5433:5432"\n      - "[::1]:6000:6000"\n      - "0.0.0.0:5434:5432"\n      - "${PORT}:5432"\n      - target: 81\n        host_ip: 127.0.0.1\n      - target: 82\n',
    );
    assert.deepStrictEqual(flagged(text), ['"15432:5432"', '9000', '"8000-8010:8000-8010/udp"', 'target: 82']);
    assert.strictEqual(
      fixed(service('redis:7.4', '    ports:\n      - 6379\n')),
      service('redis:7.4', '    ports:\n      - "127.0.0.1::6379"\n'),
    );
    assert.strictEqual(
      fixed(service('redis:7.4', "    ports: ['6379:6379']\n")),
      service('redis:7.4', "    ports: ['127.0.0.1:6379:6379']\n"),
    );
    const finding = lintText(service('mysql:8.4', '    ports:\n      - "3306:3306"\n'), 'dockercompose').findings.find(
      (f) => f.rule.id === rule,
    )!;
    assert.strictEqual(finding.fixes!()[0].safe, false);
  });

  it('leaves web servers and application ports alone (publishing them is the point)', () => {
    for (const [image, ports] of [
      ['nginx:1.27', '"80:80"\n      - "443:443"'],
      ['example/app:1.0', '"8080:80"\n      - "3000:3000"\n      - 8000\n      - "6005-6015:80"'],
      ['grafana/grafana:11.2.0', '"3000:3000"'],
      ['dpage/pgadmin4:8.12', '"5050:80"'],
    ]) {
      assert.deepStrictEqual(flagged(service(image, `    ports:\n      - ${ports}\n`)), [], image);
    }
  });

  it('knows images by registry and repository, with or without library/ and docker.io', () => {
    const ports = '    ports:\n      - "8081:8081"\n';
    for (const image of [
      'docker.io/library/postgres:16',
      'bitnami/postgresql:16',
      'docker.redpanda.com/redpandadata/redpanda:v24.2.4',
      'portainer/portainer-ce:2.21.2',
      'rabbitmq:3.13-management',
    ]) {
      assert.deepStrictEqual(flagged(service(image, ports)), ['"8081:8081"'], image);
    }
    // The same repository name on another registry is someone else's image.
    assert.deepStrictEqual(flagged(service('ghcr.io/example/rabbitmq:1.0', ports)), []);
    assert.deepStrictEqual(messages(service('memcached:1.6', '    ports:\n      - "11212:11211"\n')), [
      'Port "11212:11211" of cache service "app" is published on every interface of the host, past its firewall: bind it to an address, e.g. "127.0.0.1:11212:11211", unless other machines must reach it.',
    ]);
  });

  it('flags well-known database and debugger container ports of other images, by the container port', () => {
    const text =
      'services:\n  api:\n    build: .\n    ports:\n      - "80:80"\n      - "9229:9229"\n      - "9230:9230"\n      - "15432:5432"\n      - "5432:8080"\n      - "2370-2380:2370-2380"\n      - "1-65535:1-65535"\n';
    assert.deepStrictEqual(flagged(text), ['"9229:9229"', '"15432:5432"', '"2370-2380:2370-2380"']);
    assert.deepStrictEqual(messages('services:\n  api:\n    build: .\n    ports:\n      - "9229:9229"\n'), [
      'Port "9229:9229" of service "api" is published on every interface of the host, past its firewall, and container port 9229 is usually the Node.js inspector: bind it to an address, e.g. "127.0.0.1:9229:9229", unless other machines must reach it.',
    ]);
    // An interpolated image is not known: its ports are judged by number.
    assert.deepStrictEqual(
      flagged('services:\n  db:\n    image: ${DB_IMAGE}\n    ports:\n      - "8080:8080"\n      - "3306:3306"\n'),
      ['"3306:3306"'],
    );
  });

  it('a setting naming the dclint or compose-lint id controls the rule', () => {
    const text = service('redis:7.4', '    ports:\n      - "6379:6379"\n');
    assert.deepStrictEqual(flagged(text), ['"6379:6379"']);
    assert.deepStrictEqual(flagged(text, { rules: { 'no-unbound-port-interfaces': 'off' } }), []);
    assert.deepStrictEqual(flagged(text, { rules: { 'CL-0005': 'off' } }), []);
  });

  it("points at the long syntax's published port, or its target when the host port is ephemeral", () => {
    const text = service(
      'redis:7.4',
      '    ports:\n      - protocol: tcp\n        target: 6379\n        published: "16379"\n      - target: 6380\n        protocol: tcp\n',
    );
    assert.deepStrictEqual(
      findingsOf(rule, text).map((f) => [f.range.start.line, f.range.start.character, f.text]),
      [
        [6, 8, 'published: "16379"'],
        [7, 8, 'target: 6380'],
      ],
    );
  });
});
