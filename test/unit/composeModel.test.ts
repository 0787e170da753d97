/** The compose model: services and definitions with YAML merge keys, aliases and compose tags resolved. */
import * as assert from 'assert';
import { Alias, isScalar, parseDocument, visit } from 'yaml';
import {
  ComposeModel,
  isInterpolated,
  MAX_MERGED_KEYS,
  resolveAlias,
  scalarText,
} from '../../server/src/compose/model';
import { docOf } from '../support/lint';

const model = (text: string) => new ComposeModel(docOf(text, 'dockercompose'));

describe('compose model', () => {
  it('resolves merge keys (single and list) and aliases; keys written in the service win', () => {
    const m = model(
      'x-base: &base\n  restart: always\n  image: nginx:1\nx-more: &more\n  init: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n  db:\n    <<: [*base, *more]\n    command: *cmd\n',
    );
    const [web, db] = m.services;
    assert.deepStrictEqual(
      [...web.entries].map(([k, e]) => [k, scalarText(e.value), e.merged]),
      [
        ['image', 'nginx:1.27', false],
        ['restart', 'always', true],
      ],
    );
    assert.deepStrictEqual([...db.entries.keys()].sort(), ['command', 'image', 'init', 'restart']);
    assert.ok(
      m.yamlProblems.some((p) => /cmd/.test(p.message)),
      'an unknown alias is a YAML problem, not a crash',
    );
  });

  it('accepts the compose tags !reset and !override without warnings', () => {
    const m = model(
      'services:\n  web:\n    image: nginx:1.27\n    ports: !reset []\n    environment: !override\n      A: "1"\n    command: !reset null\n',
    );
    assert.deepStrictEqual(m.yamlProblems, []);
    assert.deepStrictEqual([...m.services[0].entries.keys()], ['image', 'ports', 'environment', 'command']);
  });

  it('lists top-level definitions', () => {
    const m = model('services: {}\nvolumes:\n  data: {}\n  logs:\nnetworks:\n  back: {driver: bridge}\n');
    assert.deepStrictEqual(
      m.definitions('volumes').map((d) => d.name),
      ['data', 'logs'],
    );
    assert.deepStrictEqual(
      m.definitions('networks').map((d) => [d.name, isScalar(d.key)]),
      [['back', true]],
    );
    assert.deepStrictEqual(m.definitions('secrets'), []);
  });

  it('survives merge cycles and alias bombs without expanding them', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ),
      'services:',
      '  web:',
      '    <<: *j',
      '    image: x:1',
    ].join('\n');
    // Expanding the bomb would take 9^10 nodes: finishing at all (within the test timeout) shows it was not.
    const m = model(bomb);
    assert.strictEqual(m.services[0].name, 'web');
    const cycle = model('services:\n  web: &w\n    <<: *w\n    image: x:1\n');
    assert.strictEqual(cycle.services.length, 1);
  });

  it('knows interpolated values, and that $$ is a literal dollar', () => {
    assert.deepStrictEqual(['${TAG}', '${TAG:-1}', '$TAG', 'a$$b', '$${NOT}', 'plain'].map(isInterpolated), [
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('resolves merge keys that merge the same anchors over and over once per mapping (a merge-key bomb)', () => {
    const lines = ['x-a0: &a0 {k0: 1}'];
    for (let i = 1; i <= 16; i++) lines.push(`x-a${i}: &a${i}\n  <<: [*a${i - 1}, *a${i - 1}, *a${i - 1}]\n  k${i}: 1`);
    lines.push('services:\n  web:\n    image: nginx:1.27\n    <<: *a16\n');
    // 3^16 (43 million) merges without the cache.
    const model = new ComposeModel(docOf(lines.join('\n'), 'dockercompose'));
    const web = model.services[0].entries;
    assert.strictEqual(web.size, 18);
    assert.deepStrictEqual(
      [web.get('k0')?.merged, web.get('k16')?.merged, web.get('image')?.merged],
      [true, true, false],
    );
  });

  it('resolves an alias to the same node as yaml does: the last anchor of that name before it', () => {
    const doc = parseDocument('a: &x 1\nb: *x\nc: &x [2]\nd: *x\ne: *y\nf: {g: &y 3}\n') as Parameters<
      typeof resolveAlias
    >[0];
    const aliases: Alias[] = [];
    visit(doc, { Alias: (_key, alias) => void aliases.push(alias) });
    assert.strictEqual(aliases.length, 3);
    for (const alias of aliases) assert.strictEqual(resolveAlias(doc, alias), alias.resolve(doc));
    assert.deepStrictEqual(
      aliases.map((alias) => JSON.stringify(resolveAlias(doc, alias)?.toJSON())),
      ['1', '[2]', undefined],
    );
  });

  it('stops copying merged keys past the limit, and says where', () => {
    // One anchor of 1,000 keys merged into 101 services: 101,000 copies.
    const anchor = 'x-big: &big\n' + Array.from({ length: 1000 }, (_, i) => `  k${i}: v\n`).join('');
    const services =
      'services:\n' + Array.from({ length: 101 }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    <<: *big\n`).join('');
    const compose = model(anchor + services);
    const sizes = compose.services.map((service) => service.entries.size);
    assert.deepStrictEqual([sizes[0], sizes[99], sizes[100]], [1001, 1001, 1]);
    assert.strictEqual(MAX_MERGED_KEYS, 100_000);
    assert.deepStrictEqual(
      compose.yamlProblems.map((p) => [p.range.start.line, p.range.start.character, p.severity, p.message]),
      [
        [
          1000 + 1 + 1 + 3 * 100 + 2,
          4,
          'warning',
          'Merge keys in this file copy more than 100,000 keys: from here on, merges are not applied, so what they would add is not checked.',
        ],
      ],
    );
  });
});
