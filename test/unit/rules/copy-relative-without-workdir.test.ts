import * as assert from 'assert';
import { findingsOf, fixedBy, lintText, flaggedBy } from '../../support/lint';

const RULE = 'copy-relative-without-workdir';

describe(RULE, () => {
  it('takes Windows drive paths as absolute, with or without quotes, whatever the escape character', () => {
    for (const dest of ['c:\\system32\\app.exe', '"d:\\tools\\"', 'c:/tools/']) {
      assert.deepStrictEqual(
        findingsOf(
          RULE,
          `FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe ${dest}\nUSER ContainerUser\n`,
        ),
        [],
        dest,
      );
    }
  });
  it('checks ONBUILD COPY after the WORKDIR the triggers or their stage set, and not a file part without FROM', () => {
    // An included file or a snippet goes after a WORKDIR we cannot see.
    assert.deepStrictEqual(findingsOf(RULE, 'COPY app.py app.py\nONBUILD COPY . src/\n'), []);
    assert.deepStrictEqual(
      findingsOf(RULE, 'FROM python:3.12-slim\nONBUILD COPY . src/\nUSER nobody\n').map((f) => f.text),
      ['src/'],
    );
    assert.deepStrictEqual(
      findingsOf(RULE, 'FROM python:3.12-slim\nONBUILD WORKDIR /app\nONBUILD COPY . src/\nUSER nobody\n'),
      [],
    );
    assert.deepStrictEqual(
      findingsOf(RULE, 'FROM python:3.12-slim\nWORKDIR /app\nONBUILD COPY . src/\nUSER nobody\n'),
      [],
    );
  });
  it('makes the destination absolute, inside quotes and in exec form, as a fix to review', () => {
    assert.strictEqual(
      fixedBy(RULE, 'FROM node:20-alpine\nCOPY a.txt "./conf/"\nUSER node\n'),
      'FROM node:20-alpine\nCOPY a.txt "/conf/"\nUSER node\n',
    );
    assert.strictEqual(
      fixedBy(RULE, 'FROM node:20-alpine\nCOPY ["a.txt", "conf/"]\nUSER node\n'),
      'FROM node:20-alpine\nCOPY ["a.txt", "/conf/"]\nUSER node\n',
    );
    const finding = lintText('FROM node:20-alpine\nCOPY a.txt .\nUSER node\n').findings.find((f) => f.rule.id === RULE);
    assert.strictEqual(finding?.fixes?.()[0].safe, false);
  });
  it('accepts stages built FROM scratch, directly or through other stages: their working directory is /', () => {
    const text =
      'FROM golang:1.23 AS build\nWORKDIR /src\nRUN go build -o /out/exit .\nFROM scratch AS exits\nCOPY --from=build /out/exit amd64\nFROM exits AS all\nCOPY notes.txt docs/\n';
    assert.deepStrictEqual(findingsOf(RULE, text), []);
  });
  it('still flags a stage whose base image decides the working directory', () => {
    assert.deepStrictEqual(
      findingsOf(RULE, 'FROM rust:1.80 AS build\nCOPY Cargo.toml .\nUSER nobody\n').map((f) => f.text),
      ['.'],
    );
  });
  it('flags a relative destination with no WORKDIR, on the destination', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM node:20\nCOPY --chown=node a.js app/\nCOPY ["b.js", "lib/"]\n', { force: true }),
      ['app/', '"lib/"]'],
    );
  });
  it('accepts absolute, Windows and variable destinations', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM node:20\nCOPY a /app/\nCOPY b C:\\app\\\nCOPY c "$DEST"\nCOPY d ${DEST}/x\n', {
        force: true,
      }),
      [],
    );
  });
  it('accepts a WORKDIR set earlier in the stage or in a parent stage, but not in an unrelated one', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM node:20 AS base\nWORKDIR /app\nFROM base AS dev\nCOPY a .\nFROM node:20\nCOPY b .\n', {
        force: true,
      }),
      ['.'],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM node:20\nCOPY a .\nWORKDIR /app\nCOPY b .\n', { force: true }).length,
      1,
    );
  });
  it('reads the destination of a heredoc COPY from its first line', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY <<EOF app.conf\nkey=value\nEOF\n', { force: true }),
      ['app.conf'],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n', { force: true }),
      [],
    );
  });
});
