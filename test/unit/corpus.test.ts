/**
 * The fixture corpus: realistic Dockerfiles in `test/fixtures/corpus`.
 * `good/` files follow every best practice, so any finding there is a false
 * positive. `mixed/` files carry everyday mistakes; there every rule must run
 * without crashing and report ranges that exist in the document.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readText } from '../../server/src/cli/cli';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { lint, LintResult } from '../../server/src/engine/lint';
import { docOf } from '../support/lint';

const root = path.resolve(__dirname, '../../..');
const corpus = path.join(root, 'test/fixtures/corpus');

function filesIn(folder: string): string[] {
  return fs
    .readdirSync(path.join(corpus, folder))
    .sort()
    .map((name) => path.join(corpus, folder, name));
}

/** Lints a file the way the CLI reads it: bytes, BOM and CRLF included. */
function lintFile(file: string): LintResult {
  return lint(docOf(readText(file)), DEFAULT_SETTINGS);
}

function describeFindings(result: LintResult): string {
  return result.findings
    .map((f) => `  ${f.rule.id} at ${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`)
    .join('\n');
}

describe('fixture corpus', () => {
  it('has good and mixed Dockerfiles, some with CRLF line endings', () => {
    const good = filesIn('good');
    const mixed = filesIn('mixed');
    assert.ok(good.length >= 10 && mixed.length >= 10, `${good.length} good, ${mixed.length} mixed`);
    const crlf = [...good, ...mixed].filter((f) => fs.readFileSync(f).includes('\r\n'));
    assert.ok(
      crlf.some((f) => f.includes(`${path.sep}good${path.sep}`)) &&
        crlf.some((f) => f.includes(`${path.sep}mixed${path.sep}`)),
    );
  });

  describe('good files lint clean', () => {
    for (const file of filesIn('good')) {
      it(path.basename(file), () => {
        const result = lintFile(file);
        assert.deepStrictEqual(
          result.notices.map((n) => n.message),
          [],
          'notices',
        );
        assert.strictEqual(
          result.findings.length,
          0,
          `unexpected findings in ${path.basename(file)}:\n${describeFindings(result)}`,
        );
      });
    }
  });

  describe('mixed files: no rule crashes, every range lies in the document', () => {
    for (const file of filesIn('mixed')) {
      it(path.basename(file), () => {
        const result = lintFile(file);
        assert.deepStrictEqual(
          result.notices.map((n) => n.message),
          [],
          'notices',
        );
        assert.ok(result.findings.length > 0, `${path.basename(file)} is meant to show mistakes`);
        const document = result.document;
        const lines = document.getText().split(/\r?\n/);
        for (const finding of result.findings) {
          const { start, end } = finding.range;
          const where = `${finding.rule.id} ${JSON.stringify(finding.range)}`;
          assert.ok(
            start.line >= 0 && start.line < lines.length && end.line < lines.length,
            `${where}: line outside the document`,
          );
          assert.ok(
            start.character >= 0 && start.character <= lines[start.line].length,
            `${where}: start past the end of its line`,
          );
          assert.ok(
            end.character >= 0 && end.character <= lines[end.line].length,
            `${where}: end past the end of its line`,
          );
          assert.ok(document.offsetAt(start) <= document.offsetAt(end), `${where}: range ends before it starts`);
        }
      });
    }
  });
});
