import * as assert from 'assert';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol';
import { fixAllText } from '../../../server/src/engine/fixes';
import { applyEdits, docOf, findingsOf, lintText, proposalsOf, ruleIds } from '../../support/lint';
import { baselineOf, checkProposal, formatFailure } from '../../support/soundness';

const firstFix = (text: string, rule: string) => proposalsOf(rule, text);

const findings = (text: string) => findingsOf('apt-get-clean-lists', text);

describe('apt-get-clean-lists', () => {
  it('takes a cache mount on /var/lib/apt, which holds the lists, as keeping them out of the layer', () => {
    for (const target of ['/var/lib/apt', '/var/lib/apt/', '/var/lib/apt/lists']) {
      const text = `FROM debian:12-slim\nRUN --mount=type=cache,target=${target},sharing=locked apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12\nUSER nobody\n`;
      assert.deepStrictEqual(findings(text), [], target);
    }
    assert.strictEqual(
      findings(
        'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12\nUSER nobody\n',
      ).length,
      1,
    );
  });

  it('checks ONBUILD triggers, in any stage, with the fix appended inside the trigger', () => {
    const text =
      'FROM debian:12-slim AS base\nONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl\nFROM alpine:3.20\nUSER nobody\n';
    const [finding] = findings(text);
    assert.deepStrictEqual(finding.range, { start: { line: 1, character: 38 }, end: { line: 1, character: 45 } });
    assert.strictEqual(
      fixAllText(docOf(text), DEFAULT_SETTINGS, 'apt-get-clean-lists').text,
      'FROM debian:12-slim AS base\nONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nFROM alpine:3.20\nUSER nobody\n',
    );
    // A trigger starts from its stage's image: an update there is in an earlier layer.
    const [earlier] = findings(
      'FROM debian:12-slim\nRUN apt-get update\nONBUILD RUN apt-get install -y --no-install-recommends curl\nUSER nobody\n',
    );
    assert.match(earlier.message, /on line 2/);
  });

  it('checks the RUNs of a file part without FROM', () => {
    assert.strictEqual(findings('RUN apt-get update && apt-get install -y --no-install-recommends curl\n').length, 1);
  });

  it('says the lists fetched in the RUN stay in its layer, and appends the cleanup', () => {
    const text =
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12\nUSER nobody\n';
    assert.deepStrictEqual(
      findings(text).map((f) => f.message),
      [
        'The package lists fetched by "apt-get update" stay in this layer: add "rm -rf /var/lib/apt/lists/*" to the same RUN.',
      ],
    );
  });

  it('takes apt-get dist-clean (APT 2.7+) as the cleanup, so --fix adds no second one', () => {
    for (const clean of ['apt-get dist-clean', 'apt-get distclean', 'apt dist-clean', 'sudo apt-get -q dist-clean']) {
      const text = `FROM debian:13-slim\nRUN apt-get update; apt-get install -y --no-install-recommends curl=8.14.1-2; ${clean}\nUSER nobody\n`;
      assert.deepStrictEqual(findings(text), [], clean);
      assert.strictEqual(fixAllText(docOf(text), DEFAULT_SETTINGS, 'apt-get-clean-lists').text, text, clean);
    }
    // A simulated dist-clean removes nothing.
    assert.strictEqual(
      findings(
        'FROM debian:13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.14.1-2 && apt-get -s dist-clean\nUSER nobody\n',
      ).length,
      1,
    );
  });

  it('says where the lists come from when an earlier RUN fetched them, and offers no fix that would not shrink the image', () => {
    const text =
      'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12\nUSER nobody\n';
    const [finding] = findings(text);
    assert.strictEqual(
      finding.message,
      'The package lists this install reads were fetched by the "apt-get update" on line 2, so they are in an earlier layer and removing them here would not shrink the image: run "apt-get update" in this RUN and end it with "rm -rf /var/lib/apt/lists/*".',
    );
    assert.deepStrictEqual(finding.fixes?.() ?? [], []);
    // Also through the stage a stage is built FROM.
    const staged =
      'FROM debian:12-slim AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12\nUSER nobody\n';
    assert.match(findings(staged)[0].message, /"apt-get update" on line 2, so they are in an earlier layer/);
  });

  it('does not talk about fetched lists when no apt-get update runs before the install', () => {
    const expected =
      'No "apt-get update" runs in this RUN or before it, so the package lists come from the base image or from a script in this RUN: if this RUN fetches them, end it with "rm -rf /var/lib/apt/lists/*" to keep them out of its layer.';
    const script =
      'FROM debian:12-slim\nRUN curl -fsSL https://example.com/setup.sh | bash - && apt-get install -y --no-install-recommends nodejs=20.14.0-1nodesource1\nUSER nobody\n';
    assert.deepStrictEqual(
      findings(script).map((f) => f.message),
      [expected],
    );
    // An earlier RUN that removed its lists leaves none behind.
    const cleaned =
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311 && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y --no-install-recommends ./app.deb\nUSER nobody\n';
    assert.deepStrictEqual(
      findings(cleaned).map((f) => f.message),
      [expected],
    );
  });

  it('does not append after a heredoc that ends the RUN (it would break the terminator)', () => {
    const text =
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && cat > /etc/app.conf <<EOF\nkey=1\nEOF\nUSER nobody\n';
    assert.deepStrictEqual(firstFix(text, 'apt-get-clean-lists'), []);
  });

  // Fuzz seed 7: a file cut off after a continuation. BuildKit drops the dangling escape character; the fix
  // used to append after it, which made it an escaped space (a new argument) and left the finding.
  it('appends before an escape character left dangling at the end of the file', () => {
    const text =
      'FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      wget=1.21.3-1+b2 \\';
    const [fix] = firstFix(text, 'apt-get-clean-lists');
    assert.ok(fix.safe);
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(
      fixed,
      'FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      wget=1.21.3-1+b2 \\\n      && rm -rf /var/lib/apt/lists/* \\',
    );
    assert.ok(!ruleIds(lintText(fixed)).includes('apt-get-clean-lists'));
    const baseline = baselineOf({ name: 'dangling escape', text, language: 'dockerfile' });
    const finding = baseline.result.findings.find((f) => f.rule.id === 'apt-get-clean-lists')!;
    assert.deepStrictEqual(
      checkProposal(baseline, finding, fix).map((f) => formatFailure(f)),
      [],
    );
  });

  it('appends before a dangling escape character on a one-line RUN, also after an empty continuation line', () => {
    const oneLine =
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends wget=1.21.3-1+b2 \\';
    assert.strictEqual(
      applyEdits(oneLine, firstFix(oneLine, 'apt-get-clean-lists')[0].edits),
      oneLine.slice(0, -2) + ' && rm -rf /var/lib/apt/lists/* \\',
    );
    const emptyLine =
      'FROM debian:12-slim\nRUN apt-get update \\\n\n && apt-get install -y --no-install-recommends wget=1.21.3-1+b2 \\';
    const fixed = applyEdits(emptyLine, firstFix(emptyLine, 'apt-get-clean-lists')[0].edits);
    assert.strictEqual(fixed, emptyLine.slice(0, -2) + ' \\\n && rm -rf /var/lib/apt/lists/* \\');
    assert.ok(!ruleIds(lintText(fixed)).includes('apt-get-clean-lists'));
  });

  it('offers no fix when the RUN ends in an escape character it cannot append before', () => {
    for (const end of [' && \\', ' \\\\']) {
      const text = `FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends wget=1.21.3-1+b2${end}`;
      assert.deepStrictEqual(firstFix(text, 'apt-get-clean-lists'), [], end);
    }
  });
});
