/** undefined-var: variables Docker expands itself, defined by ARG/ENV before use (BuildKit's UndefinedVar). */
import * as assert from 'assert';
import { fixedBy, lintText, reportsOf } from '../../support/lint';

const findings = (text: string, rule: string, settings = {}) => reportsOf(rule, text, { settings });
const firstFix = (text: string, rule: string, settings = {}) => fixedBy(rule, text, { settings });

describe('undefined-var', () => {
  const ids = (text: string) => findings(text, 'undefined-var').map((f) => f.text);
  it('does not look into RUN, CMD or ENTRYPOINT', () => {
    assert.deepStrictEqual(
      ids('FROM alpine:3.20\nRUN echo $NOPE\nRUN ["sh", "-c", "echo $nope"]\nCMD echo $nope\nUSER nobody\n'),
      [],
    );
  });
  it('skips single-quoted and escaped dollars', () => {
    assert.deepStrictEqual(ids("FROM scratch\nENV A='$nope' B=\\$nope\nUSER 65534\n"), []);
  });
  it('reports every unknown name in a stage built from scratch', () => {
    assert.deepStrictEqual(ids('FROM scratch\nCOPY $SRC /app\nUSER 65534\n'), ['SRC']);
  });
  it('on an image base, reports likely typos and lower-case names only', () => {
    assert.deepStrictEqual(
      ids(
        'FROM node:20.14-alpine3.20\nENV APP_DIR=/app\nCOPY . $APP_DIRR\nCOPY . $NODE_PATH\nCOPY . $dest\nUSER node\n',
      ),
      ['APP_DIRR', 'dest'],
    );
  });
  it('on an image base, does not suggest PATH for a variable the image may set', () => {
    assert.deepStrictEqual(
      ids(
        'FROM golang:1.22\nWORKDIR $GOPATH/src/app\nFROM php:8.3-fpm\nCOPY php.ini $PHP_INI_DIR/php.ini\nUSER www-data\n',
      ),
      [],
    );
    // Through a local stage built on the image as well.
    assert.deepStrictEqual(ids('FROM golang:1.22 AS base\nFROM base\nCOPY . $GOPATH/src\nUSER nobody\n'), []);
  });
  it('on an image base, reports a one-typo miss of the variable the same ENV sets', () => {
    const found = findings(
      'FROM python:3.12-slim\nENV PATH=$PAHT:/opt/bin LD_LIBRARY_PATH=${LD_LIBRARY_PTH}:/opt/lib\nUSER nobody\n',
      'undefined-var',
    );
    assert.deepStrictEqual(
      found.map((f) => f.text),
      ['PAHT', 'LD_LIBRARY_PTH'],
    );
    assert.strictEqual(
      found[0].message,
      '$PAHT is not defined by an ARG or ENV of this Dockerfile before this instruction (did you mean $PATH?); unless the base image python:3.12-slim sets it, it expands to an empty string.',
    );
    assert.strictEqual(
      firstFix('FROM python:3.12-slim\nENV PATH=$PAHT:/opt/bin\nUSER nobody\n', 'undefined-var'),
      'FROM python:3.12-slim\nENV PATH=$PATH:/opt/bin\nUSER nobody\n',
    );
    // Two edits away (GOPATH), another key's value, a LABEL, or the name itself: not a typo of the setting.
    assert.deepStrictEqual(
      ids('FROM golang:1.22\nLABEL PATH=$PAHT\nENV PATH=$GOPATH/bin:$PATH A=$PAHT\nUSER nobody\n'),
      [],
    );
  });
  it('from scratch, still suggests PATH', () => {
    const found = findings('FROM scratch AS base\nFROM base\nENV P=$PAHT\nUSER 65534\n', 'undefined-var');
    assert.deepStrictEqual(found, [
      { text: 'PAHT', message: '$PAHT is not defined before this instruction (did you mean $PATH?).' },
    ]);
  });
  it('on an image base, says the image could set a near-miss, and names the image', () => {
    const found = findings(
      'FROM node:20.14-alpine3.20\nENV APP_DIR=/app\nCOPY . $APP_DIRR\nCOPY . $dest\nUSER node\n',
      'undefined-var',
    );
    assert.deepStrictEqual(
      found.map((f) => f.message),
      [
        '$APP_DIRR is not defined by an ARG or ENV of this Dockerfile before this instruction (did you mean $APP_DIR?); unless the base image node:20.14-alpine3.20 sets it, it expands to an empty string.',
        '$dest is not defined by an ARG or ENV of this Dockerfile before this instruction; it may come from the base image node:20.14-alpine3.20, otherwise it expands to an empty string.',
      ],
    );
    const severities = lintText(
      'FROM node:20.14-alpine3.20\nENV APP_DIR=/app\nCOPY . $APP_DIRR\nCOPY . $dest\nUSER node\n',
      'dockerfile',
    )
      .findings.filter((f) => f.rule.id === 'undefined-var')
      .map((f) => f.severity);
    assert.deepStrictEqual(severities, ['warning', 'info']);
  });
  it('knows every name of an ARG that declares several', () => {
    assert.deepStrictEqual(ids('FROM scratch\nARG A B C=3\nARG D\nCOPY $A$B$C$D /x\nUSER 65534\n'), []);
    assert.deepStrictEqual(ids('ARG A B\nFROM scratch\nARG A B\nCOPY $A$B /x\nUSER 65534\n'), []);
    assert.deepStrictEqual(ids('FROM scratch\nARG A \\\n  B="x y" C\nLABEL a=$A b=$B c=$C\nUSER 65534\n'), []);
  });
  it('checks the defaults of an ARG that declares several names', () => {
    assert.deepStrictEqual(ids('FROM scratch\nARG A B=$NOPE\nUSER 65534\n'), ['NOPE']);
  });
  it('inherits ENV and ARG from the stage it is built on', () => {
    assert.deepStrictEqual(
      ids('FROM scratch AS base\nENV APP=/app\nARG VERSION=1\nFROM base\nCOPY x $APP/$VERSION\nUSER 65534\n'),
      [],
    );
  });
  it('does not see a definition in the same instruction or a later one', () => {
    assert.deepStrictEqual(ids('FROM scratch\nENV A=1 B=$A\nLABEL c=$C\nENV C=3\nUSER 65534\n'), ['A', 'C']);
  });
  it('checks --chown and --chmod, and exec-form COPY', () => {
    assert.deepStrictEqual(ids('FROM scratch\nCOPY --chown=$OWNER --chmod=644 ["$SRC", "/app/"]\nUSER 65534\n'), [
      'OWNER',
      'SRC',
    ]);
  });
  it('ignores heredoc contents in COPY', () => {
    assert.deepStrictEqual(ids('FROM scratch\nCOPY <<EOF /app/config\nhome=$HOME\nEOF\nUSER 65534\n'), []);
  });
  it('knows PATH and the proxy arguments', () => {
    assert.deepStrictEqual(ids('FROM scratch\nENV PATH=/app/bin:$PATH NO=$no_proxy\nUSER 65534\n'), []);
  });
  it('reports global and platform ARGs used in a stage and offers to declare them', () => {
    const text = 'ARG VERSION=1\nFROM alpine:3.20\nCOPY app-$VERSION-$TARGETARCH /app\nUSER nobody\n';
    const found = findings(text, 'undefined-var');
    assert.deepStrictEqual(
      found.map((f) => f.text),
      ['VERSION', 'TARGETARCH'],
    );
    assert.match(found[1].message, /predefined only for FROM/);
    assert.strictEqual(
      firstFix(text, 'undefined-var'),
      'ARG VERSION=1\nFROM alpine:3.20\nARG VERSION\nCOPY app-$VERSION-$TARGETARCH /app\nUSER nobody\n',
    );
  });
  it("declares the ARG in the document's case", () => {
    assert.strictEqual(
      firstFix('from scratch\ncopy $TARGETOS /x\nuser 65534\n', 'undefined-var'),
      'from scratch\narg TARGETOS\ncopy $TARGETOS /x\nuser 65534\n',
    );
  });
});
