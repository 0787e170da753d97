import * as assert from 'assert';
import { DockerfileParser } from 'dockerfile-ast';
import { DockerfileModel, RAW_ARGUMENTS_CACHED } from '../../server/src/dockerfile/model';
import { runCommands } from '../../server/src/dockerfile/commands';
import { docOf } from '../support/lint';

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

  it('builds the RUN commands once per model version', () => {
    const model = new DockerfileModel(docOf('FROM alpine:3.20\nRUN apk add --no-cache curl && echo done\n'));
    assert.strictEqual(runCommands(model), runCommands(model));
    assert.deepStrictEqual(runCommands(model).map((c) => c.name), ['apk', 'echo']);
  });
});
