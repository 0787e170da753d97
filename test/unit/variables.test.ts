/** The Dockerfile variable helpers: references, expansion, suggestions, image references. */
import * as assert from 'assert';
import {
  expandVariables,
  isValidImageReference,
  MAX_REFERENCE_NESTING,
  suggestName,
  variableReferences,
} from '../../server/src/dockerfile/variables';

describe('variables helpers', () => {
  it('finds references and respects single quotes and the escape character', () => {
    const refs = variableReferences(`a $A "\${B:-$C}" '$D' \\$E \${F}`, 0, '\\');
    assert.deepStrictEqual(
      refs.map((r) => [r.name, r.operator]),
      [
        ['A', null],
        ['B', ':-'],
        ['C', null],
        ['F', null],
      ],
    );
  });
  it('honours a backtick escape character', () => {
    assert.deepStrictEqual(
      variableReferences('`$A $B', 0, '`').map((r) => r.name),
      ['B'],
    );
  });
  it('expands defaults like the shell', () => {
    const values = new Map<string, string | null>([
      ['SET', 'x'],
      ['EMPTY', ''],
      ['UNSET', null],
    ]);
    assert.strictEqual(
      expandVariables('${SET:-d}-${EMPTY:-d}-${EMPTY-d}-${UNSET-d}-${SET:+p}-"$SET"', values, '\\'),
      'x-d--d-p-x',
    );
    assert.strictEqual(expandVariables('${SET#x}', values, '\\'), null);
  });

  it('lists nested references to a bounded depth, so hostile nesting costs linear time', () => {
    const depth = 50000;
    const text = '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth);
    const refs = variableReferences(text, 0, '\\');
    assert.strictEqual(refs.length, MAX_REFERENCE_NESTING + 1);
    assert.deepStrictEqual([refs[0].start, refs[0].end], [0, text.length]);
    // Too deep to evaluate: no value rather than a wrong one.
    assert.strictEqual(expandVariables(text, new Map([['A', 'set']]), '\\'), null);
    const shallow = '${A:-${B:-${C:-deep}}}';
    assert.strictEqual(expandVariables(shallow, new Map(), '\\'), 'deep');
  });
  it('suggests like BuildKit: distance of at most 2, no suggestion for an exact match', () => {
    assert.strictEqual(suggestName('PAHT', ['HOME', 'PATH']), 'PATH');
    assert.strictEqual(suggestName('VERSION', ['VERSION', 'VERSIONS']), null);
    assert.strictEqual(suggestName('FOO', ['BARBAZ']), null);
  });
  it('validates image references', () => {
    for (const ref of [
      'alpine',
      'alpine:3.20',
      'ghcr.io/org/app:1.0',
      'localhost:5000/app',
      'Registry.Example.com/app',
      `app@sha256:${'a'.repeat(64)}`,
    ])
      assert.ok(isValidImageReference(ref), ref);
    for (const ref of ['', 'alpine:', 'Alpine', 'app:tag with space', ':3.20'])
      assert.ok(!isValidImageReference(ref), ref);
  });
});
