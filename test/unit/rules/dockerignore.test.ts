/** Rules for `.dockerignore` files, and the engine's third language. */
import * as assert from 'assert';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol';
import { DockerignoreModel } from '../../../server/src/dockerignore/model';
import { DockerCoachService } from '../../../server/src/service/languageService';
import { applyEdits, docOf, lintText } from '../../support/lint';

function flagged(text: string, rule: string): string[] {
  const doc = docOf(text, 'dockerignore');
  return lintText(text, 'dockerignore').findings.filter((f) => f.rule.id === rule).map((f) => doc.getText(f.range));
}

describe('dockerignore model', () => {
  it('reads patterns as Docker does: trimmed, comments and blank lines skipped, ! for exceptions', () => {
    const model = new DockerignoreModel('# comment\n\n  node_modules  \r\n!keep.txt\n/build/\n');
    assert.deepStrictEqual(model.patterns.map((p) => [p.line, p.exception, p.text]), [[2, false, 'node_modules'], [3, true, 'keep.txt'], [4, false, '/build/']]);
    assert.strictEqual(model.document.getText(model.patterns[1].range), '!keep.txt');
  });
  it('matches like Docker: root-anchored names, parents, leading slash stripped, case-sensitive, last match wins', () => {
    const model = new DockerignoreModel('node_modules\n/build/\n*.md\n!README.md\n');
    assert.ok(model.ignores('node_modules/a/b.js'));
    assert.ok(!model.ignores('app/node_modules'));
    assert.ok(model.ignores('build/out.js'));
    assert.ok(model.ignores('NOTES.md') && !model.ignores('README.md') && !model.ignores('docs/x.md'));
    assert.ok(!new DockerignoreModel('Build\n').ignores('build'));
  });
});

describe('dockerignore-exception-overridden', () => {
  const rule = 'dockerignore-exception-overridden';
  it('flags an exception that a later line excludes again, naming that line', () => {
    assert.deepStrictEqual(flagged('!README.md\n*.md\n', rule), ['!README.md']);
    assert.deepStrictEqual(flagged('*.md\n!README.md\ndocs\n*.md\n', rule), ['!README.md']);
    assert.deepStrictEqual(flagged('!src/main.go\nsrc\n', rule), ['!src/main.go']);
    const [finding] = lintText('!keep\n# all of it\n*\n', 'dockerignore').findings;
    assert.match(finding.message, /line 3 \("\*"\)/);
  });
  it('flags wildcard exceptions only when the same pattern or a catch-all follows', () => {
    assert.deepStrictEqual(flagged('!*.go\n**\n', rule), ['!*.go']);
    assert.deepStrictEqual(flagged('!*.go\n*.go\n', rule), ['!*.go']);
    assert.deepStrictEqual(flagged('!*.go\nvendor\n', rule), []);
    assert.deepStrictEqual(flagged('!*.go\n*\n!main.go\n', rule), []);
  });
  it('accepts exceptions after their pattern, and later lines that do not touch them', () => {
    for (const text of ['*.md\n!README.md\n', '*\n!src\n!package.json\n', '!README.md\ndocs/*.md\n', 'docs\n!docs/index.md\n*.tmp\n', '!keep\n']) {
      assert.deepStrictEqual(flagged(text, rule), [], text);
    }
  });
});

describe('dockerignore-backslash', () => {
  const rule = 'dockerignore-backslash';
  it('flags each backslash used as a separator, with a safe fix', () => {
    const text = 'src\\build\\out\n';
    assert.deepStrictEqual(flagged(text, rule), ['\\', '\\']);
    const finding = lintText(text, 'dockerignore').findings[0];
    const [fix] = finding.fixes!();
    assert.ok(fix.safe);
    assert.strictEqual(applyEdits(text, fix.edits), 'src/build\\out\n');
  });
  it('also in exceptions and after wildcards', () => {
    assert.deepStrictEqual(flagged('*\n!dist\\app.js\n**\\obj\n', rule), ['\\', '\\']);
  });
  it('leaves escapes of special characters and comments alone', () => {
    assert.deepStrictEqual(flagged('\\#notes\nfile\\*\n# a\\b comment\n', rule), []);
  });
});

describe('the engine with .dockerignore documents', () => {
  it('runs only .dockerignore rules on them', () => {
    const result = lintText('FROM alpine\n!x\n*\n', 'dockerignore');
    assert.deepStrictEqual(result.findings.map((f) => f.rule.id), ['dockerignore-exception-overridden']);
  });
  it('honours suppression comments', () => {
    assert.deepStrictEqual(lintText('# docker-coach ignore=dockerignore-exception-overridden\n!x\n*\n', 'dockerignore').findings, []);
  });
  it('fixes all safe problems and gives no hover', () => {
    const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
    const doc = docOf('a\\b\nc\\d\n', 'dockerignore');
    const edits = service.fixAll(doc, DEFAULT_SETTINGS);
    assert.strictEqual(applyEdits(doc.getText(), edits), 'a/b\nc/d\n');
    assert.strictEqual(service.hover(doc, { line: 0, character: 0 }), null);
  });
});
