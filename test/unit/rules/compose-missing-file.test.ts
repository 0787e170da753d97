import * as assert from 'assert';
import { findingsOf, flaggedBy, fakeDisk } from '../../support/lint';

const RULE = 'compose-missing-file';

describe(RULE, () => {
  it('needs the disk: silent without fileExists', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'services:\n  a:\n    build: ./nope\n'), []);
  });
  it('flags env files, contexts, Dockerfiles (relative to the context), extends and secret files', () => {
    const text =
      'services:\n  a:\n    build:\n      context: app\n      dockerfile: Dockerfile.dev\n    env_file: [a.env, {path: opt.env, required: false}, {path: b.env}]\n  b:\n    build: ./missing\n  c:\n    build: ./empty\n    extends: {file: base.yaml, service: x}\nsecrets:\n  s: {file: ./secret.txt}\n';
    const disk = fakeDisk({ 'a.env': '', 'app/Dockerfile': '', 'empty/README': '' });
    assert.deepStrictEqual(flaggedBy(RULE, text, { environment: disk }), [
      'Dockerfile.dev',
      'b.env',
      './missing',
      './empty',
      'base.yaml',
      './secret.txt',
    ]);
    const [dockerfile] = findingsOf(RULE, text, { environment: disk });
    assert.match(dockerfile.message, /relative to the build context app/);
  });
  it('never checks remote contexts, interpolated paths or inline Dockerfiles', () => {
    const text =
      'services:\n  a:\n    build: https://github.com/acme/app.git#main\n  b:\n    build: git@github.com:acme/app.git\n  c:\n    env_file: ${ENV_FILE}\n  d:\n    build: {context: ., dockerfile_inline: "FROM alpine:3.20"}\n';
    assert.deepStrictEqual(flaggedBy(RULE, text, { environment: fakeDisk({}) }), []);
  });
});
