import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DockerfileParser, Run } from 'dockerfile-ast';
import { DockerfileModel, RAW_ARGUMENTS_CACHED } from '../../server/src/dockerfile/model';
import { runCommands } from '../../server/src/dockerfile/commands';
import { docOf } from '../support/lint';
import { generateCorpus } from '../support/generateDockerfiles';
import { variableNames } from '../../server/src/rules/dockerfile/unused-arg';

describe('Dockerfile model', () => {
  it('keeps dockerfile-ast argument splits per instruction (the installed dockerfile-ast still has the method it wraps)', () => {
    assert.strictEqual(RAW_ARGUMENTS_CACHED, true);
  });

  it('gives the same arguments and flags as an unshared parse, however often it is asked', () => {
    const text = 'FROM alpine:3.20 AS build\nCOPY --chown=app:app --from=build a \\\n  b /dst/\nRUN --mount=type=cache,target=/root/.cache \\\n  apk add --no-cache curl\nHEALTHCHECK --interval=5s CMD ["true"]\n';
    const plain = (): { args: string[]; flags: string[] }[] =>
      DockerfileParser.parse(text).getInstructions().map((i) => ({
        args: i.getArguments().map((a) => `${a.getValue()}@${a.getRange().start.line}:${a.getRange().start.character}`),
        flags: 'getFlags' in i ? (i as unknown as { getFlags(): { getName(): string }[] }).getFlags().map((f) => f.getName()) : [],
      }));
    const model = new DockerfileModel(docOf(text));
    for (let round = 0; round < 3; round++) {
      const again = model.ast.getInstructions().map((i) => ({
        args: i.getArguments().map((a) => `${a.getValue()}@${a.getRange().start.line}:${a.getRange().start.character}`),
        flags: 'getFlags' in i ? (i as unknown as { getFlags(): { getName(): string }[] }).getFlags().map((f) => f.getName()) : [],
      }));
      assert.deepStrictEqual(again, plain());
    }
    // The model's instructions share one arguments array per instruction: it cannot be modified by accident.
    assert.ok(model.ast.getInstructions().every((i) => Object.isFrozen(i.getArguments())));
    // COPY's getArguments shifts its flags off the split it receives: each call must get its own copy.
    const copy = DockerfileParser.parse(text).getInstructions()[1];
    for (let round = 0; round < 3; round++) assert.deepStrictEqual(copy.getArguments().map((a) => a.getValue()), ['a', 'b', '/dst/']);
  });

  it('gives the same heredocs as an unshared parse, once per RUN', () => {
    const text = 'FROM alpine:3.20\nRUN <<EOF cat <<-INNER\necho one\nEOF\n\tsecond\n\tINNER\n';
    const heredocsOf = (run: Run) => run.getHeredocs().map((h) => `${h.getName()}:${JSON.stringify(h.getContentRange())}`);
    const plain = heredocsOf(DockerfileParser.parse(text).getInstructions()[1] as Run);
    assert.strictEqual(plain.length, 2);
    const run = new DockerfileModel(docOf(text)).ast.getInstructions()[1] as Run;
    assert.deepStrictEqual(heredocsOf(run), plain);
    assert.strictEqual(run.getHeredocs(), run.getHeredocs());
    assert.ok(Object.isFrozen(run.getHeredocs()));
  });

  it('builds the RUN commands once per model version', () => {
    const model = new DockerfileModel(docOf('FROM alpine:3.20\nRUN apk add --no-cache curl && echo done\n'));
    assert.strictEqual(runCommands(model), runCommands(model));
    assert.deepStrictEqual(runCommands(model).map((c) => c.name), ['apk', 'echo']);
  });
});

describe('unused-arg variable names', () => {
  it('are exactly the names dockerfile-ast lists, without its per-variable resolution', () => {
    const texts = [
      ...corpusTexts(),
      ...generateCorpus(300, 9).map((g) => g.text),
      'FROM alpine:3.20\nARG A B=${A:-x}\nRUN echo $A ${B} \\$C "${D:?e}" $$ ${E:+y} `echo $F`\nENV G=$A\nCOPY --chown=$USER:${GROUP} $SRC /dst\n',
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG V\nRUN echo `$V $env:V %V% ${V}\n',
    ];
    let names = 0;
    for (const text of texts) {
      for (const instruction of DockerfileParser.parse(text).getInstructions()) {
        const expected = instruction.getVariables().map((v) => v.getName());
        assert.deepStrictEqual(variableNames(instruction), expected, instruction.toString());
        names += expected.length;
      }
    }
    assert.ok(names > 150, `variables compared: ${names}`);
  });
});

function corpusTexts(): string[] {
  const root = path.resolve(__dirname, '../../../test/fixtures');
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full);
    return /(^|\.)(Dockerfile|Containerfile)(\.|$)|\.dockerfile$/i.test(e.name) && !e.name.endsWith('.dockerignore') ? [full] : [];
  });
  return walk(root).map((f) => fs.readFileSync(f, 'utf8'));
}
