/** Edge cases of the BuildKit build-check rules and the shared variable helpers. */
import * as assert from 'assert';
import { expandVariables, isValidImageReference, MAX_REFERENCE_NESTING, suggestName, variableReferences } from '../../../server/src/dockerfile/variables';
import { applyEdits, lintText } from '../../support/lint';

/** The findings of one rule: message and the text its range covers. */
function findings(text: string, rule: string, settings = {}): { message: string; text: string }[] {
  const result = lintText(text, 'dockerfile', settings);
  return result.findings
    .filter((f) => f.rule.id === rule)
    .map((f) => ({ message: f.message, text: result.document.getText(f.range) }));
}

function firstFix(text: string, rule: string, settings = {}): string | null {
  const finding = lintText(text, 'dockerfile', settings).findings.find((f) => f.rule.id === rule);
  const fix = finding?.fixes?.()[0];
  return fix ? applyEdits(text, fix.edits) : null;
}

describe('variables helpers', () => {
  it('finds references and respects single quotes and the escape character', () => {
    const refs = variableReferences(`a $A "\${B:-$C}" '$D' \\$E \${F}`, 0, '\\');
    assert.deepStrictEqual(refs.map((r) => [r.name, r.operator]), [['A', null], ['B', ':-'], ['C', null], ['F', null]]);
  });
  it('honours a backtick escape character', () => {
    assert.deepStrictEqual(variableReferences('`$A $B', 0, '`').map((r) => r.name), ['B']);
  });
  it('expands defaults like the shell', () => {
    const values = new Map<string, string | null>([['SET', 'x'], ['EMPTY', ''], ['UNSET', null]]);
    assert.strictEqual(expandVariables('${SET:-d}-${EMPTY:-d}-${EMPTY-d}-${UNSET-d}-${SET:+p}-"$SET"', values, '\\'), 'x-d--d-p-x');
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
    for (const ref of ['alpine', 'alpine:3.20', 'ghcr.io/org/app:1.0', 'localhost:5000/app', 'Registry.Example.com/app', `app@sha256:${'a'.repeat(64)}`]) assert.ok(isValidImageReference(ref), ref);
    for (const ref of ['', 'alpine:', 'Alpine', 'app:tag with space', ':3.20']) assert.ok(!isValidImageReference(ref), ref);
  });
});

describe('stage-name-casing', () => {
  it('renames the stage and every reference, whatever their case', () => {
    const text = 'FROM golang:1.22 AS Build\nFROM build AS test\nRUN --mount=type=bind,from=BUILD,target=/src go version\nFROM alpine:3.20\nCOPY --chown=1000 --from=Build /a /a\nUSER nobody\n';
    assert.deepStrictEqual(findings(text, 'stage-name-casing').map((f) => f.text), ['Build']);
    assert.strictEqual(
      firstFix(text, 'stage-name-casing'),
      'FROM golang:1.22 AS build\nFROM build AS test\nRUN --mount=type=bind,from=build,target=/src go version\nFROM alpine:3.20\nCOPY --chown=1000 --from=build /a /a\nUSER nobody\n',
    );
  });
});

describe('consistent-instruction-casing', () => {
  it('follows the majority and breaks ties toward upper case', () => {
    assert.deepStrictEqual(findings('from alpine:3.20\nrun true\nUSER nobody\n', 'consistent-instruction-casing').map((f) => f.text), ['USER']);
    assert.deepStrictEqual(findings('from alpine:3.20\nUSER nobody\n', 'consistent-instruction-casing').map((f) => f.text), ['from']);
  });
  it('does not count lines that are not instructions (a forgotten backslash)', () => {
    assert.deepStrictEqual(findings('FROM alpine:3.20\nRUN true\n&& a\n&& b\n&& c\nUSER nobody\n', 'consistent-instruction-casing'), []);
  });
  it('recases AS with FROM', () => {
    assert.strictEqual(firstFix('from alpine:3.20\nFROM alpine:3.20 AS base\nrun true\nuser nobody\n', 'consistent-instruction-casing'), 'from alpine:3.20\nfrom alpine:3.20 as base\nrun true\nuser nobody\n');
  });
  it('always flags mixed-case keywords', () => {
    assert.deepStrictEqual(findings('FROM alpine:3.20\nUser nobody\n', 'consistent-instruction-casing').map((f) => f.text), ['User']);
  });
});

describe('reserved-stage-name', () => {
  it('flags scratch and context in any case, not other names', () => {
    assert.strictEqual(findings('FROM alpine:3.20 AS Context\nUSER nobody\n', 'reserved-stage-name').length, 1);
    assert.strictEqual(findings('FROM alpine:3.20 AS scratchpad\nUSER nobody\n', 'reserved-stage-name').length, 0);
  });
});

describe('undefined-arg-in-from', () => {
  it('knows global ARGs and the platform arguments, in the image and in --platform', () => {
    const text = 'ARG BASE=alpine\nFROM --platform=$BUILDPLATFORM ${BASE}:3.20 AS build\nFROM --platform=$TARGETPLATFROM $BASE:3.20\nUSER nobody\n';
    assert.deepStrictEqual(findings(text, 'undefined-arg-in-from').map((f) => f.text), ['TARGETPLATFROM']);
    assert.match(findings(text, 'undefined-arg-in-from')[0].message, /did you mean \$TARGETPLATFORM\?/);
  });
  it('counts an ARG declared without a value as declared', () => {
    assert.deepStrictEqual(findings('ARG TAG\nFROM alpine:3.20${TAG}\nUSER nobody\n', 'undefined-arg-in-from'), []);
  });
});

