/** The compose entry views the rules share: ports, volumes, environment. */
import * as assert from 'assert';
import { ComposeModel } from '../../server/src/compose/model';
import {
  environmentVariables,
  parsePortSpec,
  portMappings,
  splitVolumeSpec,
  volumeMounts,
} from '../../server/src/compose/entries';
import { docOf } from '../support/lint';

const modelOf = (text: string) => new ComposeModel(docOf(text, 'dockercompose'));

describe('compose entries', () => {
  it('parses every short port form', () => {
    assert.deepStrictEqual(parsePortSpec('80'), {
      hostIp: null,
      published: null,
      target: { from: 80, to: 80 },
      protocol: 'tcp',
    });
    assert.deepStrictEqual(parsePortSpec('8080:80'), {
      hostIp: null,
      published: { from: 8080, to: 8080 },
      target: { from: 80, to: 80 },
      protocol: 'tcp',
    });
    assert.deepStrictEqual(parsePortSpec('127.0.0.1:8080:80/UDP'), {
      hostIp: '127.0.0.1',
      published: { from: 8080, to: 8080 },
      target: { from: 80, to: 80 },
      protocol: 'udp',
    });
    assert.deepStrictEqual(parsePortSpec('[::1]:8080:80')?.hostIp, '::1');
    assert.deepStrictEqual(parsePortSpec('127.0.0.1::80')?.published, null);
    assert.deepStrictEqual(parsePortSpec('8000-8010:8000-8010')?.published, { from: 8000, to: 8010 });
    assert.deepStrictEqual(parsePortSpec('::1:8080:80')?.hostIp, '::1');
    assert.strictEqual(parsePortSpec('web:80'), null);
    assert.strictEqual(parsePortSpec('9000-8000:80'), null);
  });
  it('reads the long port syntax and marks interpolated ports', () => {
    const model = modelOf(
      'services:\n  a:\n    ports:\n      - target: 80\n        published: "8000-8001"\n        host_ip: 10.0.0.1\n        protocol: udp\n      - ${PORT}:80\n      - target: 81\n',
    );
    const [long, env, bare] = portMappings(model.services[0]);
    assert.deepStrictEqual(
      [long.syntax, long.hostIp, long.published, long.protocol, long.interpolated],
      ['long', '10.0.0.1', { from: 8000, to: 8001 }, 'udp', false],
    );
    assert.ok(env.interpolated);
    assert.deepStrictEqual([bare.published, bare.text], [null, '81']);
  });
  it('reads short and long volumes, keeping Windows drive letters', () => {
    assert.deepStrictEqual(splitVolumeSpec('C:\\data:/data:ro'), ['C:\\data', '/data', 'ro']);
    const model = modelOf(
      'services:\n  a:\n    volumes:\n      - data:/var/lib/data\n      - ./src:/src:ro,z\n      - /cache\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n',
    );
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
    const text =
      'services:\n  a:\n    environment:\n      - "A=1"\n      - B\n  b:\n    environment:\n      C: \'x\'\n      D:\n';
    const model = modelOf(text);
    const list = environmentVariables(model, model.services[0]);
    assert.deepStrictEqual(
      list.map((v) => [v.name, v.value]),
      [
        ['A', '1'],
        ['B', null],
      ],
    );
    assert.strictEqual(text.slice(list[0].valueSpan!.start, list[0].valueSpan!.end), '1');
    const map = environmentVariables(model, model.services[1]);
    assert.deepStrictEqual(
      map.map((v) => [v.name, v.value]),
      [
        ['C', 'x'],
        ['D', null],
      ],
    );
    assert.strictEqual(text.slice(map[0].valueSpan!.start, map[0].valueSpan!.end), 'x');
  });
});
