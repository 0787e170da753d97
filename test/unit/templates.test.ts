import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit } from 'vscode-languageserver-types';
import { commandsOf } from '../../server/src/dockerfile/commands';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { Finding } from '../../server/src/rules/types';
import { guardTemplate } from '../../server/src/engine/guards';
import { lint } from '../../server/src/engine/lint';
import { formatDockerfile } from '../../server/src/service/formatting';
import { lintText } from '../support/lint';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/templates');

function read(name: string): string {
  return fs.readFileSync(path.join(fixtures, name), 'utf8');
}

function docNamed(name: string, text: string): TextDocument {
  return TextDocument.create(`file:///project/${name}`, 'dockerfile', 1, text);
}

/** "line:column rule" of each finding (1-based, as the CLI prints them). */
function findingsOf(name: string, text: string): string[] {
  // The strict preset, so that the rules around template actions have more to say.
  return lint(docNamed(name, text), { ...DEFAULT_SETTINGS, preset: 'strict' }).findings.map(
    (f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule.id}`,
  );
}

describe('Dockerfile templates', () => {
  const jqTemplate = read('Dockerfile.template');
  const goTemplate = read('Dockerfile.tmpl');

  it('reports nothing about template actions in a docker-library style template, and still lints the Dockerfile around them', () => {
    // Before: `{{` and `-}}` as instructions before FROM, image "{{", stage "{{", a finding on the templated FROM.
    assert.deepStrictEqual(findingsOf('Dockerfile.template', jqTemplate), [
      '11:5 legacy-key-value-format',
      '16:21 apk-pin-versions',
      '19:45 apt-get-pin-versions',
    ]);
  });

  it('reads a Go template: the templated image stays one word, so `AS build` still names the stage', () => {
    // Before: image "{{" without a tag, label key "{{", and no stage named "build".
    assert.deepStrictEqual(findingsOf('Dockerfile.tmpl', goTemplate), []);
  });

  it('recognises a template by its text when its name does not say so', () => {
    assert.deepStrictEqual(findingsOf('Dockerfile', jqTemplate), findingsOf('Dockerfile.template', jqTemplate));
    assert.notStrictEqual(new DockerfileModel(docNamed('Dockerfile', goTemplate)).template, null);
  });

  it('keeps a RUN whole across control lines: both branches are in one script', () => {
    const model = new DockerfileModel(docNamed('Dockerfile.template', jqTemplate));
    const keywords = model.ast.getInstructions().map((i) => i.getKeyword());
    assert.deepStrictEqual(keywords, ['FROM', 'FROM', 'ENV', 'ENV', 'RUN', 'COPY', 'COPY', 'ENTRYPOINT', 'CMD']);
    const run = model.ast.getInstructions()[4];
    assert.deepStrictEqual(
      commandsOf(model, run).map((c) => c.name),
      ['set', 'apk', 'apt-get', 'apt-get', 'rm', 'curl', 'echo', 'sha256sum', 'mkdir', 'tar', 'rm'],
    );
    // Offsets are the document's: the templated word sits where the action is.
    assert.strictEqual(model.text.length, jqTemplate.length);
    assert.strictEqual(model.stages[1].from.getImage(), 'debian:' + 'x'.repeat('{{ env.variant }}'.length) + '-slim');
  });

  it('lints `{{` inside a plain Dockerfile as text: a RUN with a Go format string, a heredoc that writes a template', () => {
    const text = [
      'FROM debian:12',
      "RUN apt-get install curl && docker inspect --format '{{.Id}}' web > /id",
      'COPY <<EOF /etc/app/page.tmpl',
      '{{ range .Items }}',
      '<li>{{ .Name }}</li>',
      '{{ end }}',
      'EOF',
      '',
    ].join('\n');
    assert.strictEqual(new DockerfileModel(docNamed('Dockerfile', text)).template, null);
    const result = lintText(text, 'dockerfile', { preset: 'strict' });
    const run = result.findings
      .filter((f) => f.range.start.line === 1)
      .map((f) => f.rule.id)
      .sort();
    assert.deepStrictEqual(run, [
      'apt-get-clean-lists',
      'apt-get-no-recommends',
      'apt-get-pin-versions',
      'apt-get-yes',
    ]);
  });

  it('drops the fixes whose edits would change a template action, and keeps the others', () => {
    const model = new DockerfileModel(
      docNamed('Dockerfile.template', 'FROM alpine:3.20\nRUN apk add curl={{ .curl }}\n'),
    );
    const template = model.template!;
    const kept: Finding[] = [];
    const report = guardTemplate(template, (f) => kept.push(f));
    const clear = TextEdit.insert({ line: 1, character: 11 }, '--no-cache ');
    const cutting = TextEdit.replace({ start: { line: 1, character: 12 }, end: { line: 1, character: 22 } }, 'curl');
    const within = { start: { line: 1, character: 24 }, end: { line: 1, character: 26 } };
    report({
      messageId: 'm',
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } },
      fixes: () => [
        { title: 'clear', safe: true, edits: [clear] },
        { title: 'cutting', safe: true, edits: [clear, cutting] },
      ],
    });
    report({ messageId: 'about the action', range: within });
    assert.deepStrictEqual(
      kept.map((f) => f.messageId),
      ['m'],
    );
    assert.deepStrictEqual(
      kept[0].fixes!().map((p) => p.title),
      ['clear'],
    );
  });

  it('is not formatted (moving an action could change what the engine renders)', () => {
    const model = new DockerfileModel(docNamed('Dockerfile.template', 'from alpine:{{ .tag }}\nrun   echo hi\n'));
    assert.deepStrictEqual(formatDockerfile(model, { tabSize: 4, insertSpaces: true }), []);
  });
});
