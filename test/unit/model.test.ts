import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DockerfileParser, Run } from 'dockerfile-ast';
import { DockerfileModel, forgetInstructionCaches, RAW_ARGUMENTS_CACHED } from '../../server/src/dockerfile/model';
import { runCommands } from '../../server/src/dockerfile/commands';
import { docOf } from '../support/lint';
import { generateCorpus } from '../support/generateDockerfiles';
import { variableNames } from '../../server/src/rules/dockerfile/unused-arg';

describe('Dockerfile model', () => {
  it('keeps dockerfile-ast argument splits per instruction (the installed dockerfile-ast still has the method it wraps)', () => {
    assert.strictEqual(RAW_ARGUMENTS_CACHED, true);
  });

  it('gives the same arguments and flags as an unshared parse, however often it is asked', () => {
    const text =
      'FROM alpine:3.20 AS build\nCOPY --chown=app:app --from=build a \\\n  b /dst/\nRUN --mount=type=cache,target=/root/.cache \\\n  apk add --no-cache curl\nHEALTHCHECK --interval=5s CMD ["true"]\n';
    const plain = (): { args: string[]; flags: string[] }[] =>
      DockerfileParser.parse(text)
        .getInstructions()
        .map((i) => ({
          args: i
            .getArguments()
            .map((a) => `${a.getValue()}@${a.getRange().start.line}:${a.getRange().start.character}`),
          flags:
            'getFlags' in i
              ? (i as unknown as { getFlags(): { getName(): string }[] }).getFlags().map((f) => f.getName())
              : [],
        }));
    const model = new DockerfileModel(docOf(text));
    for (let round = 0; round < 3; round++) {
      const again = model.ast.getInstructions().map((i) => ({
        args: i.getArguments().map((a) => `${a.getValue()}@${a.getRange().start.line}:${a.getRange().start.character}`),
        flags:
          'getFlags' in i
            ? (i as unknown as { getFlags(): { getName(): string }[] }).getFlags().map((f) => f.getName())
            : [],
      }));
      assert.deepStrictEqual(again, plain());
    }
    // The model's instructions share one arguments array per instruction: it cannot be modified by accident.
    assert.ok(model.ast.getInstructions().every((i) => Object.isFrozen(i.getArguments())));
    // COPY's getArguments shifts its flags off the split it receives: each call must get its own copy.
    const copy = DockerfileParser.parse(text).getInstructions()[1];
    for (let round = 0; round < 3; round++)
      assert.deepStrictEqual(
        copy.getArguments().map((a) => a.getValue()),
        ['a', 'b', '/dst/'],
      );
  });

  it('splits an instruction met in an earlier text exactly as a fresh split would, on its new line', () => {
    const splits = (text: string): string[] =>
      DockerfileParser.parse(text)
        .getInstructions()
        .flatMap((i) => [
          i.getKeyword(),
          ...i.getArguments().map((a) => `${a.getValue()}@${JSON.stringify(a.getRange())}`),
        ]);
    const texts = [
      ...generateCorpus(120, 23).map((g) => g.text),
      'FROM alpine:3.20\nRUN apk add \\\n    curl \\\n  # a comment\n    git\nCOPY a b /dst/\n',
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo `\n  one two\nCOPY a b c:/dst/\n',
    ];
    let compared = 0;
    for (const text of texts) {
      // Moved down a line, indented, with CRLF line ends, and under the other escape character.
      const variants = [
        `\n${text}`,
        text.replace(/^(?=[A-Z])/gm, '  '),
        text.replace(/\n/g, '\r\n'),
        text.startsWith('# escape') ? text.replace('# escape=`', '') : `# escape=\`\n${text}`,
      ];
      for (const variant of variants) {
        forgetInstructionCaches();
        const fresh = splits(variant);
        forgetInstructionCaches();
        splits(text);
        assert.deepStrictEqual(splits(variant), fresh, variant);
        compared += fresh.length;
      }
    }
    assert.ok(compared > 5000, `arguments compared: ${compared}`);
  });

  it("keeps the FROM image argument's range when the image name's range is asked for", () => {
    // dockerfile-ast assigns new ends to the range getImageRange() returns; with arguments kept per
    // instruction, that moved the argument for every later reader (pin-base-image asks for it).
    const text = 'FROM registry.example.com/team/app@sha256:' + 'a'.repeat(64) + '\nFROM docker.io/library/ubuntu\n';
    const model = new DockerfileModel(docOf(text));
    for (const stage of model.stages) {
      const argument = stage.from.getArguments()[0];
      const before = JSON.stringify(argument.getRange());
      const nameRange = stage.from.getImageNameRange();
      assert.ok(nameRange && nameRange.start.character > 5, 'the name starts after the registry');
      stage.from.getRegistryRange();
      assert.strictEqual(JSON.stringify(argument.getRange()), before);
      assert.strictEqual(JSON.stringify(stage.from.getImageNameRange()), JSON.stringify(nameRange));
    }
  });

  it('gives the same heredocs as an unshared parse, once per RUN', () => {
    const heredocsOf = (run: Run) =>
      run.getHeredocs().map((h) => `${h.getName()}:${JSON.stringify(h.getContentRange())}`);
    for (const [text, count] of [
      ['FROM alpine:3.20\nRUN <<EOF cat <<-INNER\necho one\nEOF\n\tsecond\n\tINNER\n', 2],
      // A line continuation inside the `<<` (BuildKit joins the lines first, so it is a heredoc there too).
      ['FROM alpine:3.20\nRUN <\\\n<EOF\necho hi\nEOF\n', 1],
      ['FROM alpine:3.20\nRUN echo "<" > /tmp/lt\n', 0],
    ] as const) {
      const plain = heredocsOf(DockerfileParser.parse(text).getInstructions()[1] as Run);
      assert.strictEqual(plain.length, count, text);
      const run = new DockerfileModel(docOf(text)).ast.getInstructions()[1] as Run;
      assert.deepStrictEqual(heredocsOf(run), plain, text);
      assert.strictEqual(run.getHeredocs(), run.getHeredocs());
      assert.ok(Object.isFrozen(run.getHeredocs()));
    }
  });

  it('puts instructions before or without FROM in a fragment scope, apart from the stages', () => {
    const model = new DockerfileModel(docOf('ARG V=1\nRUN make\nLABEL a=b\nFROM alpine:3.20\nRUN echo\n'));
    assert.deepStrictEqual(
      model.scopes.map((s) => [s.kind, s.instructions.map((i) => i.getKeyword())]),
      [
        ['fragment', ['RUN', 'LABEL']],
        ['stage', ['RUN']],
      ],
    );
    assert.strictEqual(model.stages.length, 1);
    assert.deepStrictEqual(
      model.globalArgs.map((a) => a.getKeyword()),
      ['ARG'],
    );
    assert.strictEqual(new DockerfileModel(docOf('FROM alpine:3.20\nRUN echo\n')).fragment, null);
  });

  it('gives each stage with ONBUILDs a scope of its triggers, with ranges inside the ONBUILD lines, starting from the stage', () => {
    const text =
      'FROM debian:12 AS base\nSHELL ["/bin/bash", "-c"]\nONBUILD RUN apt-get install -y curl\nONBUILD COPY . /src\nFROM base\nRUN true\n';
    const model = new DockerfileModel(docOf(text));
    assert.deepStrictEqual(
      model.scopes.map((s) => s.kind),
      ['stage', 'onbuild', 'stage'],
    );
    const triggers = model.scopes[1];
    assert.strictEqual(triggers.fromStage, model.stages[0]);
    assert.deepStrictEqual(
      triggers.instructions.map((i) => [i.getKeyword(), i.getRange().start]),
      [
        ['RUN', { line: 2, character: 8 }],
        ['COPY', { line: 3, character: 8 }],
      ],
    );
    // The same objects every time, so caches keyed by instruction hold.
    assert.strictEqual(model.scopeOf(triggers.instructions[0]), triggers);
    assert.deepStrictEqual(
      runCommands(model).map((c) => [c.name, c.stage.kind]),
      [
        ['apt-get', 'onbuild'],
        ['true', 'stage'],
      ],
    );
    // A trigger runs under the SHELL its stage left.
    assert.strictEqual(model.shellOf(triggers.instructions[0]), 'bash');
  });

  it('inherits SHELL through FROM <stage>', () => {
    const model = new DockerfileModel(
      docOf('FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nFROM base\nRUN make\n'),
    );
    assert.deepStrictEqual(model.shellAt(model.stages[1].instructions[0]), ['/bin/ash', '-eo', 'pipefail', '-c']);
  });

  it('builds the RUN commands once per model version', () => {
    const model = new DockerfileModel(docOf('FROM alpine:3.20\nRUN apk add --no-cache curl && echo done\n'));
    assert.strictEqual(runCommands(model), runCommands(model));
    assert.deepStrictEqual(
      runCommands(model).map((c) => c.name),
      ['apk', 'echo'],
    );
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
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full);
      return /(^|\.)(Dockerfile|Containerfile)(\.|$)|\.dockerfile$/i.test(e.name) && !e.name.endsWith('.dockerignore')
        ? [full]
        : [];
    });
  return walk(root).map((f) => fs.readFileSync(f, 'utf8'));
}
