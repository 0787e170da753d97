/** unsupported-variable-modifier: ${…} forms BuildKit's lexer refuses, where BuildKit expands. */
import * as assert from 'assert';
import { findingsOf } from '../../support/lint';

const found = (text: string) => findingsOf('unsupported-variable-modifier', text).map((f) => `${f.text}: ${f.message}`);

describe('unsupported-variable-modifier', () => {
  it('reports ${v:x}, ${v:} and ${v=x} in instructions BuildKit expands', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nARG V\nENV A=${V:latest}\nWORKDIR /${V:}\nLABEL b=${V=x}\n'), [
      ':latest: "${V:latest}": BuildKit does not support the modifier ":l" (it knows -, +, ?, their ":" forms, #, ##, %, %%, / and //).',
      ':: "${V:}": BuildKit does not support the modifier ":" (it knows -, +, ?, their ":" forms, #, ##, %, %%, / and //).',
      '=x: "${V=x}": BuildKit does not support the modifier "=" (it knows -, +, ?, their ":" forms, #, ##, %, %%, / and //).',
    ]);
  });
  it('accepts the modifiers BuildKit knows', () => {
    assert.deepStrictEqual(
      found('FROM alpine:3.20\nARG V\nENV A=${V:-a} B=${V+b} C=${V:?c} D=${V#x} E=${V%%y} F=${V//a/b}\n'),
      [],
    );
  });
  it('leaves RUN, CMD, ENTRYPOINT and single-quoted text to the shell, but checks RUN --mount values', () => {
    assert.deepStrictEqual(found("FROM alpine:3.20\nRUN echo ${V:0:3}\nCMD echo ${V:1}\nENV A='${V:x}'\n"), []);
    assert.deepStrictEqual(found('FROM alpine:3.20\nARG D\nRUN --mount=type=cache,target=${D:x} true\n'), [
      ':x: "${D:x}": BuildKit does not support the modifier ":x" (it knows -, +, ?, their ":" forms, #, ##, %, %%, / and //).',
    ]);
  });
  it('reports a ${ never closed in its instruction, at its first word', () => {
    assert.deepStrictEqual(
      found(
        'FROM alpine:3.20\nARG V\nCOPY app-${V.tar.gz /srv/\nSTOPSIGNAL ${V\nRUN --mount=type=cache,target=${HOME /x\nUSER nobody\n',
      ),
      [
        '${V.tar.gz: "${V.tar.gz" is never closed with "}", so BuildKit stops with a syntax error.',
        '${V: "${V" is never closed with "}", so BuildKit stops with a syntax error.',
        '${HOME: "${HOME" is never closed with "}", so BuildKit stops with a syntax error.',
      ],
    );
  });
  it('reports ${} and ${:-x}, which name no variable; ${1} and quoted text are fine', () => {
    assert.deepStrictEqual(found("FROM alpine:3.20\nLABEL a=${} b=${:-x} c=${1} d='${e'\nUSER nobody\n"), [
      '${}: "${}" names no variable, so BuildKit stops with "bad substitution".',
      '${:-x}: "${:-x}" names no variable, so BuildKit stops with "bad substitution".',
    ]);
  });
  it('matches braces across the arguments of one word, as BuildKit reads quotes', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nARG DEBUG\nARG FLAGS=${DEBUG:+"all=-N -l"}\nUSER nobody\n'), []);
  });
  it('checks the body of an unquoted COPY heredoc, which BuildKit expands, and not a quoted one', () => {
    assert.deepStrictEqual(
      found(
        'FROM alpine:3.20\nCOPY <<EOF /a\necho ${X\nEOF\nCOPY <<"EOF" /b\necho ${Y\nEOF\nCOPY <<\'EOF\' /c\necho ${Z:x}\nEOF\nUSER nobody\n',
      ),
      ['${X: "${X" is never closed with "}", so BuildKit stops with a syntax error.'],
    );
  });
});