describe('invalid-default-arg-in-from', () => {
  it('evaluates ${VAR:-default} and chained defaults', () => {
    assert.deepStrictEqual(findings('ARG TAG\nFROM alpine:${TAG:-3.20}\nUSER nobody\n', 'invalid-default-arg-in-from'), []);
    assert.deepStrictEqual(findings('ARG V=3.20\nARG TAG=$V\nFROM alpine:${TAG}\nUSER nobody\n', 'invalid-default-arg-in-from'), []);
    assert.strictEqual(findings('ARG IMAGE=Alpine\nFROM ${IMAGE}\nUSER nobody\n', 'invalid-default-arg-in-from').length, 1);
  });
  it('accepts a default that names a stage', () => {
    assert.deepStrictEqual(findings('ARG BASE=Build\nFROM alpine:3.20 AS build\nFROM ${BASE}\nUSER nobody\n', 'invalid-default-arg-in-from'), []);
  });
});

describe('platform flags', () => {
  it('redundant-target-platform accepts braces and quotes, not other values', () => {
    assert.strictEqual(findings('FROM --platform="${TARGETPLATFORM}" alpine:3.20\nUSER nobody\n', 'redundant-target-platform').length, 1);
    assert.deepStrictEqual(findings('FROM --platform=$BUILDPLATFORM alpine:3.20\nUSER nobody\n', 'redundant-target-platform'), []);
    assert.deepStrictEqual(findings('ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\nUSER nobody\n', 'redundant-target-platform'), []);
  });
  it('from-platform-flag-const allows stage names that name the OS or architecture (aliases normalised)', () => {
    assert.deepStrictEqual(findings('FROM --platform=linux/x86_64 alpine:3.20 AS build-amd64\nUSER nobody\n', 'from-platform-flag-const'), []);
    assert.deepStrictEqual(findings('FROM --platform=windows/amd64 alpine:3.20 AS windows-base\nUSER nobody\n', 'from-platform-flag-const'), []);
    assert.strictEqual(findings('FROM --platform=linux/arm64 alpine:3.20 AS build\nUSER nobody\n', 'from-platform-flag-const').length, 1);
    assert.deepStrictEqual(findings('ARG P=linux/arm64\nFROM --platform=$P alpine:3.20\nUSER nobody\n', 'from-platform-flag-const'), []);
  });
  it('from-platform-flag (DL3029) is off by default and, when on, flags variables too', () => {
    const text = 'FROM --platform=$BUILDPLATFORM alpine:3.20\nUSER nobody\n';
    assert.deepStrictEqual(findings(text, 'from-platform-flag'), []);
    assert.strictEqual(findings(text, 'from-platform-flag', { rules: { DL3029: 'warning' } }).length, 1);
  });
});

describe('invalid-definition-description', () => {
  const on = { rules: { InvalidDefinitionDescription: 'warning' as const } };
  it('is off by default', () => {
    assert.deepStrictEqual(findings('# a comment\nFROM alpine:3.20 AS base\nUSER nobody\n', 'invalid-definition-description'), []);
  });
  it('reads the comment line right above, as BuildKit does; ignores parser directives and unnamed FROMs', () => {
    assert.deepStrictEqual(findings('# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS base\nUSER nobody\n', 'invalid-definition-description', on), []);
    assert.deepStrictEqual(findings('# some notes\n# base is the runtime\nFROM alpine:3.20 AS base\nUSER nobody\n', 'invalid-definition-description', on), []);
    assert.deepStrictEqual(findings('# some notes\nFROM alpine:3.20\nUSER nobody\n', 'invalid-definition-description', on), []);
    assert.deepStrictEqual(findings('# an unrelated note\n#\nARG VERSION=1\nFROM alpine:3.20\nUSER nobody\n', 'invalid-definition-description', on), []);
    assert.deepStrictEqual(findings('# base is the runtime\n# pinned\nFROM alpine:3.20 AS base\nUSER nobody\n', 'invalid-definition-description', on), [
      { message: 'The comment above this FROM becomes the description of "base": start it with "base ", or put an empty line between them.', text: 'FROM alpine:3.20 AS base' },
    ]);
  });
  it('compares with the stage name in lower case, and with any name of an ARG that declares several', () => {
    assert.strictEqual(findings('# Base is the runtime\nFROM alpine:3.20 AS base\nUSER nobody\n', 'invalid-definition-description', on).length, 1);
    assert.deepStrictEqual(findings('# app is the runtime\nFROM alpine:3.20 AS App\nUSER nobody\n', 'invalid-definition-description', on), []);
    assert.deepStrictEqual(findings('FROM alpine:3.20\n# B sets the second\nARG A=1 B=2\nUSER nobody\n', 'invalid-definition-description', on), []);
    assert.deepStrictEqual(findings('FROM alpine:3.20\n# versions\nARG A=1 B=2\nUSER nobody\n', 'invalid-definition-description', on), [
      { message: 'The comment above this ARG becomes the description of its arguments (A, B): start it with one of these names and a space, or put an empty line between them.', text: 'ARG A=1 B=2' },
    ]);
  });
});
