/** Bad input never crashes the service: a diagnostic or nothing. */
import * as assert from 'assert';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DockerCoachService } from '../../server/src/service/languageService';
import { BAD_INPUTS } from '../support/badInputs';
import { docOf } from '../support/lint';

const service = new DockerCoachService({ docsBaseUri: 'file:///d' });

function everything(text: string, language: 'dockerfile' | 'dockercompose' = 'dockerfile') {
  const document = docOf(text, language);
  const diagnostics = service.diagnostics(document, DEFAULT_SETTINGS);
  for (let line = 0; line < Math.min(document.lineCount, 50); line++) {
    service.hover(document, { line, character: 1 });
    service.codeActions(document, { diagnostics }, DEFAULT_SETTINGS);
    for (const position of [
      { line, character: 1 },
      document.positionAt(document.offsetAt({ line: line + 1, character: 0 }) - 1),
    ]) {
      service.completion(document, position);
      service.definition(document, position);
      service.references(document, position, true);
      service.prepareRename(document, position);
      service.documentHighlights(document, position);
    }
  }
  service.documentSymbols(document);
  service.documentLinks(document);
  service.fixAll(document, DEFAULT_SETTINGS);
  return diagnostics;
}

describe('bad input', () => {
  it('an empty file, or one of only comments, gives the one error Docker gives: no instructions', () => {
    for (const text of ['', '# just a comment\n\n# another\n']) {
      assert.deepStrictEqual(
        everything(text).map((d) => [d.code, d.range.start.line]),
        [['first-instruction', 0]],
      );
    }
  });
  it('binary junk gives one clear notice', () => {
    const junk = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const diagnostics = everything(junk);
    assert.strictEqual(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /binary/);
  });
  it('invalid UTF-8 (decoded with replacement characters) is linted as text', () => {
    const text = Buffer.from([
      0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a, 0x52, 0x55, 0x4e, 0x20, 0xc3, 0x28, 0x0a,
    ]).toString('utf8');
    everything(text);
  });
  it('a 10,000-line Dockerfile is linted', () => {
    const lines = ['FROM debian:12-slim'];
    for (let i = 0; i < 9998; i++) lines.push(i % 2 ? `RUN echo step${i} && cd /tmp` : `ENV VAR${i}=value${i}`);
    lines.push('USER nobody');
    const diagnostics = service.diagnostics(docOf(lines.join('\n')), DEFAULT_SETTINGS);
    assert.strictEqual(diagnostics.filter((d) => d.code === 'no-cd-in-run').length, 4999);
  });
  it('an unterminated JSON array is reported, not a crash', () => {
    const diagnostics = everything('FROM alpine:3.20\nUSER nobody\nCMD ["node", "app.js"\n');
    assert.ok(diagnostics.some((d) => d.code === 'exec-form-cmd'));
  });
  it('an unterminated heredoc does not crash', () => {
    everything('FROM alpine:3.20\nRUN <<EOF\napk add curl\n');
    everything('FROM alpine:3.20\nRUN <<EOF\n');
  });
  it('broken shell syntax in RUN does not crash', () => {
    everything('FROM alpine:3.20\nRUN echo "unterminated && if then fi $((\nUSER nobody\n');
    everything('FROM alpine:3.20\nRUN ' + '$('.repeat(5000) + '\n');
  });
  it('instructions without arguments and odd keywords do not crash', () => {
    everything(
      'FROM\nRUN\nCMD\nENTRYPOINT\nUSER\nWORKDIR\nADD\nCOPY\nMAINTAINER\nONBUILD\nONBUILD RUN\nHEALTHCHECK\nSHELL\nFROM AS\nFOO bar\n\\\n',
    );
  });
  it('Windows line endings and the backtick escape work', () => {
    const diagnostics = everything(
      '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN dir `\r\n  c:\\\r\nUSER ContainerUser\r\n',
    );
    assert.deepStrictEqual(diagnostics, []);
  });
  it('a huge file beyond the size limit gets a notice instead of a lint', () => {
    const text = 'FROM alpine\n' + '# filler line\n'.repeat(200000);
    const diagnostics = service.diagnostics(docOf(text), { ...DEFAULT_SETTINGS, maxFileSize: 1024 * 1024 });
    assert.strictEqual(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /larger than/);
  });
  it('broken or hostile YAML gives diagnostics, not a hang', () => {
    const broken = everything('services:\n  web:\n    image: [unclosed\n', 'dockercompose');
    assert.ok(broken.some((d) => d.code === 'compose-yaml-syntax'));
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    everything(bomb.join('\n') + '\n', 'dockercompose');
    everything('a: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n', 'dockercompose');
  });
  it('editing features answer on deeply nested compose files (a hang fails on the test timeout)', () => {
    const deep = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + '\n' + ' '.repeat(1000);
    const document = docOf(deep, 'dockercompose');
    const end = document.positionAt(deep.length);
    service.completion(document, end);
    service.hover(document, { line: 999, character: 1000 });
    service.documentSymbols(document);
    everything(deep, 'dockercompose');
  });

  describe('the named bad inputs (issue 8): lint, hover, completion and formatting', () => {
    for (const input of BAD_INPUTS) {
      it(`${input.name} gets a diagnostic`, function () {
        this.timeout(60000);
        const fresh = new DockerCoachService({ docsBaseUri: 'file:///d' });
        const document = docOf(input.bytes.toString('utf8'), input.language);
        const diagnostics = fresh.diagnostics(document, DEFAULT_SETTINGS);
        assert.ok(diagnostics.length > 0, 'no diagnostic');
        assert.ok(
          diagnostics.some((d) => input.expect.test(`${String(d.code)} ${d.message}`)),
          diagnostics.map((d) => d.message).join('\n'),
        );
        assert.ok(!diagnostics.some((d) => /rule ".*" failed/.test(d.message)), 'a rule crashed');
        const last = document.positionAt(document.getText().length);
        for (const position of [{ line: 0, character: 1 }, { line: 1, character: 2 }, last]) {
          fresh.hover(document, position);
          fresh.completion(document, position);
        }
        fresh.format(document, { tabSize: 4, insertSpaces: true });
        fresh.documentSymbols(document);
      });
    }
  });
});
